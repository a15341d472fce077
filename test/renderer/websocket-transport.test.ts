/**
 * Browser mode's renderer transport against the real host and the real app runtime, over a real socket: calls are
 * answered, and when the app goes away the call in flight and the next one fail with words in the UI language.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import NodeWebSocket from 'ws';

import type { ApiDispatcher } from '../../electron/api/dispatch';
import type { AppRuntime } from '../../electron/app/app-runtime';
import { startAppRuntime } from '../../electron/app/app-runtime';
import type { RunningHost } from '../../electron/host/host';
import { startHost } from '../../electron/host/host';
import { MemorySecretStore } from '../../electron/keychain';
import { websocketTransport } from '../../renderer/src/api/websocket-transport';
import { initI18n, setLanguage } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

/** A browser reports a refused or dropped connection as events; `ws` throws on an 'error' nobody listens to. */
class BrowserLikeWebSocket extends NodeWebSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => undefined);
  }
}

describe('websocketTransport', () => {
  let root = '';
  let runtime: AppRuntime;
  let host: RunningHost;
  /** Calls to these methods wait until the test lets them go: a call still in flight when the host goes away. */
  const held = new Set<unknown>();
  const arrived: unknown[] = [];

  beforeAll(async () => {
    vi.stubGlobal('WebSocket', BrowserLikeWebSocket);
    await initI18n('zh-CN');
    root = await mkdtemp(path.join(tmpdir(), 'oss-live-transport-'));
    runtime = await startAppRuntime({ mode: 'browser', version: 'test', dataDir: path.join(root, 'data'), secrets: new MemorySecretStore() });
    const dispatch: ApiDispatcher = (method, args) => {
      arrived.push(method);
      return held.has(method) ? new Promise(() => undefined) : runtime.dispatch(method, args);
    };
    host = await startHost({ port: 0, rendererDir: root, dispatch, events: runtime.events, routes: runtime.routes });
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    await setLanguage('en');
    await host?.close();
    await runtime?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('answers calls, then reports a lost connection and an unreachable app in the UI language', async () => {
    const url = new URL(host.url);
    const api = websocketTransport(`ws://${url.host}/api${url.search}`);
    try {
      await expect(api.invoke('app.info')).resolves.toMatchObject({ mode: 'browser', profile: { name: 'Local' } });

      held.add('profiles.list');
      const inFlight = api.invoke('profiles.list');
      await vi.waitFor(() => expect(arrived).toContain('profiles.list'), { timeout: 10_000 });
      await host.close();
      await expect(inFlight).rejects.toMatchObject({ name: 'ApiError', message: zhCN.app.connectionLost, data: { kind: 'internal' } });

      await expect(api.invoke('app.info')).rejects.toMatchObject({ name: 'ApiError', message: zhCN.app.unreachable });
      await setLanguage('en');
      await expect(api.invoke('app.info')).rejects.toMatchObject({ name: 'ApiError', message: en.app.unreachable });
    } finally {
      api.close();
    }
  });
});
