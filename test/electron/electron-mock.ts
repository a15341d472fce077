/**
 * A small hand-written stand-in for the 'electron' module, whose binary cannot be fetched on these machines. It holds
 * only what the shell (electron/main.ts, preload.ts, ipc.ts) uses, and records what the shell did with it so a test
 * can check it and drive it: fire `ready`, navigate a window, call an IPC handler as some sender.
 * Use it with `vi.mock('electron', () => import('./electron-mock'))`.
 */
import { EventEmitter } from 'node:events';

import { vi } from 'vitest';

/** A cancellable Electron event: `preventDefault()` is what the shell calls to block something. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  destroyed = false;
  windowOpenHandler: WindowOpenHandler | undefined;
  /** Every `send(channel, ...args)` in order. */
  readonly sent: unknown[][] = [];

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed'); // what Electron does, so misuse shows
    this.sent.push([channel, ...args]);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /**
   * Emits a navigation event as Electron 45 does (the URL on the event; the deprecated positional one too, except for
   * `will-frame-navigate`) and tells whether the shell blocked it.
   */
  navigate(url: string, kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = Object.assign(fakeEvent(), { url });
    if (kind === 'will-frame-navigate') this.emit(kind, event);
    else this.emit(kind, event, url);
    return event.defaultPrevented;
  }
}

class FakeApp extends EventEmitter {
  private ready = false;
  private readonly paths = new Map<string, string>();
  private resolveReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  readonly quit = vi.fn();
  singleInstanceLock = true;

  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }

  getPath(name: string): string {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`app.getPath('${name}'): not set in the mock`);
    return value;
  }

  getVersion(): string {
    return '0.0.0-test';
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /** The test's stand-in for Chromium finishing its start-up. */
  fireReady(): void {
    this.ready = true;
    this.resolveReady();
    this.emit('ready');
  }
}

export const app = new FakeApp();

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  focus(): void {}

  close(): void {
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

/** `registerSchemesAsPrivileged` calls, each with whether the app was ready by then (Electron requires: not yet). */
export const privilegedSchemes: Array<{ schemes: unknown; whileReady: boolean }> = [];
export const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown): void {
    privilegedSchemes.push({ schemes, whileReady: app.isReady() });
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    protocolHandlers.set(scheme, handler);
  },
};

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string) => boolean;

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn<(handler: PermissionRequestHandler) => void>(),
    setPermissionCheckHandler: vi.fn<(handler: PermissionCheckHandler) => void>(),
  },
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

/** What an `ipcMain.handle` listener receives; `senderFrame` is null when the frame is gone. */
export interface FakeInvokeEvent {
  sender: unknown;
  senderFrame: { url: string } | null;
}

export const ipcMainHandlers = new Map<string, (event: FakeInvokeEvent, ...args: unknown[]) => unknown>();

export const ipcMain = {
  handle(channel: string, listener: (event: FakeInvokeEvent, ...args: unknown[]) => unknown): void {
    if (ipcMainHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMainHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    ipcMainHandlers.delete(channel);
  },
};

/** Calls the shell's `ipcMain.handle` listener as `sender` showing `frameUrl` would (undefined: the frame is gone). */
export async function invokeMain(channel: string, sender: unknown, frameUrl: string | undefined, ...args: unknown[]): Promise<unknown> {
  const listener = ipcMainHandlers.get(channel);
  if (!listener) throw new Error(`no ipcMain handler for '${channel}'`);
  return listener({ sender, senderFrame: frameUrl === undefined ? null : { url: frameUrl } }, ...args);
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (channel: string, ...args: unknown[]): Promise<unknown> => ({ ok: true, value: { channel, args } }));
}

export const ipcRenderer = new FakeIpcRenderer();

/** What the preload exposed, by key. */
export const exposedInMainWorld = new Map<string, unknown>();

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (exposedInMainWorld.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    exposedInMainWorld.set(key, api);
  },
};
