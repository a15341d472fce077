/**
 * Faults in the middle of a real broadcast: real OBS Studio 29 headless streaming through go-live to the emulator
 * (in-process, HTTP + RTMP), watched by a Monitor with its default intervals, while one thing breaks at a time:
 * the OBS websocket drops, the emulator restarts, OSS answers 503, OBS is killed. Each time the monitor must say
 * what is true within 3 s of the fault (deadlines run from the fault, not from when the check starts), recover
 * where it can, `stop` must give the user's OBS settings back exactly (compared with what an independent
 * connection saw before any go-live), and nothing recorded may be lost: segments written before the fault are still
 * listed and readable, and the emulator's and the app's histories have the sessions.
 *
 * One OBS at a time (restarted in place for the kill), channels with 1 s fragments and OBS making a keyframe every
 * second, so a broadcast has segments within a couple of seconds.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { GoLiveResult } from '../../../electron/golive';
import { goLive, stopBroadcast } from '../../../electron/golive';
import { FileBroadcastHistory } from '../../../electron/history';
import type { Broadcast } from '../../../electron/history';
import { DEFAULT_INTERVALS, Monitor } from '../../../electron/monitor';
import type { MonitorIntervals } from '../../../electron/monitor';
import { ObsController } from '../../../electron/obs';
import type { StreamServiceSnapshot } from '../../../electron/obs';
import { OssLiveClient } from '../../../electron/oss';
import type { BroadcastServices } from '../../../electron/services';
import { openBroadcastServices } from '../../../electron/services';
import type { RunningEmulator } from '../../../emulator';
import { startEmulator } from '../../../emulator';
import type { ObjectSummary } from '../../../shared/live-channel';
import type { TimelinePoint } from '../../../shared/monitor';
import { killAndWait, killAllOnExit } from '../../support/child-cleanup';
import { cleanEnv, runCli } from '../../support/cli';
import type { FaultProxy } from '../../support/fault-proxy';
import { startFaultProxy } from '../../support/fault-proxy';
import { freePort } from '../../support/listening-ports';
import type { ObsInstance } from '../../support/obs-headless';
import { startObs } from '../../support/obs-headless';
import { startTcpRelay } from '../../support/tcp-relay';
import { needs } from '../../support/tools';
import { until } from '../monitor/until';

const BIN = fileURLToPath(new URL('../../../bin/oss-live.js', import.meta.url));
/** The requirement under test: the monitor tells the truth within this long after a fault. */
const TRUTHFUL_MS = 3_000;
/** Recovery waits on OBS's own RTMP retry schedule (2 s, then about 3 s more) or a websocket reconnect. */
const RECOVERY_MS = 20_000;
const FPS = 30;
/** Profile and bucket the CLI resolves from the emulator's local.json: the services here record under the same. */
const PROFILE = 'Local';

