/**
 * The monitor when a side fails, with real components: a real OBS Studio 29 (not streaming), the emulator over HTTP
 * behind a real fault proxy that can answer 503 or drop connections, and the real `oss-live monitor` executable.
 * A side that cannot be read must show as unknown with the reason (never a made-up value), raise its alert within
 * 3 s, and recover on its own.
 */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../../emulator';
import type { RunningEmulator } from '../../../emulator';
import { main } from '../../../electron/cli/main';
import { FileBroadcastHistory } from '../../../electron/history';
import { Monitor } from '../../../electron/monitor';
import { ObsController } from '../../../electron/obs';
import { OssLiveClient } from '../../../electron/oss';
import { NO_PROFILE_LABEL } from '../../../electron/services';
import type { AlertChange } from '../../../shared/monitor';
import { killAndWait, killAllOnExit } from '../../support/child-cleanup';
import { cleanEnv, runCliInProcess } from '../../support/cli';
import type { FaultProxy } from '../../support/fault-proxy';
import { startFaultProxy } from '../../support/fault-proxy';
import { freePort } from '../../support/listening-ports';
import type { ObsInstance } from '../../support/obs-headless';
import { startObs } from '../../support/obs-headless';
import { needs } from '../../support/tools';
import { until } from './until';

const CHANNEL = 'faults';
const FAST = { obsMs: 500, ossMs: 1_000, ossFastMs: 300 };
const BIN = fileURLToPath(new URL('../../../bin/oss-live.js', import.meta.url));

