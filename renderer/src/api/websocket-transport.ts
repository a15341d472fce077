import i18next from 'i18next';

import type { ApiEventName, ApiEvents, MethodArgs, MethodName, MethodResult, RendererApi } from '../../../shared/api';
import type { WireMessage } from '../../../shared/wire';
import { decodeWire, encodeWire } from '../../../shared/wire';
import { ApiError } from './api-error';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The contract over one WebSocket to the browser-mode host (loopback, per-launch token). Calls made while the socket
 * is (re)connecting wait for it; a dropped socket reconnects with backoff and fails the calls in flight.
 */
export function websocketTransport(url: string): RendererApi & { close(): void } {
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let nextId = 1;
  let closed = false;
  let retryDelay = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const onMessage = (event: MessageEvent<string>): void => {
    let message: WireMessage;
    try {
      message = decodeWire(event.data);
    } catch {
      return;
    }
    if (message.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    } else if (message.type === 'result') {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (!call) return;
      if (message.ok) call.resolve(message.value);
      else call.reject(new ApiError(message.error));
    }
  };

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener('message', onMessage);
      ws.addEventListener('open', () => {
        retryDelay = 250;
        socket = ws;
        resolve(ws);
      });
      ws.addEventListener('close', () => {
        socket = undefined;
        opened = undefined;
        for (const [id, call] of pending) {
          pending.delete(id);
          call.reject(new ApiError({ kind: 'internal', message: i18next.t('app.connectionLost') }));
        }
        reject(new ApiError({ kind: 'internal', message: i18next.t('app.unreachable') }));
        if (!closed && listeners.size > 0) {
          setTimeout(() => void connect().catch(() => undefined), retryDelay);
          retryDelay = Math.min(retryDelay * 2, 5000);
        }
      });
    });
    return opened;
  };

  return {
    async invoke<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>> {
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise<MethodResult<M>>((resolve, reject) => {
        pending.set(id, { resolve: (value) => resolve(value as MethodResult<M>), reject });
        ws.send(encodeWire({ type: 'call', id, method, args }));
      });
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      const wrapped = (payload: unknown): void => listener(payload as ApiEvents[E]);
      const set = listeners.get(event) ?? new Set();
      set.add(wrapped);
      listeners.set(event, set);
      void connect().catch(() => undefined);
      return () => {
        set.delete(wrapped);
        if (set.size === 0) listeners.delete(event);
      };
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
