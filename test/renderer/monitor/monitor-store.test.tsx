// @vitest-environment jsdom
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMonitorStore } from '../../../renderer/src/stores/monitor-store';
import { publishTestPattern, stopAllPublishers } from '../../support/ffmpeg-publisher';
import { needs } from '../../support/tools';
import { useObs } from '../golive/local-obs';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';

const CHANNEL = 'store-live';

describe.runIf(needs('ffmpeg'))('Monitor store on a channel ffmpeg publishes to (no OBS running)', () => {
  let app: InProcessApp;

  beforeAll(async () => {
    app = await startInProcessApp();
    await useObs(app.api);
    await app.api.invoke('channels.create', 'store-idle', {}, { overwrite: false });
    await app.api.invoke('channels.create', CHANNEL, { fragDuration: 1, fragCount: 3 }, { overwrite: false });
    const { url } = await app.api.invoke('channels.signPublishUrl', CHANNEL, { expiresInSeconds: 600 });
    publishTestPattern(url, { seconds: 60, fragDuration: 1 });
  });
  afterAll(async () => {
    await stopAllPublishers();
    await app?.close();
  });

  it('folds monitor.point events into its window and state: OSS Live with its video, OBS unknown as gaps', async () => {
    const store = createMonitorStore(app.api);
    await store.getState().watch(CHANNEL);
    expect(store.getState().status).toBe('watching');

    await waitFor(
      () => {
        const oss = store.getState().oss?.point;
        expect(oss).toMatchObject({ reachable: true, status: 'Live', videoCodec: 'H264', audioCodec: 'AAC', width: 320, height: 180 });
        expect(oss?.reachable && oss.status === 'Live' && (oss.videoKbps ?? 0) > 0).toBe(true);
      },
      { timeout: 20_000, interval: 200 },
    );
    const { state, timeline, obs } = store.getState();
    expect(state.oss).toBe('Live');
    expect(state.obs).toBe('unknown');
    expect(obs?.point.reachable).toBe(false);

    // Every OBS reading failed: its columns hold gaps (null) where it was read, never a zero.
    const obsCells = timeline.obsKbps.filter((cell) => cell !== undefined);
    expect(obsCells.length).toBeGreaterThan(0);
    expect(obsCells.every((cell) => cell === null)).toBe(true);
    expect(timeline.fps.filter((cell) => cell !== undefined).every((cell) => cell === null)).toBe(true);
    // OSS's bandwidth is a number on the rows where OSS was read.
    expect(timeline.ossKbps.some((cell) => typeof cell === 'number' && cell > 0)).toBe(true);
    expect([...timeline.at].sort((a, b) => a - b)).toEqual(timeline.at);

    // New points keep arriving and bump the revision the charts redraw on.
    const revision = store.getState().revision;
    await waitFor(() => expect(store.getState().revision).toBeGreaterThan(revision), { timeout: 5_000 });

    // Who publishes since when, the audio rate; the preview through the media proxy; the OBS alert.
    await waitFor(() => expect(store.getState().ossDetails?.remoteAddr).toMatch(/127\.0\.0\.1/), { timeout: 10_000 });
    await waitFor(() => expect(store.getState().ossDetails?.audioSampleRate).toBe(44100), { timeout: 10_000 });
    expect(store.getState().preview).toEqual({ url: `media/${CHANNEL}/playlist.m3u8`, fragDurationSeconds: 1 });
    expect(store.getState().previewSession).toBeGreaterThan(0);
    await waitFor(() => expect(store.getState().alerts.map((alert) => alert.id)).toContain('obs-unreachable'), { timeout: 10_000 });

    await store.getState().unwatch();
    expect(store.getState().status).toBe('idle');
  });

  it('opens on the first channel when nothing is live, and switches channels on request', async () => {
    const store = createMonitorStore(app.api);
    await store.getState().open();
    expect(store.getState().channels).toEqual(['store-idle', CHANNEL]); // OSS lists channels by name
    expect(store.getState().channel).toBe('store-idle');

    await store.getState().watch('store-idle');
    await waitFor(() => expect(store.getState().state.oss).toBe('Idle'), { timeout: 10_000 });
    // An idle channel: no preview session (an old playlist is never played), nothing received.
    expect(store.getState().previewSession).toBe(0);
    const received = store.getState().timeline.ossKbps.filter((cell) => cell !== undefined);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((cell) => cell === 0)).toBe(true);
    await store.getState().unwatch();
  });
});
