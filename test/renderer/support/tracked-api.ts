import type { MethodArgs, MethodName, MethodResult, RendererApi } from '../../../shared/api';

export interface TrackedApi extends RendererApi {
  /** Resolves once no call is running (calls started meanwhile are waited for too). */
  settled(): Promise<void>;
}

/**
 * A RendererApi that knows which calls are still running. Stores reload in the background when events arrive; a
 * test waits for those calls before closing the app, so none reaches a runtime that is shutting down.
 */
export function trackedApi(api: RendererApi): TrackedApi {
  const running = new Set<Promise<unknown>>();
  return {
    invoke<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>> {
      const call = api.invoke(method, ...args);
      running.add(call);
      call.then(
        () => running.delete(call),
        () => running.delete(call),
      );
      return call;
    },
    on: (event, listener) => api.on(event, listener),
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