describe.runIf(needs('obs', 'Xvfb'))('Monitor when OBS or OSS fails', () => {
  let dataDir: string;
  let emulator: RunningEmulator;
  let proxy: FaultProxy;
  let obs: ObsInstance;
  const retired: ObsInstance[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'monitor-faults-'));
    emulator = await startEmulator({ dataDir, httpPort: 0, rtmpPort: await freePort() });
    proxy = await startFaultProxy(emulator.endpoint);
    obs = await startObs();
    await clientVia(emulator.endpoint).putLiveChannel(CHANNEL);
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    for (const instance of [...retired, obs]) await instance?.stop();
    await proxy?.close();
    await emulator?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  function clientVia(endpoint: string): OssLiveClient {
    const { bucket, region, accessKeyId, accessKeySecret } = emulator;
    return new OssLiveClient({ endpoint, bucket, region, credentials: { accessKeyId, accessKeySecret } });
  }

  /** A started monitor with fast test intervals, the alert changes it reports, and cleanup registered. */
  async function startMonitor(): Promise<{ monitor: Monitor; changes: AlertChange[] }> {
    const controller = new ObsController({ url: obs.url, password: obs.password, reconnect: { initialDelayMs: 100, maxDelayMs: 500 } });
    const monitor = new Monitor({ obs: controller, oss: clientVia(proxy.url), channel: CHANNEL, intervals: FAST });
    const changes: AlertChange[] = [];
    monitor.on('alert', (change) => changes.push(change));
    monitor.start();
    cleanups.push(async () => {
      await monitor.stop();
      await controller.disconnect();
    });
    await until(() => monitor.state().obs === 'offline' && monitor.state().oss === 'Idle', 5_000, 'both sides read');
    return { monitor, changes };
  }

  /** The CLI's environment: OSS from the variables (the emulator), the OBS password, and its own data dir. */
  const cliEnv = (appData: string) =>
    cleanEnv({
      OSS_LIVE_DATA_DIR: appData,
      OSS_ENDPOINT: emulator.endpoint,
      OSS_BUCKET: emulator.bucket,
      OSS_REGION: emulator.region,
      OSS_ACCESS_KEY_ID: emulator.accessKeyId,
      OSS_ACCESS_KEY_SECRET: emulator.accessKeySecret,
      OBS_WEBSOCKET_PASSWORD: obs.password,
    });

  const raised = (changes: AlertChange[], id: string) => changes.some((c) => c.change === 'raised' && c.alert.id === id);
  const cleared = (changes: AlertChange[], id: string) => changes.some((c) => c.change === 'cleared' && c.alert.id === id);

  it('marks OSS unknown on 503s and dropped connections, raises an alert within 3 s, and recovers', async () => {
    const { monitor, changes } = await startMonitor();
    const faultFrom = Date.now();
    proxy.mode = 'unavailable';
    await until(() => raised(changes, 'oss-unreachable'), 3_000, 'oss-unreachable raised after 503s');
    expect(monitor.state().oss).toBe('unknown');

    proxy.mode = 'drop';
    const dropFrom = Date.now();
    await until(
      () => monitor.timeline().some((p) => p.at.getTime() > dropFrom && p.oss?.reachable === false && !/503/.test(p.oss.error)),
      3_000,
      'a dropped-connection reading',
    );
    expect(proxy.counts.unavailable).toBeGreaterThan(0);
    expect(proxy.counts.drop).toBeGreaterThan(0);

    proxy.mode = 'pass';
    await until(() => monitor.state().oss === 'Idle' && cleared(changes, 'oss-unreachable'), 3_000, 'OSS back and the alert cleared');

    // During the fault the OSS side carried only reasons, never a status or a bandwidth. A reading is stamped when it
    // is sent, so one sent just before a switch may be answered after it: everything after the first unknown reading,
    // until the switch to dropping, must be unknown, and the 503s must show as such.
    const ossReadings = monitor.timeline().filter((p) => p.oss && p.at.getTime() > faultFrom && p.at.getTime() < dropFrom);
    const duringFault = ossReadings.slice(ossReadings.findIndex((p) => p.oss?.reachable === false));
    for (const point of duringFault) expect(point.oss).toEqual({ reachable: false, error: expect.any(String) });
    expect(duringFault.some((point) => point.oss?.reachable === false && /503/.test(point.oss.error))).toBe(true);
    // OBS kept being sampled throughout, unaffected: every OBS reading since the fault is a good one.
    const obsSinceFault = () => monitor.timeline().filter((p) => p.obs && p.at.getTime() > faultFrom);
    await until(() => obsSinceFault().length > 2, 3_000, 'OBS readings during and after the fault');
    expect(obsSinceFault().every((p) => p.obs?.reachable)).toBe(true);
  });

  it('marks OBS unknown when OBS dies, raises an alert within 3 s, and recovers when OBS is back', async () => {
    const { monitor, changes } = await startMonitor();
    const killedAt = Date.now();
    obs.kill('SIGKILL');
    retired.push(obs);
    await until(() => monitor.state().obs === 'unknown', 3_000, 'OBS side unknown');
    await until(() => raised(changes, 'obs-unreachable'), 3_000, 'obs-unreachable raised');
    const unknown = monitor.timeline().filter((p) => p.obs && p.at.getTime() > killedAt);
    expect(unknown.every((p) => p.obs?.reachable === false)).toBe(true);

    obs = await startObs({ port: obs.port, password: obs.password });
    await until(() => monitor.state().obs === 'offline' && cleared(changes, 'obs-unreachable'), 5_000, 'OBS back and the alert cleared');
    // OSS was read all along.
    expect(monitor.timeline().filter((p) => p.oss?.reachable && p.at.getTime() > killedAt).length).toBeGreaterThan(1);
  });

  it('`oss-live monitor --json` prints one JSON object per line and exits 0 on SIGTERM', async () => {
    // `oss-live golive` recorded a running broadcast whose URL expires in 10 minutes: the monitor warns about it.
    const appData = path.join(dataDir, 'app-data');
    await new FileBroadcastHistory({ directory: path.join(appData, 'history') }).recordSessionStart({
      profile: NO_PROFILE_LABEL,
      bucket: emulator.bucket,
      channel: CHANNEL,
      startedAt: new Date(),
      playlistName: 'playlist.m3u8',
      urlExpiresAt: new Date(Date.now() + 10 * 60_000),
    });
    const env = cliEnv(appData);
    const child = spawn(process.execPath, [BIN, 'monitor', CHANNEL, '--obs', obs.url, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const untrack = killAllOnExit([child]);
    cleanups.push(async () => {
      await killAndWait(child);
      untrack();
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));

    const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    await until(() => {
      const samples = parsed();
      return samples.filter((s) => s.side === 'obs').length >= 2 && samples.some((s) => s.side === 'oss');
    }, 20_000, `OBS and OSS sample lines (stderr: ${stderr})`);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const objects = parsed();
    const samples = objects.slice(0, -1);
    for (const sample of samples) {
      expect(sample).toMatchObject({ type: 'sample', channel: CHANNEL, alerts: expect.any(Array) });
      expect(Number.isNaN(Date.parse(String(sample.at)))).toBe(false);
    }
    const obsLine = samples.find((s) => s.side === 'obs');
    expect(obsLine?.obs).toMatchObject({ reachable: true, active: false, fps: expect.any(Number), cpuPercent: expect.any(Number) });
    expect(samples.find((s) => s.side === 'oss')?.oss).toEqual({ reachable: true, status: 'Idle' });
    expect(samples.at(-1)?.alerts).toEqual([
      expect.objectContaining({ id: 'url-expiry', severity: 'warning', message: expect.stringMatching(/expires in 10 min/) }),
    ]);
    expect(objects.at(-1)).toMatchObject({ type: 'summary', summary: { reconnectCount: 0, alertCounts: { 'url-expiry': 1 } } });
    expect(stderr).toBe('');
  });

  it('`oss-live monitor` knows the codec from OBS’s profile before OSS has media and ignores a stale broadcast’s expiry', async () => {
    // --obs is described as in golive and stop.
    const obsHelp = async (command: string) =>
      (await runCliInProcess([command, '--help'])).stdout
        .split('\n')
        .map((line) => line.trim().replace(/\s+/g, ' '))
        .find((line) => line.startsWith('--obs '));
    expect(await obsHelp('monitor')).toMatch(/--obs ws:\/\/HOST:PORT/);
    expect(await obsHelp('monitor')).toBe(await obsHelp('golive'));

    // An older broadcast whose end was never recorded (its URL about to expire), then a newer one that ended: nothing
    // runs, so no expiry warning.
    const appData = path.join(dataDir, 'app-data-stale');
    const history = new FileBroadcastHistory({ directory: path.join(appData, 'history') });
    const where = { profile: NO_PROFILE_LABEL, bucket: emulator.bucket, channel: CHANNEL, playlistName: 'playlist.m3u8' };
    await history.recordSessionStart({ ...where, startedAt: new Date(Date.now() - 2 * 3600_000), urlExpiresAt: new Date(Date.now() + 5 * 60_000) });
    await history.recordSessionStart({ ...where, startedAt: new Date(Date.now() - 3600_000), urlExpiresAt: new Date(Date.now() + 9 * 3600_000) });
    await history.recordSessionEnd({ ...where, endedAt: new Date(Date.now() - 1800_000) });

    // OBS's profile names an HEVC encoder (OBS is not streaming, so OSS has no codec to report).
    const profile = new ObsController({ url: obs.url, password: obs.password });
    await profile.connect();
    const encoder = { parameterCategory: 'SimpleOutput', parameterName: 'StreamEncoder' };
    const { parameterValue: before } = await profile.request('GetProfileParameter', encoder);
    await profile.request('SetProfileParameter', { ...encoder, parameterValue: 'obs_x265' });
    try {
      const stdout = new PassThrough();
      let text = '';
      stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const abort = new AbortController();
      const env = cliEnv(appData);
      const running = main(['monitor', CHANNEL, '--obs', obs.url, '--json'], { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env, signal: abort.signal });
      const samples = () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; side?: string; alerts?: Array<{ id: string; message: string }> });
      await until(() => samples().some((s) => s.side === 'oss'), 10_000, 'an OSS sample');
      abort.abort();
      expect(await running).toBe(0);
      const alerts = samples().flatMap((s) => s.alerts ?? []);
      expect(alerts).toContainEqual(expect.objectContaining({ id: 'codec', message: expect.stringMatching(/OBS sends HEVC video/) }));
      expect(alerts.filter((alert) => alert.id === 'url-expiry')).toEqual([]);
    } finally {
      await profile.request('SetProfileParameter', { ...encoder, parameterValue: before });
      await profile.disconnect();
    }
  });

  it('`oss-live monitor` draws a dashboard on a terminal and appends plain lines otherwise', async () => {
    const env = cliEnv(path.join(dataDir, 'app-data-empty'));
    /** Runs the command in this process until both sides were printed; returns the output and the exit code. */
    async function runUntilBothSides(terminal: boolean): Promise<{ code: number; text: string }> {
      const stdout = Object.assign(new PassThrough(), terminal ? { isTTY: true, columns: 100 } : {});
      let text = '';
      stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const abort = new AbortController();
      const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env, signal: abort.signal };
      const running = main(['monitor', CHANNEL, '--obs', obs.url], io);
      const bothSides = terminal ? [/OBS {6}not streaming/, /OSS {6}Idle/] : [/ obs not streaming/, / oss Idle/];
      await until(() => bothSides.every((pattern) => pattern.test(text)), 10_000, 'both sides printed');
      abort.abort();
      return { code: await running, text };
    }

    const plain = await runUntilBothSides(false);
    expect(plain.code).toBe(0);
    expect(plain.text).not.toContain('\x1b');
    const lines = plain.text.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((line) => /^\d{4}-\d\d-\d\dT\S+Z {2}(obs|oss|.*ALERT)/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^Summary: .* 0 reconnect\(s\)/);

    const tty = await runUntilBothSides(true);
    expect(tty.code).toBe(0);
    expect(tty.text).toContain('Status   OBS offline  ·  OSS Idle');
    const escape = '\x1b';
    expect(tty.text).toContain(`${escape}[6F${escape}[J`); // the 6-line dashboard redrawn in place
    expect(tty.text.slice(tty.text.lastIndexOf(`${escape}[?25h`))).toMatch(/Summary: /); // cursor shown again, then the summary
  });
});
