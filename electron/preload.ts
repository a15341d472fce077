import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';

// Sandboxed preload: no Node, only 'electron'. Exposes exactly two functions; the renderer never sees ipcRenderer.
const IPC_INVOKE = 'api:invoke';
const IPC_EVENT = 'api:event';

contextBridge.exposeInMainWorld('ossLiveBridge', {
  /** One API call; resolves to `{ ok, value }` or `{ ok: false, error }` (errors cross as data). */
  invoke: (method: string, args: unknown[]): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE, method, args),
  /** Subscribes to one API event; returns the unsubscribe function. */
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const handler = (_sender: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.off(IPC_EVENT, handler);
    };
  },
});
