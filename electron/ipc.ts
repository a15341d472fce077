import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcMain } from 'electron';

import type { ApiEventName, ApiEvents } from '../shared/api';
import type { ApiDispatcher } from './api/dispatch';

/** The two IPC channels of the typed contract: calls go renderer → main, events main → renderer. */
export const IPC_INVOKE = 'api:invoke';
export const IPC_EVENT = 'api:event';

/**
 * Binds the API to `ipcMain.handle`. Only renderers the app created, showing the app's own page, may call it: IPC
 * from any other web contents (a devtools extension, a stray frame, a navigated-away page) is dropped.
 */
export function bindIpc(dispatch: ApiDispatcher, isTrustedSender: (sender: WebContents, frameUrl: string | undefined) => boolean): () => void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, method: unknown, args: unknown) => {
    if (!isTrustedSender(event.sender, event.senderFrame?.url)) {
      return { ok: false, error: { kind: 'internal', message: 'Refused: this window may not call the app API.' } };
    }
    return dispatch(method, args);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Sends an API event to the given renderers (the app's own windows). */
export function sendEvent<E extends ApiEventName>(targets: Iterable<WebContents>, event: E, payload: ApiEvents[E]): void {
  for (const contents of targets) {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT, event, payload);
  }
}
