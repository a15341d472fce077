import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { app, BrowserWindow, protocol, session, shell } from 'electron';

import { APP_ORIGIN, handleAppRequest, isAppUrl } from './app-protocol';
import { userDataDir } from './app-paths';
import type { AppRuntime } from './app/app-runtime';
import { startAppRuntime } from './app/app-runtime';
import { bindIpc, sendEvent } from './ipc';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '..', 'renderer');
const PRELOAD = path.join(here, '..', 'preload', 'preload.cjs');

// Must happen before `ready`: app:// behaves like https (secure context, fetch, streaming for the media proxy).
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
// The CLI and the app share one data directory (and OSS_LIVE_DATA_DIR overrides both).
app.setPath('userData', userDataDir());

const windows = new Set<BrowserWindow>();

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    backgroundColor: '#0f1115',
    title: 'OSS Live Companion',
    webPreferences: { preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

async function serve(request: Request, runtime: AppRuntime): Promise<Response> {
  const reply = await handleAppRequest(request.url, RENDERER_DIR, runtime.routes);
  const body = reply.body === undefined ? null : reply.body instanceof Uint8Array ? reply.body : (Readable.toWeb(Readable.from(reply.body)) as ReadableStream);
  return new Response(body, { status: reply.status, headers: reply.headers });
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // A second launch would start a second emulator and fight over OBS: hand over to the first one instead.
    app.quit();
    return;
  }
  await app.whenReady();
  const runtime = await startAppRuntime({ mode: 'desktop', version: app.getVersion(), dataDir: app.getPath('userData') });
  protocol.handle('app', (request) => serve(request, runtime));
  // One permission, for the app itself: the Copy buttons' clipboard write (Chromium asks before writeText). No camera,
  // notifications, clipboard reads, ...
  const granted = (permission: string, url: string | undefined): boolean => permission === 'clipboard-sanitized-write' && isAppUrl(url);
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(granted(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => granted(permission, requestingOrigin));
  bindIpc(runtime.dispatch, (sender, frameUrl) => [...windows].some((w) => w.webContents === sender) && isAppUrl(frameUrl));
  runtime.events.subscribe((event, payload) => sendEvent([...windows].map((w) => w.webContents), event, payload));

  app.on('web-contents-created', (_event, contents) => {
    // No navigation away from the app (links, redirects, any frame), no new windows, no webviews; links to the web
    // open in the browser.
    const stayInApp = (event: { url: string; preventDefault(): void }): void => {
      if (!isAppUrl(event.url)) event.preventDefault();
    };
    contents.on('will-navigate', stayInApp);
    contents.on('will-frame-navigate', stayInApp);
    contents.on('will-redirect', stayInApp);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  app.on('second-instance', () => {
    const [first] = windows;
    if (first?.isMinimized()) first.restore();
    first?.focus();
  });
  app.on('activate', () => {
    if (windows.size === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    void runtime.close().finally(() => app.quit());
  });
  createWindow();
}

void main();
