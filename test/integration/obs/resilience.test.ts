/**
 * The OBS controller when things break, against a real OBS Studio 29 under Xvfb: a publish nobody accepts, OBS
 * killed mid-stream and brought back on the same port, the RTMP server dropping under a live stream, and OBS coming
 * back with another password. The tests run in order; each OBS instance replaces the previous one, so at most one
 * runs at a time (a killed one only until the next is up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ObsController } from '../../../electron/obs/controller';
import type { StreamState } from '../../../electron/obs/stream-state';
import { freePort } from '../../support/listening-ports';
import { startObs } from '../../support/obs-headless';
import type { ObsInstance } from '../../support/obs-headless';
import { startRtmpReceiver } from '../../support/rtmp-receiver';
import type { RtmpReceiver } from '../../support/rtmp-receiver';
import { needs } from '../../support/tools';
import { nextEvent } from './next-event';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(needs('obs', 'Xvfb', 'ffmpeg'))('ObsController when OBS or the network fails', () => {
  let obs: ObsInstance;
  let controller: ObsController;
  const retired: ObsInstance[] = [];
  const receivers: RtmpReceiver[] = [];

  beforeAll(async () => {
    obs = await startObs();
    // Short delays: the tests wait for reconnects, and OBS comes back within a second.
    controller = new ObsController({
      url: obs.url,
      password: obs.password,
      reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
    });
    await controller.connect();
  });

  afterAll(async () => {
    await controller?.disconnect();
    for (const receiver of receivers) await receiver.stop();
    for (const instance of [...retired, obs]) await instance?.stop();
  });

  async function receiver(port?: number): Promise<RtmpReceiver> {
    const started = await startRtmpReceiver({ port });
    receivers.push(started);
    return started;
  }

  /** Kills the current OBS and starts a fresh one on the same port (same password unless given). */
  async function replaceObs(password = obs.password): Promise<void> {
    obs.kill('SIGKILL');
    retired.push(obs);
    obs = await startObs({ port: obs.port, password });
  }

  it('reports start-failed quickly when the RTMP server cannot be reached', async () => {
    const nobody = `rtmp://127.0.0.1:${await freePort()}/live`;
    await controller.setStreamService({ type: 'rtmp_custom', server: nobody, key: 'k' });
    const states: StreamState[] = [];
    const off = controller.on('stream', (event) => states.push(event.state));
    // OBS gives up within milliseconds; a timeout kind would mean the failure went unnoticed.
    const failure = await controller.startStream({ timeoutMs: 10_000 }).catch((error: unknown) => error);
    off();
    expect(failure).toMatchObject({ kind: 'start-failed', message: expect.stringMatching(/refused the publish/) });
    expect(states).toEqual(['starting', 'stopped']);
    expect(await controller.getStreamStatus()).toMatchObject({ active: false });
    // OBS left a modal "failed to connect" box; the next test replaces this instance anyway.
  });

  it('goes reconnecting when OBS dies mid-stream and connected again when OBS is back on the port', async () => {
    const server = await receiver();
    await controller.setStreamService({ type: 'rtmp_custom', server: server.server, key: server.key });
    await controller.startStream();

    const reconnecting = nextEvent(controller, 'connection', (state) => state === 'reconnecting', 2_000);
    obs.kill('SIGKILL');
    await reconnecting;
    expect(controller.state).toBe('reconnecting');
    await expect(controller.getStreamStatus()).rejects.toMatchObject({ kind: 'disconnected' });

    const connected = nextEvent(controller, 'connection', (state) => state === 'connected', 10_000);
    retired.push(obs);
    obs = await startObs({ port: obs.port, password: obs.password });
    await connected;
    // A fresh OBS, not streaming; the receiver saw its publisher vanish and finished.
    expect(await controller.getStreamStatus()).toMatchObject({ active: false });
    await server.ended;
  });

  it('surfaces RECONNECTING when the RTMP server drops, and RECONNECTED when it is back', async () => {
    const first = await receiver();
    await controller.setStreamService({ type: 'rtmp_custom', server: first.server, key: first.key });
    await controller.startStream();
    await sleep(500);

    const reconnecting = nextEvent(controller, 'stream', (event) => event.state === 'reconnecting', 10_000);
    first.kill('SIGKILL');
    expect(await reconnecting).toMatchObject({ state: 'reconnecting', active: false });
    expect(await controller.getStreamStatus()).toMatchObject({ active: true, reconnecting: true });

    // OBS retries the same URL every few seconds; a server on the same port lets it back in.
    const reconnected = nextEvent(controller, 'stream', (event) => event.state === 'reconnected', 20_000);
    await receiver(first.port);
    expect(await reconnected).toMatchObject({ state: 'reconnected' });
    // Data flows again (OBS clears its own reconnecting flag a moment after the event).
    const before = await controller.sample();
    await sleep(700);
    const after = await controller.sample();
    expect(after).toMatchObject({ active: true, reconnecting: false });
    expect(after.bytes).toBeGreaterThan(before.bytes);

    await controller.stopStream();
  });

  it('stops reconnecting and reports auth when OBS comes back with another password', async () => {
    const reconnecting = nextEvent(controller, 'connection', (state) => state === 'reconnecting', 2_000);
    const refused = nextEvent(controller, 'error', () => true, 10_000);
    await replaceObs(`${obs.password}-changed`);
    await reconnecting;
    expect(await refused).toMatchObject({ kind: 'auth', code: 4009 });
    expect(controller.state).toBe('disconnected');

    const fresh = new ObsController({ url: obs.url, password: obs.password });
    await fresh.connect();
    expect(fresh.state).toBe('connected');
    await fresh.disconnect();
  });
});
