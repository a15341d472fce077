import { beforeAll, describe, expect, it, vi } from 'vitest';

import { IPC_EVENT, IPC_INVOKE } from '../../electron/ipc';
import { exposedInMainWorld, fakeEvent, ipcRenderer } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

interface Bridge {
  invoke(method: string, args: unknown[]): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

describe('preload', () => {
  let bridge: Bridge;

  beforeAll(async () => {
    await import('../../electron/preload');
    bridge = exposedInMainWorld.get('ossLiveBridge') as Bridge;
  });

  it('exposes exactly ossLiveBridge.invoke and .on, and nothing else (never ipcRenderer itself)', () => {
    expect([...exposedInMainWorld.keys()]).toEqual(['ossLiveBridge']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });

  it('invoke sends the method and its arguments on the API channel and hands back the envelope', async () => {
    const outcome = await bridge.invoke('channels.info', ['ch1']);
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_INVOKE, 'channels.info', ['ch1']);
    expect(outcome).toEqual({ ok: true, value: { channel: IPC_INVOKE, args: ['channels.info', ['ch1']] } });
  });

  it('on delivers only its own event, without the IPC event object, until unsubscribed', () => {
    const points: unknown[] = [];
    const off = bridge.on('monitor.point', (payload) => points.push(payload));
    ipcRenderer.emit(IPC_EVENT, fakeEvent(), 'monitor.point', { n: 1 });
    ipcRenderer.emit(IPC_EVENT, fakeEvent(), 'monitor.alert', { n: 2 });
    ipcRenderer.emit('some-other-channel', fakeEvent(), 'monitor.point', { n: 3 });
    off();
    ipcRenderer.emit(IPC_EVENT, fakeEvent(), 'monitor.point', { n: 4 });
    expect(points).toEqual([{ n: 1 }]);
    expect(ipcRenderer.listenerCount(IPC_EVENT)).toBe(0);
  });
});
