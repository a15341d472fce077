/**
 * Go-live and stop end to end, with real parts only: OBS Studio 29 headless (one instance for the whole file, so
 * this suite never holds two), the local OSS emulator in-process (HTTP API + RTMP ingest), the services composition
 * the CLI and the app use, the snapshot store and the broadcast history on a temp dir; then the same through the
 * real `oss-live` executable, one process per command. The tests run in order and leave OBS idle with its own
 * settings.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GoLiveStep } from '../../../electron/golive';
import { GoLiveError, goLive, stopBroadcast } from '../../../electron/golive';
import { FileBroadcastHistory } from '../../../electron/history';
import { ObsController } from '../../../electron/obs';
import type { StreamServiceSnapshot } from '../../../electron/obs';
import { OssError } from '../../../electron/oss';
import type { OssLiveClient } from '../../../electron/oss';
import type { BroadcastServices, ResolvedConnection } from '../../../electron/services';
import { openBroadcastServices } from '../../../electron/services';
import type { RunningEmulator } from '../../../emulator';
import { startEmulator } from '../../../emulator';
import { killAndWait, killAllOnExit } from '../../support/child-cleanup';
import { cleanEnv, runCli } from '../../support/cli';
import { freePort } from '../../support/listening-ports';
import type { ObsInstance } from '../../support/obs-headless';
import { startObs } from '../../support/obs-headless';
import { startRtmpReceiver } from '../../support/rtmp-receiver';
import { needs } from '../../support/tools';

const BIN = fileURLToPath(new URL('../../../bin/oss-live.js', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(needs('obs', 'Xvfb', 'ffmpeg'))('go-live with real OBS and the emulator', () => {
  let root = '';
  let obs: ObsInstance;
  let emulator: RunningEmulator;
  let observer: ObsController;
  let history: FileBroadcastHistory;
  let original: StreamServiceSnapshot;
  const opened: BroadcastServices[] = [];
  /** Environment for CLI runs: the data dir holding local.json, and the OBS password. */
  let env: Record<string, string>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'golive-integration-'));
    [obs, emulator] = await Promise.all([
      startObs(),
      startEmulator({ dataDir: path.join(root, 'emulator'), httpPort: 0, rtmpPort: await freePort() }),
    ]);
    // A second, independent connection to OBS: what the user's OBS looks like from outside the code under test.
    observer = new ObsController({ url: obs.url, password: obs.password });
    await observer.connect();
    original = await observer.getStreamService();
    history = new FileBroadcastHistory({ directory: path.join(root, 'app', 'history') });

    // What `oss-live local` announces when it is ready (this process plays the emulator's part) for the CLI runs.
    const cliData = path.join(root, 'cli-data');
    await mkdir(cliData, { recursive: true });
    const { endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data } = emulator;
    const ready = { endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data, pid: process.pid };
    await writeFile(path.join(cliData, 'local.json'), JSON.stringify(ready), { mode: 0o600 });
    env = { OSS_LIVE_DATA_DIR: cliData, OBS_WEBSOCKET_PASSWORD: obs.password };
  });

  afterAll(async () => {
    for (const services of opened) await services.close().catch(() => undefined);
    await observer?.stopStream().catch(() => undefined);
    await observer?.disconnect();
    await emulator?.stop();
    await obs?.stop();
    await rm(root, { recursive: true, force: true });
  });

  function connection(overrides: { obsUrl?: string; rtmpBase?: string } = {}): ResolvedConnection {
    return {
      profileName: 'Local',
      oss: {
        endpoint: emulator.endpoint,
        bucket: emulator.bucket,
        region: emulator.region,
        credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
        rtmpBase: overrides.rtmpBase ?? emulator.rtmp,
      },
      obs: { url: overrides.obsUrl ?? obs.url, password: obs.password },
    };
  }

  function services(overrides?: { obsUrl?: string; rtmpBase?: string }): BroadcastServices {
    const built = openBroadcastServices(connection(overrides), { dataDir: path.join(root, 'app'), history });
    opened.push(built);
    return built;
  }

  const client = (): OssLiveClient => services().client;

  async function channelExists(name: string): Promise<boolean> {
    return client().getLiveChannelInfo(name).then(
      () => true,
      (error: unknown) => {
        if (error instanceof OssError && error.status === 404) return false;
        throw error;
      },
    );
  }

  async function goLiveFailure(run: Promise<unknown>): Promise<GoLiveError> {
    const error = await run.then(() => undefined, (caught: unknown) => caught);
    if (!(error instanceof GoLiveError)) throw new Error(`expected a GoLiveError, got ${String(error)}`);
    return error;
  }

  async function waitForSegments(channel: string, count: number, timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const listed = await client().listObjects({ prefix: `${channel}/` });
      const segments = listed.objects.map((object) => object.key).filter((key) => key.endsWith('.ts'));
      if (segments.length >= count || Date.now() > deadline) return segments;
      await sleep(250);
    }
  }

  it('creates a missing channel, goes Live, records segments, and stop restores OBS exactly', async () => {
    const { deps } = services();
    const progress: GoLiveStep[] = [];
    const result = await goLive(deps, { channel: 'golive-new', create: { fragDuration: 1, fragCount: 3 } }, (step) => progress.push(step));

    expect(result.steps.map((step) => [step.id, step.state])).toEqual([
      ['preflight', 'done'],
      ['ensure-channel', 'done'],
      ['enable', 'skipped'],
      ['sign', 'done'],
      ['snapshot', 'done'],
      ['set-service', 'done'],
      ['start', 'done'],
      ['obs-started', 'done'],
      ['oss-live', 'done'],
    ]);
    expect(progress.filter((step) => step.state === 'running').map((step) => step.id)).toEqual(result.steps.map((step) => step.id));
    expect((await observer.getStreamStatus()).active).toBe(true);
    expect(await observer.getStreamService()).toMatchObject({
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: result.url.server, key: result.url.streamKey },
    });
    const stat = await client().getLiveChannelStat('golive-new');
    expect(stat.status).toBe('Live');
    expect(result.url.expiresAt.getTime()).toBeGreaterThan(Date.now() + 12 * 3600 * 1000);
    expect(result.playUrl).toBe(`${emulator.endpoint}/${emulator.bucket}/golive-new/playlist.m3u8`);

    const segments = await waitForSegments('golive-new', 1, 10_000);
    expect(segments.length).toBeGreaterThanOrEqual(1);
    const playlist = new TextDecoder().decode((await client().getObject('golive-new/playlist.m3u8')).body);
    expect(playlist).toMatch(/#EXTM3U[\s\S]*\.ts/);

    const stopped = await stopBroadcast(services().deps, { channel: 'golive-new' });
    expect(stopped).toMatchObject({ stoppedStream: true, restored: true, disabled: false });
    expect((await observer.getStreamStatus()).active).toBe(false);
    expect(await observer.getStreamService()).toEqual(original);

    // OSS kept an ingest record; the app's own history has the session, ended.
    let records = await client().getLiveChannelHistory('golive-new');
    for (let tries = 0; records.length === 0 && tries < 20; tries += 1) {
      await sleep(250); // the record is written when OSS sees the RTMP session end
      records = await client().getLiveChannelHistory('golive-new');
    }
    expect(records.length).toBeGreaterThanOrEqual(1);
    const broadcasts = await history.list({ profile: 'Local', bucket: emulator.bucket, channel: 'golive-new' });
    expect(broadcasts[0]).toMatchObject({ channel: 'golive-new', playlistName: 'playlist.m3u8', urlExpiresAt: result.url.expiresAt });
    expect(broadcasts[0]?.endedAt).toBeInstanceOf(Date);
  });

  it('enables a disabled channel without touching its configuration; stop --disable disables it again', async () => {
    await client().putLiveChannel('golive-existing', { description: 'keep me', status: 'disabled', fragDuration: 3, fragCount: 4, playlistName: 'mine.m3u8' });
    const before = await client().getLiveChannelInfo('golive-existing');
    const result = await goLive(services().deps, { channel: 'golive-existing', create: { fragDuration: 9, fragCount: 9 } });
    expect(result.steps.find((step) => step.id === 'enable')?.state).toBe('done');
    expect(await client().getLiveChannelInfo('golive-existing')).toEqual({ ...before, status: 'enabled' });
    expect(result.playUrl).toMatch(/golive-existing\/mine\.m3u8$/);

    await stopBroadcast(services().deps, { channel: 'golive-existing', disable: true });
    expect((await client().getLiveChannelInfo('golive-existing')).status).toBe('disabled');
    expect(await observer.getStreamService()).toEqual(original);
  });

  it('fails at preflight when OBS is not running, having changed nothing', async () => {
    const nowhere = `ws://127.0.0.1:${await freePort()}`;
    const built = services({ obsUrl: nowhere });
    const error = await goLiveFailure(goLive(built.deps, { channel: 'golive-no-obs' }));
    expect(error.step).toBe('preflight');
    expect(error.message).toMatch(/Could not connect to OBS at ws:\/\/127\.0\.0\.1.*Start OBS Studio/s);
    expect(error.message).toMatch(/Nothing had been changed/);
    expect(await channelExists('golive-no-obs')).toBe(false);
    expect(await built.deps.snapshots.read(nowhere)).toBeUndefined();
  });

  it('undoes everything when the publish is refused because the channel was disabled mid-way', async () => {
    const { deps } = services();
    const run = goLive(deps, { channel: 'golive-refused' }, (step) => {
      // Someone disables the channel after go-live made sure it exists and before OBS connects.
      if (step.id === 'snapshot' && step.state === 'done') void client().putLiveChannelStatus('golive-refused', 'disabled');
    });
    const error = await goLiveFailure(run);
    expect(error.step).toBe('obs-started');
    expect(error.message).toMatch(/What OSS knows: channel "golive-refused" is disabled/);
    expect(error.message).toMatch(/Everything this run changed was put back/);
    expect(await observer.getStreamService()).toEqual(original);
    expect((await observer.getStreamStatus()).active).toBe(false);
    expect(await channelExists('golive-refused')).toBe(false); // created by this run, so deleted again
    expect(await deps.snapshots.read(obs.url)).toBeUndefined();
  });

  it('times out when OSS never reports Live (OBS streams to the wrong ingest), and undoes', async () => {
    const wrongIngest = await startRtmpReceiver();
    try {
      const { deps } = services({ rtmpBase: wrongIngest.server });
      await client().putLiveChannel('golive-never-live');
      const error = await goLiveFailure(goLive(deps, { channel: 'golive-never-live', liveTimeoutMs: 2_000 }));
      expect(error.step).toBe('oss-live');
      expect(error.message).toMatch(/OBS is streaming, but OSS did not report channel "golive-never-live" Live within 2 s \(last status: Idle\)/);
      expect(error.message).toMatch(/check that this machine reaches rtmp:\/\/127\.0\.0\.1/);
      expect(error.steps.find((step) => step.id === 'start')?.state).toBe('undone');
      expect((await observer.getStreamStatus()).active).toBe(false);
      expect(await observer.getStreamService()).toEqual(original);
      expect(await channelExists('golive-never-live')).toBe(true); // it existed before: never deleted
    } finally {
      await wrongIngest.stop();
    }
  });

  it('stop is idempotent from a fresh set of services: nothing streaming, nothing saved', async () => {
    const result = await stopBroadcast(services().deps, { channel: 'golive-new' });
    expect(result).toMatchObject({ stoppedStream: false, restored: false, disabled: false });
    expect(result.steps.map((step) => step.state)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
  });

  describe('through the oss-live CLI (nothing passed but the environment)', () => {
    it('goes live printing each step, then `stop` from another process restores OBS; a second stop has nothing to do', async () => {
      // FragDuration 1 s for the new channel, while the seeded OBS makes a keyframe every 2 s: a warning, not a failure.
      const live = await runCli(['golive', 'cli-show', '--obs', obs.url, '--frag-duration', '1', '--frag-count', '3'], env);
      expect(live.code, live.stderr).toBe(0);
      const lines = live.stdout.split('\n');
      for (const label of ['Check OBS and its encoder settings', 'Make sure the channel exists', 'Sign the ingest URL', 'Save your OBS stream settings', 'Point OBS at the channel', 'Start streaming in OBS', 'OBS reports the stream started', 'OSS reports the channel Live']) {
        expect(lines.some((line) => line.startsWith(`✓ ${label} (`)), label).toBe(true);
      }
      expect(lines).toContainEqual(expect.stringMatching(/^– Enable the channel — The channel is already enabled/));
      expect(live.stdout).toMatch(/Live: channel cli-show \(profile Local, bucket local\)/);
      expect(live.stdout).toMatch(/warning: Keyframe interval 2 s .* longer than the channel’s FragDuration of 1 s/);
      expect(live.stdout).not.toMatch(/Signature=/); // the signed key is a secret: not in human output
      expect((await observer.getStreamStatus()).active).toBe(true); // the go-live process is gone; OBS streams on

      const stop = await runCli(['stop', 'cli-show', '--obs', obs.url], env);
      expect(stop.code, stop.stderr).toBe(0);
      expect(stop.stdout).toMatch(/✓ Stop the stream in OBS .*\n✓ Put your OBS stream settings back/);
      expect(stop.stdout).toMatch(/Stopped: channel cli-show; your OBS settings are back\./);
      expect((await observer.getStreamStatus()).active).toBe(false);
      expect(await observer.getStreamService()).toEqual(original);

      const again = await runCli(['stop', 'cli-show', '--obs', obs.url], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/Nothing to do for channel cli-show: OBS was not streaming and no saved OBS settings were waiting/);
    });

    it('prints exactly one JSON object with --json, for success and for failure', async () => {
      const live = await runCli(['golive', 'cli-json', '--obs', obs.url, '--json'], env);
      expect(live.code, live.stderr).toBe(0);
      const result = JSON.parse(live.stdout) as { channel: string; url: { server: string; streamKey: string; expiresAt: string }; steps: unknown[]; warnings: unknown[]; playUrl: string };
      expect(live.stdout.trim().split('\n')).toHaveLength(1);
      expect(result).toMatchObject({ channel: 'cli-json', url: { server: emulator.rtmp }, warnings: [] });
      expect(result.url.streamKey).toMatch(/^cli-json\?.*Signature=/);
      expect(Date.parse(result.url.expiresAt)).toBeGreaterThan(Date.now() + 12 * 3600 * 1000);
      expect(result.steps).toHaveLength(9);

      const stop = await runCli(['stop', 'cli-json', '--obs', obs.url, '--disable', '--json'], env);
      expect(stop.code, stop.stderr).toBe(0);
      expect(JSON.parse(stop.stdout)).toMatchObject({ channel: 'cli-json', stoppedStream: true, restored: true, disabled: true });
      expect(await observer.getStreamService()).toEqual(original);

      const nowhere = `ws://127.0.0.1:${await freePort()}`;
      const failed = await runCli(['golive', 'cli-json', '--obs', nowhere, '--json'], env);
      expect(failed.code).toBe(1);
      const report = JSON.parse(failed.stdout) as { error: { type: string; step: string; message: string }; steps: Array<{ id: string; state: string }> };
      expect(report.error).toMatchObject({ type: 'golive', step: 'preflight' });
      expect(report.error.message).toMatch(/Could not connect to OBS .*Nothing had been changed/s);
      expect(report.steps.map((step) => step.state)).toEqual(['failed', ...Array<string>(8).fill('pending')]);
    });

    it('says what is wrong with bad input (exit 2), before connecting to anything', async () => {
      const past = await runCli(['golive', 'cli-bad', '--expires=-5'], env);
      expect(past.code).toBe(2);
      expect(past.stderr).toMatch(/--expires: must be a positive whole number of seconds \(got -5\): an expiry in the past/);
      const nothing = await runCli(['golive', 'cli-bad'], { OBS_WEBSOCKET_PASSWORD: 'x', OSS_LIVE_DATA_DIR: path.join(root, 'empty') });
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toMatch(/no OSS configured: run `oss-live local` in another terminal or add a profile/);
    });

    it('undoes everything on Ctrl-C while waiting for OSS, and exits 1', async () => {
      // OBS streams to an RTMP server that is not OSS, so OSS never reports Live and go-live keeps waiting.
      const elsewhere = await startRtmpReceiver();
      const child = spawn(process.execPath, [BIN, 'golive', 'cli-cancel', '--obs', obs.url, '--rtmp-base', elsewhere.server, '--live-timeout', '30'], {
        env: cleanEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const untrack = killAllOnExit([child]);
      let stdout = '';
      let stderr = '';
      let interrupted = false;
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // One Ctrl-C (a second one would be a forced quit).
        if (!interrupted && stdout.includes('✓ OBS reports the stream started')) interrupted = child.kill('SIGINT');
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      try {
        const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
        expect(code, stderr).toBe(1);
        expect(stderr).toMatch(/Go-live was cancelled at "OSS reports the channel Live"\.\nEverything this run changed was put back\./);
        expect(stdout).toMatch(/↺ Start streaming in OBS — Stopped the stream in OBS\./);
        expect(stdout).toMatch(/↺ Make sure the channel exists — Deleted channel "cli-cancel", created by this run\./);
        expect((await observer.getStreamStatus()).active).toBe(false);
        expect(await observer.getStreamService()).toEqual(original);
      } finally {
        untrack();
        await killAndWait(child);
        await elsewhere.stop();
      }
    });
  });
});
