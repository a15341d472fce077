/**
 * One websocket connection to OBS, from identified to closed. obs-websocket-js never settles a request whose answer
 * was lost with the connection (it drops its internal listeners on close), so everything waiting on a session
 * subscribes to its close and gives up then.
 */
import type { OBSWebSocket, OBSWebSocketError } from 'obs-websocket-js/json';

type CloseListener = (error: OBSWebSocketError) => void;

export class Session {
  readonly #listeners = new Set<CloseListener>();
  #closeError: OBSWebSocketError | null = null;

  constructor(readonly socket: OBSWebSocket) {
    socket.on('ConnectionClosed', (error) => {
      this.#closeError = error;
      for (const listener of [...this.#listeners]) listener(error);
      this.#listeners.clear();
    });
  }

  get isClosed(): boolean {
    return this.#closeError !== null;
  }

  /** Calls `listener` once when the socket closes (at once if it already has); returns an unsubscribe function. */
  onClose(listener: CloseListener): () => void {
    if (this.#closeError) {
      listener(this.#closeError);
      return () => undefined;
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
