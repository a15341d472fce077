import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ApiEventName, ApiEvents, MethodArgs, MethodName, MethodResult, RendererApi } from '../../../shared/api';
import type { ApiErrorData } from '../../../shared/wire';
import { decodeWire, encodeWire } from '../../../shared/wire';
import type { AppRuntime } from '../../../electron/app/app-runtime';
import { startAppRuntime } from '../../../electron/app/app-runtime';
import { MemorySecretStore } from '../../../electron/keychain';
import type { SecretStore } from '../../../electron/keychain';
import { ApiError } from '../../../renderer/src/api/api-error';

export interface InProcessApp {
  api: RendererApi;
  runtime: AppRuntime;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real app runtime (profiles, embedded emulator, services, handlers) in this process, with a RendererApi that
 * sends every call and event through the same JSON wire encoding browser mode uses. Component and store tests talk
 * to this instead of a mock: what they see is what the renderer gets. Secrets live in memory (no keychain needed)
 * unless `options.secrets` supplies another store (e.g. one that behaves like a missing keychain). `options.mode`
 * (default browser) is what `app.info` reports and decides e.g. whether finished exports report a file path.
 */
export async function startInProcessApp(options: { secrets?: SecretStore; mode?: 'desktop' | 'browser' } = {}): Promise<InProcessApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'oss-live-renderer-'));
  const runtime = await startAppRuntime({ mode: options.mode ?? 'browser', version: 'test', dataDir, secrets: options.secrets ?? new MemorySecretStore() });
  let nextId = 1;
  const api: RendererApi = {
    async invoke<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>> {
      const call = decodeWire(encodeWire({ type: 'call', id: nextId++, method, args }));
      if (call.type !== 'call') throw new Error('unexpected wire message');
      const outcome = await runtime.dispatch(call.method, call.args);
      const result = decodeWire(encodeWire({ type: 'result', id: call.id, ...outcome }));
      if (result.type !== 'result') throw new Error('unexpected wire message');
      if (!result.ok) throw new ApiError(result.error as ApiErrorData);
      return result.value as MethodResult<M>;
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      return runtime.events.subscribe((name, payload) => {
        if ((name as string) !== event) return;
        const message = decodeWire(encodeWire({ type: 'event', event: name, payload }));
        if (message.type === 'event') listener(message.payload as ApiEvents[E]);
      });
    },
  };
  return {
    api,
    runtime,
    dataDir,
    close: async () => {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
