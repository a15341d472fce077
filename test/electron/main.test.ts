/**
 * The Electron main process with a mocked 'electron' and the real app runtime behind it (embedded emulator on a temp
 * data dir, secrets in memory): what the shell sets up before and after `ready`, and what it refuses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { ApiDispatcher } from '../../electron/api/dispatch';
import type { AppRuntime } from '../../electron/app/app-runtime';
import type * as AppRuntimeModule from '../../electron/app/app-runtime';
import { IPC_EVENT, IPC_INVOKE } from '../../electron/ipc';
import { MemorySecretStore } from '../../electron/keychain';
import { app, BrowserWindow, FakeWebContents, fakeEvent, invokeMain, privilegedSchemes, protocolHandlers, session, shell } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

/** The runtime main.ts started, with a spy around its dispatcher (the real one still answers). */
const started = vi.hoisted(() => ({ runtime: undefined as AppRuntime | undefined, dispatch: undefined as (ApiDispatcher & { mock: { calls: unknown[][] } }) | undefined }));

vi.mock('../../electron/app/app-runtime', async (importOriginal) => {
  const real = await importOriginal<typeof AppRuntimeModule>();
  return {
    ...real,
    startAppRuntime: async (options: Parameters<typeof real.startAppRuntime>[0]) => {
      // The OS keychain is not this test's business: keep secrets in memory.
      const runtime = await real.startAppRuntime({ ...options, secrets: new MemorySecretStore() });
      const dispatch = vi.fn(runtime.dispatch);
      started.runtime = runtime;
      started.dispatch = dispatch;
      return { ...runtime, dispatch };
    },
  };
});

const APP_PAGE = 'app://renderer/index.html';

describe('electron/main.ts', () => {
  let dataDir = '';
  let window: BrowserWindow;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'oss-live-shell-'));
    vi.stubEnv('OSS_LIVE_DATA_DIR', dataDir);
    await import('../../electron/main');
  });

  afterAll(async () => {
    await started.runtime?.close();
    vi.unstubAllEnvs();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('registers app:// as a privileged, standard, secure scheme before ready, and uses the shared data dir', () => {
    expect(privilegedSchemes).toEqual([
      { schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }], whileReady: false },
    ]);
    expect(app.getPath('userData')).toBe(dataDir);
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('opens one locked-down window on the app origin once ready', async () => {
    app.fireReady();
    await vi.waitFor(() => expect(BrowserWindow.created).toHaveLength(1), { timeout: 20_000 });
    window = BrowserWindow.created[0] as BrowserWindow;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(window.options.webPreferences?.preload)).toMatch(/[/\\]preload[/\\]preload\.cjs$/);
    expect(window.loadedUrl).toBe(APP_PAGE);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)('keeps %s on the app origin', (kind) => {
    const contents = window.webContents;
    expect(contents.navigate('app://renderer/index.html#/monitor', kind)).toBe(false);
    expect(contents.navigate('https://evil.example/', kind)).toBe(true);
    expect(contents.navigate('app://other/index.html', kind)).toBe(true);
    expect(contents.navigate('app://renderer.evil/index.html', kind)).toBe(true);
    expect(contents.navigate('file:///etc/passwd', kind)).toBe(true);
  });

  it('blocks webviews', () => {
    const contents = window.webContents;
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('denies every new window; https links open in the system browser, nothing else does', () => {
    const open = window.webContents.windowOpenHandler;
    expect(open).toBeDefined();
    expect(open?.({ url: 'https://help.aliyun.com/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://help.aliyun.com/');
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://renderer/index.html']) {
      expect(open?.({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('grants the app page the clipboard write its Copy buttons need, and nothing else', () => {
    const [[request] = []] = session.defaultSession.setPermissionRequestHandler.mock.calls;
    const [[check] = []] = session.defaultSession.setPermissionCheckHandler.mock.calls;
    expect(request).toBeDefined();
    expect(check).toBeDefined();
    const requested = (permission: string, requestingUrl: string): unknown => {
      const callback = vi.fn();
      request?.(window.webContents, permission, callback, { requestingUrl });
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0]?.[0];
    };
    expect(requested('clipboard-sanitized-write', APP_PAGE)).toBe(true);
    // Chromium reports the checking origin with or without a trailing slash depending on the path taken.
    expect(check?.(window.webContents, 'clipboard-sanitized-write', 'app://renderer')).toBe(true);
    expect(check?.(window.webContents, 'clipboard-sanitized-write', 'app://renderer/')).toBe(true);
    for (const other of ['https://evil.example/', 'app://renderer.evil/index.html', 'file:///etc/passwd']) {
      expect(requested('clipboard-sanitized-write', other)).toBe(false);
      expect(check?.(window.webContents, 'clipboard-sanitized-write', other)).toBe(false);
    }
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(requested(permission, APP_PAGE)).toBe(false);
      expect(check?.(window.webContents, permission, 'app://renderer')).toBe(false);
    }
  });

  it('answers its own window on the app page through the real dispatcher', async () => {
    const outcome = await invokeMain(IPC_INVOKE, window.webContents, APP_PAGE, 'app.info', []);
    expect(outcome).toMatchObject({ ok: true, value: { mode: 'desktop', version: '0.0.0-test', profile: { name: 'Local', local: true } } });
    expect(started.dispatch?.mock.calls).toEqual([['app.info', []]]);
  });

  it.each([
    ['a web contents it did not create', () => new FakeWebContents(), APP_PAGE],
    ['its window showing another origin', () => window.webContents, 'https://evil.example/'],
    ['its window in a look-alike origin', () => window.webContents, 'app://renderer.evil/index.html'],
    ['a frame that is gone', () => window.webContents, undefined],
  ])('refuses %s before the dispatcher sees the call', async (_case, sender, frameUrl) => {
    const calls = started.dispatch?.mock.calls.length;
    const outcome = await invokeMain(IPC_INVOKE, sender(), frameUrl, 'profiles.list', []);
    expect(outcome).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Refused/) } });
    expect(started.dispatch?.mock.calls.length).toBe(calls);
  });

  it('serves the renderer over app:// with the CSP, and nothing for other hosts', async () => {
    const handle = protocolHandlers.get('app');
    expect(handle).toBeDefined();
    const page = await handle?.(new Request(APP_PAGE));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page?.text()).toContain('<div id="root">');
    const other = await handle?.(new Request('app://evil/index.html'));
    expect(other?.status).toBe(404);
    expect(await other?.text()).toBe('');
  });

  it('forwards API events to its live windows only', () => {
    const before = window.webContents.sent.length;
    started.runtime?.events.emit('profiles.changed', { current: 'Local' });
    expect(window.webContents.sent.slice(before)).toEqual([[IPC_EVENT, 'profiles.changed', { current: 'Local' }]]);
    window.close();
    expect(() => started.runtime?.events.emit('profiles.changed', { current: 'Local' })).not.toThrow();
    expect(window.webContents.sent.slice(before)).toHaveLength(1);
  });

  it('closes the runtime (emulator included) and quits when the last window closes', async () => {
    const emulator = started.runtime?.context.emulator.instance;
    expect(emulator).toBeDefined();
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(started.runtime?.context.emulator.instance).toBeUndefined();
    await expect(fetch(`${emulator?.endpoint ?? ''}/`)).rejects.toThrow();
  });
});
