import { describe, expect, it, vi } from 'vitest';

import type { ApiDispatcher } from '../../electron/api/dispatch';
import { bindIpc, IPC_EVENT, IPC_INVOKE, sendEvent } from '../../electron/ipc';
import { FakeWebContents, invokeMain, ipcMainHandlers } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

describe('bindIpc', () => {
  const ownWindow = new FakeWebContents();
  const APP_PAGE = 'app://renderer/index.html';
  const trusted = (sender: unknown, frameUrl: string | undefined): boolean => sender === ownWindow && frameUrl === APP_PAGE;

  it('hands a trusted sender’s call to the dispatcher and returns its outcome', async () => {
    const dispatch = vi.fn<ApiDispatcher>(async () => ({ ok: true, value: 'pong' }));
    const unbind = bindIpc(dispatch, trusted);
    try {
      expect(await invokeMain(IPC_INVOKE, ownWindow, APP_PAGE, 'app.info', [])).toEqual({ ok: true, value: 'pong' });
      expect(dispatch).toHaveBeenCalledExactlyOnceWith('app.info', []);
    } finally {
      unbind();
    }
  });

  it.each([
    ['another web contents', new FakeWebContents(), APP_PAGE],
    ['its own window showing another page', ownWindow, 'https://example.com/'],
    ['a frame that is gone', ownWindow, undefined],
  ])('refuses %s without calling the dispatcher', async (_case, sender, frameUrl) => {
    const dispatch = vi.fn<ApiDispatcher>(async () => ({ ok: true, value: 'secret' }));
    const seen: Array<[unknown, string | undefined]> = [];
    const unbind = bindIpc(dispatch, (contents, url) => {
      seen.push([contents, url]);
      return trusted(contents, url);
    });
    try {
      const outcome = await invokeMain(IPC_INVOKE, sender, frameUrl, 'profiles.list', []);
      expect(outcome).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/^Refused/) } });
      expect(dispatch).not.toHaveBeenCalled();
      expect(seen).toEqual([[sender, frameUrl]]);
    } finally {
      unbind();
    }
  });

  it('unbinding removes the handler, so the channel can be bound again', () => {
    const unbind = bindIpc(vi.fn<ApiDispatcher>(), trusted);
    expect(ipcMainHandlers.has(IPC_INVOKE)).toBe(true);
    unbind();
    expect(ipcMainHandlers.has(IPC_INVOKE)).toBe(false);
  });
});

describe('sendEvent', () => {
  it('sends to live windows only, on the event channel, with the event name and payload', () => {
    const live = new FakeWebContents();
    const closed = new FakeWebContents();
    closed.destroyed = true;
    const payload = { current: 'Local' };
    // The shell is typed against Electron's WebContents; the fake stands in for it at run time only.
    sendEvent([live, closed] as unknown as Parameters<typeof sendEvent>[0], 'profiles.changed', payload);
    expect(live.sent).toEqual([[IPC_EVENT, 'profiles.changed', payload]]);
    expect(closed.sent).toEqual([]);
  });
});