describe.runIf(needs('obs', 'Xvfb'))('faults during a live broadcast with real OBS and the emulator', () => {
  let root = '';
  /** The user data directory shared with the CLI runs: saved OBS settings and the broadcast history. */
  let dataDir = '';
  let emulator: RunningEmulator;
  let emulatorPorts: { http: number; rtmp: number };
  let obs: ObsInstance;
  let observer: ObsController;
  let original: StreamServiceSnapshot;
  let ossProxy: FaultProxy;
  let history: FileBroadcastHistory;
  let env: Record<string, string>;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'golive-faults-'));
    dataDir = path.join(root, 'app-data');
    await mkdir(dataDir, { recursive: true });
    emulatorPorts = { http: await freePort(), rtmp: await freePort() };
    [obs, emulator] = await Promise.all([startObs({ keyint: FPS, fps: FPS }), startEmulatorOnFixedPorts()]);
    // What the user's OBS looks like from outside the code under test: its own connection, never through a fault.
    observer = new ObsController({ url: obs.url, password: obs.password });
    await observer.connect();
    original = await observer.getStreamService();
    // The monitor reads OSS through this proxy, so OSS can be made to answer 503 to it alone.
    ossProxy = await startFaultProxy(emulator.endpoint);
    history = new FileBroadcastHistory({ directory: path.join(dataDir, 'history') });

    // What `oss-live local` announces (this process plays the emulator's part), for the CLI runs.
    const { endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data } = emulator;
    const ready = { endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data, pid: process.pid };
    await writeFile(path.join(dataDir, 'local.json'), JSON.stringify(ready), { mode: 0o600 });
    env = { OSS_LIVE_DATA_DIR: dataDir, OBS_WEBSOCKET_PASSWORD: obs.password };
  }, 90_000);

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  afterAll(async () => {
    await observer?.stopStream().catch(() => undefined);
    await observer?.disconnect();
    await ossProxy?.close();
    await emulator?.stop();
    await obs?.stop();
    await rm(root, { recursive: true, force: true });
  });

  function startEmulatorOnFixedPorts(): Promise<RunningEmulator> {
    return startEmulator({ dataDir: path.join(root, 'emulator'), httpPort: emulatorPorts.http, rtmpPort: emulatorPorts.rtmp });
  }

  function clientVia(endpoint: string): OssLiveClient {
    const { bucket, region, accessKeyId, accessKeySecret } = emulator;
    return new OssLiveClient({ endpoint, bucket, region, credentials: { accessKeyId, accessKeySecret } });
  }

  /** A fresh client straight to the emulator (a restart leaves no stale kept-alive socket behind). */
  const oss = (): OssLiveClient => clientVia(emulator.endpoint);

  function services(obsUrl: string): BroadcastServices {
    const built = openBroadcastServices(
      {
        profileName: PROFILE,
        oss: {
          endpoint: emulator.endpoint,
          bucket: emulator.bucket,
          region: emulator.region,
          credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
          rtmpBase: emulator.rtmp,
        },
        obs: { url: obsUrl, password: obs.password },
      },
      { dataDir, history },
    );
    cleanups.push(() => built.close());
    return built;
  }

  function startMonitor(obsController: ObsController, channel: string, result: GoLiveResult, intervals?: Partial<MonitorIntervals>): Monitor {
    const monitor = new Monitor({ obs: obsController, oss: clientVia(ossProxy.url), channel, urlExpiresAt: result.url.expiresAt, ...(intervals ? { intervals } : {}) });
    monitor.start();
    cleanups.push(() => monitor.stop());
    return monitor;
  }

  interface LiveBroadcast {
    live: BroadcastServices;
    result: GoLiveResult;
    /** Default intervals, on the same OBS connection go-live used (as the app does). */
    monitor: Monitor;
    /** Segments written before the fault. */
    segments: ObjectSummary[];
  }

  /** Goes live on `channel` (created with 1 s fragments), starts the monitor, waits for it to see both sides live and a segment. */
  async function broadcast(channel: string, obsUrl = obs.url): Promise<LiveBroadcast> {
    const live = services(obsUrl);
    const result = await goLive(live.deps, { channel, create: { fragDuration: 1, fragCount: 3 } });
    const monitor = startMonitor(live.obs, channel, result);
    await until(() => monitor.state().obs === 'live' && monitor.state().oss === 'Live', 10_000, 'the monitor sees OBS and OSS live');
    let segments: ObjectSummary[] = [];
    await until(async () => (segments = await listSegments(channel)).length >= 1, 10_000, `a segment of ${channel}`);
    return { live, result, monitor, segments };
  }

  async function listSegments(channel: string): Promise<ObjectSummary[]> {
    const listed = await oss().listObjects({ prefix: `${channel}/` });
    return listed.objects.filter((object) => object.key.endsWith('.ts'));
  }

  /** Every segment written before the fault is still listed, unchanged, and reads back whole as MPEG-TS. */
  async function expectSegmentsIntact(channel: string, before: readonly ObjectSummary[]): Promise<void> {
    const now = new Map((await listSegments(channel)).map((object) => [object.key, object]));
    for (const segment of before) {
      expect(now.get(segment.key), segment.key).toMatchObject({ size: segment.size, etag: segment.etag });
      const { body } = await oss().getObject(segment.key);
      expect(body.length).toBe(segment.size);
      expect(body[0]).toBe(0x47); // the MPEG-TS sync byte
    }
  }

  /** Waits for the emulator's GetLiveChannelHistory to hold at least `count` records (written when a session ends). */
  async function expectOssRecords(channel: string, count: number): Promise<void> {
    await until(async () => (await oss().getLiveChannelHistory(channel).catch(() => [])).length >= count, 10_000, `${count} OSS record(s) of ${channel}`);
  }

  /** Waits for `check`, failing once `deadline` (ms since the epoch, e.g. fault + 3 s) has passed; returns when it held. */
  async function byDeadline(deadline: number, check: () => boolean | Promise<boolean>, what: string): Promise<number> {
    await until(check, Math.max(0, deadline - Date.now()), what);
    return Date.now();
  }

  const readingsBetween = (monitor: Monitor, side: 'obs' | 'oss', from: number, to: number): TimelinePoint[] =>
    monitor.timeline().filter((point) => point[side] !== undefined && point.at.getTime() > from && point.at.getTime() < to);

  /** Stops (restoring OBS from the snapshot on disk) and checks the user's settings are back exactly. */
  async function stopAndCheckRestored(live: BroadcastServices, channel: string): Promise<void> {
    const stopped = await stopBroadcast(live.deps, { channel });
    expect(stopped).toMatchObject({ restored: true });
    expect((await observer.getStreamStatus()).active).toBe(false);
    expect(await observer.getStreamService()).toEqual(original);
    expect(await live.deps.snapshots.read(live.deps.obsUrl)).toBeUndefined();
  }

  /** The app's own history entry of the channel's latest broadcast. */
  async function appBroadcast(channel: string): Promise<Broadcast | undefined> {
    return (await history.list({ profile: PROFILE, bucket: emulator.bucket, channel }))[0];
  }

  it('websocket dropped: OBS unknown at once while it streams on and OSS stays Live; reconnects; stop restores', async () => {
    const channel = 'fault-websocket';
    const relay = await startTcpRelay(obs.port);
    cleanups.push(() => relay.close());
    const { live, monitor, segments } = await broadcast(channel, `ws://127.0.0.1:${relay.port}`);
    const sentBefore = (await observer.getStreamStatus()).bytes;

    const faultAt = Date.now();
    relay.cut();
    const detectedAt = await byDeadline(faultAt + TRUTHFUL_MS, () => monitor.state().obs === 'unknown', 'OBS side unknown');
    // Held a while: OBS itself streams on (seen from outside), and OSS keeps reporting Live.
    await until(() => readingsBetween(monitor, 'oss', detectedAt, Infinity).length >= 1, 5_000, 'an OSS reading during the cut');
    const status = await observer.getStreamStatus();
    expect(status).toMatchObject({ active: true, reconnecting: false });
    expect(status.bytes).toBeGreaterThan(sentBefore);
    expect(monitor.state().obs).toBe('unknown');

    const restoredAt = Date.now();
    relay.restore();
    const backAt = await byDeadline(restoredAt + RECOVERY_MS, () => monitor.state().obs === 'live', 'OBS live again after the websocket came back');
    // Truthful throughout: every OBS reading taken during the cut is unknown, every OSS reading says Live.
    const obsDuringCut = readingsBetween(monitor, 'obs', faultAt, restoredAt);
    expect(obsDuringCut.length).toBeGreaterThanOrEqual(1);
    for (const point of obsDuringCut) expect(point.obs).toMatchObject({ reachable: false, error: expect.any(String) });
    for (const point of readingsBetween(monitor, 'oss', faultAt, backAt)) expect(point.oss).toMatchObject({ reachable: true, status: 'Live' });
    expect(monitor.state().oss).toBe('Live');
    process.stdout.write(`faults: websocket cut seen in ${detectedAt - faultAt} ms, OBS live again ${backAt - restoredAt} ms after it came back\n`);

    await stopAndCheckRestored(live, channel);
    await expectSegmentsIntact(channel, segments);
    await expectOssRecords(channel, 1);
    expect((await appBroadcast(channel))?.endedAt).toBeInstanceOf(Date);
  }, 90_000);

  it('emulator restarted: OSS not Live and OBS reconnecting at once; OBS gets back in with the same URL; nothing lost', async () => {
    const channel = 'fault-restart';
    const { live, monitor, segments } = await broadcast(channel);

    // The emulator ends the publish at once (OSS says Idle, then stops answering) but, like a graceful server, gives
    // the publisher 2 s to hang up before cutting the socket: OBS learns of the cut only then. Each side's truth
    // changes at its own moment, and each deadline runs from that moment.
    let obsCutAt = Number.POSITIVE_INFINITY;
    const unsubscribe = observer.on('stream', (event) => {
      if (event.state === 'reconnecting') obsCutAt = Math.min(obsCutAt, Date.now());
    });
    cleanups.push(async () => unsubscribe());
    const faultAt = Date.now();
    await emulator.stop();
    await until(() => obsCutAt < Infinity, 10_000, 'OBS (seen from outside) reconnecting');
    const obsSeenAt = await byDeadline(obsCutAt + TRUTHFUL_MS, () => monitor.state().obs === 'reconnecting', 'OBS side reconnecting');
    // With the default intervals OSS is read every 5 s while all is well; OBS's change makes the monitor read it at once.
    const ossSeenAt = await byDeadline(obsCutAt + TRUTHFUL_MS, () => monitor.state().oss !== 'Live', 'OSS side no longer Live');
    const ossWhileDown = readingsBetween(monitor, 'oss', faultAt, ossSeenAt + 1).at(-1)?.oss;
    expect(ossWhileDown?.reachable === false || ossWhileDown?.status === 'Idle', JSON.stringify(ossWhileDown)).toBe(true);
    // Stopping ended the cut session: its record is on disk before the emulator comes back.
    emulator = await startEmulatorOnFixedPorts();
    const restartedAt = Date.now();
    await expectOssRecords(channel, 1);

    // OBS retries the same signed URL on its own schedule; the emulator accepts it again.
    const backAt = await byDeadline(restartedAt + RECOVERY_MS, () => monitor.state().obs === 'live' && monitor.state().oss === 'Live', 'OBS and OSS live again');
    expect((await observer.getStreamStatus()).active).toBe(true);
    process.stdout.write(
      `faults: emulator stopped; OBS noticed after ${obsCutAt - faultAt} ms, the monitor showed OBS reconnecting ${obsSeenAt - obsCutAt} ms ` +
        `and OSS not Live ${ossSeenAt - faultAt} ms after the stop (${ossSeenAt - obsCutAt} ms after OBS noticed); ` +
        `live again ${backAt - restartedAt} ms after the restart\n`,
    );
    expect(monitor.summary().reconnectCount).toBeGreaterThanOrEqual(1);

    await stopAndCheckRestored(live, channel);
    await expectSegmentsIntact(channel, segments);
    // Two OSS records (before and after the restart); the app's history stitches them into its one broadcast.
    await expectOssRecords(channel, 2);
    await history.syncFromOss(PROFILE, emulator.bucket, channel, await oss().getLiveChannelHistory(channel));
    const stitched = await appBroadcast(channel);
    expect(stitched).toMatchObject({ source: 'both', endedAt: expect.any(Date) });
    expect(stitched?.records.length).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('OSS answers 503: OSS unknown with the reason, OBS unaffected, recovers when OSS answers again', async () => {
    const channel = 'fault-oss-5xx';
    const { live, monitor, segments } = await broadcast(channel);
    // An OSS-only fault is seen at the next OSS poll. The default monitor on its slow period (two readings a full
    // period apart) so the fault lands right after a reading: the worst case is what is measured.
    await until(() => {
      const [previous, latest] = readingsBetween(monitor, 'oss', 0, Infinity).slice(-2);
      return previous !== undefined && latest !== undefined && latest.at.getTime() - previous.at.getTime() >= DEFAULT_INTERVALS.ossMs - 500;
    }, 4 * DEFAULT_INTERVALS.ossMs, 'the default monitor polling OSS on its slow period');
    const [lastReadingAt = 0] = readingsBetween(monitor, 'oss', 0, Infinity).slice(-1).map((point) => point.at.getTime());

    const faultAt = Date.now();
    ossProxy.mode = 'unavailable';
    cleanups.push(async () => void (ossProxy.mode = 'pass'));
    const seenAt = await byDeadline(faultAt + TRUTHFUL_MS, () => monitor.state().oss === 'unknown', 'OSS unknown');
    expect(readingsBetween(monitor, 'oss', faultAt, Infinity).at(-1)?.oss).toEqual({ reachable: false, error: expect.stringMatching(/503/) });
    // OBS's side was read all along, and still says live.
    await until(() => readingsBetween(monitor, 'oss', seenAt, Infinity).length >= 1, 5_000, 'a second OSS reading during the fault');
    const obsDuringFault = readingsBetween(monitor, 'obs', faultAt, Date.now());
    expect(obsDuringFault.length).toBeGreaterThanOrEqual(2);
    for (const point of obsDuringFault) expect(point.obs).toMatchObject({ reachable: true, active: true, reconnecting: false });
    expect(monitor.state().obs).toBe('live');

    const passAt = Date.now();
    ossProxy.mode = 'pass';
    // While OSS is unknown the monitor polls it on the fast period, so recovery is quicker still.
    const recoveredAt = await byDeadline(passAt + TRUTHFUL_MS, () => monitor.state().oss === 'Live', 'OSS Live again');
    process.stdout.write(
      `faults: OSS 503 seen in ${seenAt - faultAt} ms (${seenAt - lastReadingAt} ms after the last good reading; ossMs ` +
        `${DEFAULT_INTERVALS.ossMs}); Live again ${recoveredAt - passAt} ms after OSS answered\n`,
    );
    expect(ossProxy.counts.unavailable).toBeGreaterThan(0);

    await stopAndCheckRestored(live, channel);
    await expectSegmentsIntact(channel, segments);
    await expectOssRecords(channel, 1);
  }, 90_000);

  it('OBS killed: OBS unknown, OSS Idle, the record kept; OBS restarted with go-live’s settings; `oss-live stop` restores and closes the session', async () => {
    const channel = 'fault-obs-killed';
    const { result, monitor, segments } = await broadcast(channel);
    // `oss-live monitor` watches too, from its own process; on exit it saves its health summary into the session.
    const cliMonitor = spawnCliMonitor(channel);
    await until(() => cliMonitor.samples().filter((s) => s.side === 'obs' && s.obs?.active === true).length >= 2, 20_000, `the CLI monitor sees OBS live (stderr: ${cliMonitor.stderr()})`);

    const killed = obs;
    const faultAt = Date.now();
    killed.kill('SIGKILL');
    await byDeadline(faultAt + TRUTHFUL_MS, () => monitor.state().obs === 'unknown', 'OBS side unknown');
    await byDeadline(faultAt + TRUTHFUL_MS, () => monitor.state().oss === 'Idle', 'OSS side Idle once the publisher is gone');
    const seenAt = Date.now();
    for (const point of readingsBetween(monitor, 'obs', faultAt, seenAt)) expect(point.obs?.reachable).toBe(false);
    await expectOssRecords(channel, 1);
    await until(() => cliMonitor.samples().some((s) => s.side === 'obs' && s.obs?.reachable === false && Date.parse(s.at) > faultAt), 10_000, 'the CLI monitor sees OBS unknown');
    expect(await cliMonitor.terminate()).toBe(0);
    process.stdout.write(`faults: OBS kill seen in ${seenAt - faultAt} ms (OBS unknown, OSS Idle)\n`);

    // OBS comes back on the same port with the config it had: go-live's destination was persisted in its profile.
    obs = await startObs({ port: killed.port, password: killed.password, keyint: FPS, fps: FPS, configFrom: killed.configDir });
    await killed.stop();
    await observer.connect();
    expect(await observer.getStreamService()).toMatchObject({
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: result.url.server, key: result.url.streamKey },
    });
    await until(() => monitor.state().obs === 'offline', RECOVERY_MS, 'the monitor reads the restarted OBS');

    // A new process puts the user's settings back from the snapshot on disk and closes the history session.
    const stop = await runCli(['stop', channel, '--obs', obs.url], env);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toMatch(/– Stop the stream in OBS — OBS was not streaming/);
    expect(stop.stdout).toMatch(/✓ Record the end in the history \([^)]*\) — OBS was no longer streaming/);
    expect(stop.stdout).toMatch(/Stopped: channel fault-obs-killed; your OBS settings are back\./);
    expect(await observer.getStreamService()).toEqual(original);
    const ended = await appBroadcast(channel);
    expect(ended?.startedAt).toEqual(result.startedAt);
    expect(ended?.endedAt).toBeInstanceOf(Date);
    // The summary `oss-live monitor` printed on exit is the one kept with the broadcast.
    expect(ended?.health).toEqual(cliMonitor.summary());
    expect(ended?.health?.durationSeconds).toBeGreaterThan(0);
    await expectSegmentsIntact(channel, segments);
  }, 90_000);

  interface CliLine {
    type: string;
    side?: 'obs' | 'oss';
    at: string;
    obs?: { reachable: boolean; active?: boolean };
    summary?: unknown;
  }

  /** `oss-live monitor CHANNEL --json` as a child process, its lines parsed as they come. */
  function spawnCliMonitor(channel: string): { samples(): CliLine[]; summary(): unknown; stderr(): string; terminate(): Promise<number | null> } {
    const child = spawn(process.execPath, [BIN, 'monitor', channel, '--obs', obs.url, '--json'], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const untrack = killAllOnExit([child]);
    // 'close', not 'exit': by then every line it printed has been read.
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    cleanups.push(async () => {
      await killAndWait(child);
      untrack();
    });
    const lines: CliLine[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(JSON.parse(line) as CliLine));
    return {
      samples: () => lines.filter((line) => line.type === 'sample'),
      summary: () => lines.find((line) => line.type === 'summary')?.summary,
      stderr: () => stderr,
      terminate: async () => {
        child.kill('SIGTERM');
        return exited;
      },
    };
  }
});
