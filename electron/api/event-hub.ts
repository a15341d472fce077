import type { ApiEventName, ApiEvents } from '../../shared/api';

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

/** Fans API events out to every connected renderer (Electron windows, browser-mode sockets). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // One broken transport must not keep the others from their events.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
