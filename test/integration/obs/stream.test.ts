/**
 * The OBS controller against a real OBS Studio 29 (headless under Xvfb) streaming real H.264/AAC to a real RTMP
 * receiver (ffmpeg). One OBS instance serves the whole file; the tests run in order and leave OBS idle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ObsController } from '../../../electron/obs/controller';
import type { ConnectionState } from '../../../electron/obs/controller';
import type { ObsSample } from '../../../electron/obs/stats';
import type { StreamServiceSnapshot } from '../../../electron/obs/stream-service';
import type { StreamState } from '../../../electron/obs/stream-state';
import { freePort } from '../../support/listening-ports';
import { startObs } from '../../support/obs-headless';
import type { ObsInstance } from '../../support/obs-headless';
import { startRtmpReceiver } from '../../support/rtmp-receiver';
import type { RtmpReceiver } from '../../support/rtmp-receiver';
import { needs } from '../../support/tools';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(needs('obs', 'Xvfb', 'ffmpeg', 'ffprobe'))('ObsController with a real OBS', () => {
  let obs: ObsInstance;
  let controller: ObsController;
  const receivers: RtmpReceiver[] = [];

  beforeAll(async () => {
    obs = await startObs({ bitrate: 600 });
    controller = new ObsController({ url: obs.url, password: obs.password });
  });

  afterAll(async () => {
    await controller?.disconnect();
    for (const receiver of receivers) await receiver.stop();
    await obs?.stop();
  });

  async function receiver(): Promise<RtmpReceiver> {
    const started = await startRtmpReceiver();
    receivers.push(started);
    return started;
  }

  it('connects with the password and reports each state change', async () => {
    const states: ConnectionState[] = [];
    const off = controller.on('connection', (state) => states.push(state));
    await controller.connect();
    off();
    expect(states).toEqual(['connecting', 'connected']);
    expect(controller.state).toBe('connected');
    await expect(controller.request('GetVersion')).resolves.toMatchObject({ obsWebSocketVersion: '5.1.0' });
  });

  it('refuses a wrong password as auth, without retrying', async () => {
    const wrong = new ObsController({ url: obs.url, password: `${obs.password}-wrong` });
    const states: ConnectionState[] = [];
    wrong.on('connection', (state) => states.push(state));
    await expect(wrong.connect()).rejects.toMatchObject({ kind: 'auth', code: 4009 });
    const missing = new ObsController({ url: obs.url });
    await expect(missing.connect()).rejects.toMatchObject({ kind: 'auth', code: 4009 });
    expect(states).toEqual(['connecting', 'disconnected']);
  });

  it('reports a closed port as unreachable', async () => {
    const closed = new ObsController({ url: `ws://127.0.0.1:${await freePort()}`, password: obs.password });
    await expect(closed.connect()).rejects.toMatchObject({ kind: 'unreachable' });
    expect(closed.state).toBe('disconnected');
  });

  it('streams to an RTMP server, samples its health, stops, and puts the user’s service back exactly', async () => {
    const snapshot = await controller.getStreamService();
    const server = await receiver();
    await controller.setStreamService({ type: 'rtmp_custom', server: server.server, key: server.key });
    expect(await controller.getStreamService()).toMatchObject({
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: server.server, key: server.key, use_auth: false },
    });

    const states: StreamState[] = [];
    const off = controller.on('stream', (event) => states.push(event.state));
    await controller.startStream();
    expect(states).toEqual(['starting', 'started']);
    expect(await controller.getStreamStatus()).toMatchObject({ active: true, reconnecting: false });

    const samples: ObsSample[] = [await controller.sample()];
    for (let i = 0; i < 3; i++) {
      await sleep(1000);
      samples.push(await controller.sample());
    }
    const [first, ...later] = samples;
    expect(first?.bitrateKbps).toBeNull(); // nothing to compare the first one with
    for (const [index, sample] of later.entries()) {
      expect(sample.active).toBe(true);
      expect(sample.bytes).toBeGreaterThan(samples[index]?.bytes ?? Number.POSITIVE_INFINITY);
      // CBR video at the configured rate, plus 64 kbps AAC and FLV overhead.
      const configuredKbps = obs.settings.bitrate + 64;
      expect(sample.bitrateKbps).toBeGreaterThan(configuredKbps * 0.6);
      expect(sample.bitrateKbps).toBeLessThan(configuredKbps * 1.5);
      expect(sample.fps).toBeGreaterThan(obs.settings.fps * 0.8);
      expect(sample.outputTotalFrames).toBeGreaterThan(0);
      expect(sample.droppedRatio).toBe(0);
    }

    // OBS refuses to change the destination or start again while live.
    const elsewhere = { type: 'rtmp_custom', server: 'rtmp://127.0.0.1:9/live', key: 'other' } as const;
    await expect(controller.setStreamService(elsewhere)).rejects.toMatchObject({ kind: 'output-running', code: 500 });
    await expect(controller.startStream()).rejects.toMatchObject({
      kind: 'output-running',
      message: expect.stringMatching(/already streaming/),
    });

    await controller.stopStream();
    off();
    expect(states).toEqual(['starting', 'started', 'stopping', 'stopped']);
    expect(await controller.getStreamStatus()).toMatchObject({ active: false });

    // What OBS sent: H.264 + AAC at the seeded size, a keyframe every keyint frames.
    await server.ended;
    const media = await server.probe();
    expect(media.video).toMatchObject({ codec: 'h264', width: obs.settings.width, height: obs.settings.height });
    expect(media.audio).toMatchObject({ codec: 'aac' });
    expect(media.keyframeTimes.length).toBeGreaterThanOrEqual(2);
    const gops = media.keyframeTimes.slice(1).map((time, index) => time - (media.keyframeTimes[index] ?? 0));
    for (const gop of gops) expect(gop).toBeCloseTo(obs.settings.keyint / obs.settings.fps, 1);

    await controller.restoreStreamService(snapshot);
    expect(await controller.getStreamService()).toEqual(snapshot);
  });

  it('treats stopping when not live as done', async () => {
    const states: StreamState[] = [];
    const off = controller.on('stream', (event) => states.push(event.state));
    await expect(controller.stopStream()).resolves.toBeUndefined();
    off();
    expect(states).toEqual([]);
  });

  it('restores a custom service of the same type without keeping fields the app added', async () => {
    const users: StreamServiceSnapshot = {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: 'rtmp://ingest.example.com/app', key: 'users-own-key' },
    };
    await controller.restoreStreamService(users);
    expect(await controller.getStreamService()).toEqual(users);
    await controller.setStreamService({ type: 'rtmp_custom', server: 'rtmp://127.0.0.1:1935/live', key: 'ours' });
    await controller.restoreStreamService(users);
    expect(await controller.getStreamService()).toEqual(users);
  });

  it('preflights the seeded profile (x264, keyint 2 s) and flags a FragDuration of 1 s', async () => {
    const keyintSeconds = obs.settings.keyint / obs.settings.fps;
    const fits = await controller.preflight(Math.ceil(keyintSeconds));
    expect(fits).toMatchObject({
      outputMode: 'Simple',
      videoEncoder: 'x264',
      videoCodec: 'H.264',
      keyframeIntervalSeconds: keyintSeconds,
      audioCodec: 'AAC',
      fps: obs.settings.fps,
    });
    expect(fits.checks.map((check) => [check.id, check.ok])).toEqual([
      ['video-codec', true],
      ['keyframe-interval', true],
      ['audio-codec', true],
    ]);

    const tooShort = await controller.preflight(1);
    expect(tooShort.checks.find((check) => check.id === 'keyframe-interval')).toMatchObject({
      ok: false,
      message: expect.stringMatching(new RegExp(`FragDuration of 1 s.*keyint=${obs.settings.fps}`)),
    });
  });
});
