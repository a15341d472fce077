import type { ApiEventName, ApiEvents, MethodArgs, MethodName, MethodResult, RendererApi } from '../../../shared/api';
import type { ApiErrorData } from '../../../shared/wire';
import { ApiError } from './api-error';

/** What electron/preload.ts exposes on `window`. */
export interface ElectronBridge {
  invoke(method: string, args: unknown[]): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };

/** The contract over Electron IPC (preload's contextBridge). */
export function electronTransport(bridge: ElectronBridge): RendererApi {
  return {
    async invoke<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>> {
      const envelope = (await bridge.invoke(method, args)) as Envelope;
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.value as MethodResult<M>;
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      return bridge.on(event, (payload) => listener(payload as ApiEvents[E]));
    },
  };
}
