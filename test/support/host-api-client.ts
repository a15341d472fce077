/**
 * The browser-mode API from Node, exactly as the renderer reaches it: one WebSocket to `/api` with the per-launch
 * token and the host's own Origin, JSON wire messages. For benchmarks and tests that set the stage (create a channel,
 * sign a publish URL) while a browser shows the app.
 */
import WebSocket from 'ws';

import type { ApiEventName, ApiEvents, MethodArgs, MethodName, MethodResult } from '../../shared/api';
import type { WireMessage } from '../../shared/wire';
import { decodeWire, encodeWire } from '../../shared/wire';

export interface HostApiClient {
  call<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  close(): void;
}

/** Connects to the host behind `appUrl` (the URL `oss-live web` printed, token included). */
export async function connectHostApi(appUrl: string): Promise<HostApiClient> {
  const url = new URL(appUrl);
  const token = url.searchParams.get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/api?token=${encodeURIComponent(token)}`, { origin: url.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) => reject(new Error(`the host refused the API socket: ${String(response.statusCode)}`)));
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Set<(message: Extract<WireMessage, { type: 'event' }>) => void>();
  ws.on('message', (data: WebSocket.RawData) => {
    const message = decodeWire(data.toString());
    if (message.type === 'event') for (const listener of listeners) listener(message);
    if (message.type !== 'result') return;
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) call?.resolve(message.value);
    else call?.reject(new Error(`${message.error.kind}: ${message.error.message}`));
  });
  return {
    call<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: (value) => resolve(value as MethodResult<M>), reject });
        ws.send(encodeWire({ type: 'call', id, method, args }));
      });
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      const wrapped = (message: Extract<WireMessage, { type: 'event' }>): void => {
        if (message.event === event) listener(message.payload as ApiEvents[E]);
      };
      listeners.add(wrapped);
      return () => void listeners.delete(wrapped);
    },
    close: () => ws.close(),
  };
}
