/**
 * A small event emitter whose event names and payloads are checked by the compiler: `on('stream', (event) => …)`
 * gets a typed `event`, and a misspelt name does not compile.
 */

type Listener<Payload> = (payload: Payload) => void;

export class TypedEmitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Adds a listener; returns a function that removes it. */
  on<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): () => void {
    let listeners = this.#listeners.get(event);
    if (!listeners) this.#listeners.set(event, (listeners = new Set()));
    listeners.add(listener);
    return () => this.off(event, listener);
  }

  off<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): void {
    this.#listeners.get(event)?.delete(listener);
  }

  /**
   * Calls every listener of `event`. A listener that throws cannot break the emitter's own state machine: its error
   * is rethrown on a later microtask, so it still surfaces as an uncaught error instead of vanishing.
   */
  protected emit<Name extends keyof Events>(event: Name, payload: Events[Name]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as Listener<Events[Name]>)(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
