/**
 * The History & clips store against the real app runtime (embedded emulator, browser mode): which channel it
 * opens, the broadcasts it loads (the app's own records merged with OSS's), and the range rules before any call.
 * Media-dependent flows (preview, save, export of a real recording) are in history-screen.test.tsx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiError } from '../../../renderer/src/api/api-error';
import { createHistoryStore } from '../../../renderer/src/stores/history-store';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';

describe('history store', () => {
  let app: InProcessApp;
  let api: TrackedApi;
  const startedAt = new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    app = await startInProcessApp();
    api = trackedApi(app.api);
    for (const name of ['zeta', 'alpha', 'studio']) await app.api.invoke('channels.create', name, {}, { overwrite: false });
    // A broadcast the app itself ran on 'studio', recorded the way go-live and the monitor record it.
    const { deps } = await app.runtime.context.services();
    const session = { profile: deps.profile, bucket: deps.bucket, channel: 'studio' };
    await app.runtime.context.history.recordSessionStart({ ...session, startedAt, playlistName: 'playlist.m3u8', urlExpiresAt: new Date(Date.now() + 3_600_000) });
    await app.runtime.context.history.recordSessionEnd({
      ...session,
      endedAt: new Date(startedAt.getTime() + 600_000),
      health: { durationSeconds: 600, avgBitrateKbps: 2500, minBitrateKbps: 900, droppedFramesPercent: 0.4, reconnectCount: 2, alertCounts: {}, ossLiveSeconds: 590 },
    });
  });
  afterAll(async () => {
    await api?.settled();
    await app?.close();
  });

  it("lists the bucket's channels and opens the one with the latest broadcast, with that broadcast and its health", async () => {
    const store = createHistoryStore(api);
    await store.getState().loadChannels();
    const state = store.getState();
    expect(state.channels).toEqual(['alpha', 'studio', 'zeta']);
    expect(state.channel).toBe('studio');
    expect(state.broadcastsStatus).toBe('ready');
    expect(state.broadcasts).toHaveLength(1);
    expect(state.broadcasts[0]).toMatchObject({ channel: 'studio', source: 'app', startedAt, health: { reconnectCount: 2, avgBitrateKbps: 2500 } });
  });

  it('selecting a broadcast sets the range to its span; picking another channel clears it', async () => {
    const store = createHistoryStore(api);
    await store.getState().loadChannels();
    const [broadcast] = store.getState().broadcasts;
    if (!broadcast) throw new Error('no broadcast');
    store.getState().selectBroadcast(broadcast.id);
    expect(store.getState().selectedBroadcastId).toBe(broadcast.id);
    expect(store.getState().rangeInput.start).not.toBe('');
    await store.getState().selectChannel('alpha');
    expect(store.getState()).toMatchObject({ channel: 'alpha', broadcasts: [], selectedBroadcastId: undefined, rangeInput: { start: '', end: '' } });
  });

  it('keeps the last channel picked when two picks overlap', async () => {
    const store = createHistoryStore(api);
    await store.getState().loadChannels();
    const first = store.getState().selectChannel('alpha');
    const second = store.getState().selectChannel('studio');
    await Promise.all([first, second]);
    expect(store.getState().channel).toBe('studio');
    expect(store.getState().broadcasts.map((broadcast) => broadcast.channel)).toEqual(['studio']);
  });

  it('makes no call for an invalid range, and reports a range without segments as the range’s fault', async () => {
    const store = createHistoryStore(api);
    await store.getState().loadChannels();
    store.getState().setRangeInput('start', '2026-03-07T10:00:00');
    store.getState().setRangeInput('end', '2026-03-07T09:00:00');
    await store.getState().previewClip();
    await store.getState().startExport('mp4');
    expect(store.getState().clipPreview).toEqual({ status: 'idle' });
    expect(store.getState().exportJob).toBeUndefined();

    store.getState().setRangeInput('start', '2001-01-01T10:00:00');
    store.getState().setRangeInput('end', '2001-01-01T11:00:00');
    await store.getState().previewClip();
    const { clipPreview } = store.getState();
    expect(clipPreview.status).toBe('error');
    expect(clipPreview.error).toBeInstanceOf(ApiError);
    expect((clipPreview.error as ApiError).data).toMatchObject({ kind: 'validation', field: 'range' });

    await store.getState().startExport('ts');
    expect(store.getState().exportJob).toMatchObject({ state: 'failed', format: 'ts' });
    expect((store.getState().exportJob?.error as ApiError).data.field).toBe('range');
  });

  it('refuses a bad playlist name in the main process too, naming the field', async () => {
    const store = createHistoryStore(api);
    await store.getState().loadChannels();
    store.getState().setRangeInput('start', '2001-01-01T10:00:00');
    store.getState().setRangeInput('end', '2001-01-01T11:00:00');
    await store.getState().saveClip('clip.txt');
    expect((store.getState().savedClip.error as ApiError).data).toMatchObject({ kind: 'validation', field: 'playlistName' });
  });
});
