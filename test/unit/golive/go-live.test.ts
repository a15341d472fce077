/**
 * The go-live / stop state machine's ordering: which steps run, in which order, what each failure puts back (in
 * reverse), and what stop does from a fresh process. OSS and OBS are small in-memory fakes of the ports; the
 * snapshot store is the real one on a temp dir. The real OBS and emulator runs are in test/integration/golive.
 */
import { existsSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { GoLiveDeps, GoLiveStep, GoLiveStepId, Step } from '../../../electron/golive';
import { GoLiveError, ObsSnapshotStore, appliedTarget, goLive, stopBroadcast } from '../../../electron/golive';
import { FileBroadcastHistory } from '../../../electron/history';
import type { BroadcastHistory, SessionEnd, SessionStart } from '../../../electron/history';
import { ObsError } from '../../../electron/obs';
import { OssError } from '../../../electron/oss';
import { ValidationError } from '../../../shared/validation';
import type { Call } from './fakes';
import { FakeObs, FakeOss } from './fakes';

const OBS_URL = 'ws://127.0.0.1:4455';

/** Records calls; a session is open while it has more starts than ends (one channel in these tests). */
class RecordingHistory implements BroadcastHistory {
  readonly starts: SessionStart[] = [];
  readonly ends: SessionEnd[] = [];
  async recordSessionStart(session: SessionStart): Promise<void> {
    this.starts.push(session);
  }
  async recordSessionEnd(session: SessionEnd): Promise<boolean> {
    if (this.starts.length <= this.ends.length) return false;
    this.ends.push(session);
    return true;
  }
  async recordSessionHealth(): Promise<boolean> {
    return this.starts.length > this.ends.length;
  }
  async list(): Promise<never[]> {
    return [];
  }
  async syncFromOss(): Promise<never[]> {
    return [];
  }
}

let dataDir = '';
let log: Call[];
let obs: FakeObs;
let oss: FakeOss;
let snapshots: ObsSnapshotStore;
let history: RecordingHistory;
let deps: GoLiveDeps;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'golive-unit-'));
  log = [];
  obs = new FakeObs(log);
  oss = new FakeOss(log, () => obs.streaming);
  snapshots = new ObsSnapshotStore(dataDir);
  history = new RecordingHistory();
  deps = {
    oss,
    obs,
    obsUrl: OBS_URL,
    snapshots,
    history,
    profile: 'Studio',
    bucket: 'studio',
    playUrl: (channel, playlist) => `http://studio.example/${channel}/${playlist}`,
    livePollMs: 5,
  };
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const USER_SERVICE = { streamServiceType: 'rtmp_common', streamServiceSettings: { service: 'Twitch', key: 'live_user_key' } };
const states = (steps: Array<Step<string>>): Record<string, string> => Object.fromEntries(steps.map((step) => [step.id, step.state]));
const changes = (): Call[] => log.filter((call) => !/getInfo|oss\.stat |sign|preflight|connect/.test(call));

async function failure(run: Promise<unknown>): Promise<GoLiveError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof GoLiveError)) throw new Error(`expected a GoLiveError, got ${String(error)}`);
  return error;
}

describe('goLive', () => {
  it('creates a missing channel, saves OBS settings before changing them, starts, and waits for Live', async () => {
    let snapshotOnDiskWhenSet = false;
    obs.onSet = () => {
      snapshotOnDiskWhenSet = existsSync(snapshots.fileFor(OBS_URL));
    };
    const progress: GoLiveStep[] = [];
    const result = await goLive(deps, { channel: 'show', create: { fragDuration: 2, fragCount: 3 } }, (step) => progress.push(step));

    expect(changes()).toEqual(['oss.put show', 'obs.set', 'obs.start']);
    expect(log).toContain('obs.preflight 2'); // checked against the FragDuration the channel is created with
    expect(snapshotOnDiskWhenSet).toBe(true);
    expect(states(result.steps)).toEqual({
      preflight: 'done',
      'ensure-channel': 'done',
      enable: 'skipped',
      sign: 'done',
      snapshot: 'done',
      'set-service': 'done',
      start: 'done',
      'obs-started': 'done',
      'oss-live': 'done',
    });
    // Progress: every step reported running, then its outcome, in order.
    const order = progress.filter((step) => step.state !== 'running').map((step) => step.id);
    expect(order).toEqual(result.steps.map((step) => step.id));
    expect(result.steps.every((step) => typeof step.durationMs === 'number' && step.startedAt instanceof Date)).toBe(true);

    expect(obs.service).toMatchObject({ streamServiceType: 'rtmp_custom', streamServiceSettings: { server: result.url.server, key: result.url.streamKey } });
    expect(result.playUrl).toBe('http://studio.example/show/playlist.m3u8');
    expect((await snapshots.read(OBS_URL))?.service).toEqual(USER_SERVICE);
    expect(history.starts).toEqual([
      { profile: 'Studio', bucket: 'studio', channel: 'show', startedAt: result.startedAt, playlistName: 'playlist.m3u8', urlExpiresAt: result.url.expiresAt },
    ]);
  });

  it('never rewrites an existing channel and enables a disabled one', async () => {
    await oss.putLiveChannel('show', { status: 'disabled', fragDuration: 4, fragCount: 2, playlistName: 'own.m3u8' });
    log.length = 0;
    const result = await goLive(deps, { channel: 'show', create: { fragDuration: 9, fragCount: 9 } });
    expect(changes()).toEqual(['oss.status show enabled', 'obs.set', 'obs.start']);
    expect(oss.channels.get('show')?.target).toMatchObject({ fragDuration: 4, fragCount: 2, playlistName: 'own.m3u8' });
    expect(states(result.steps)).toMatchObject({ 'ensure-channel': 'done', enable: 'done' });
    expect(result.playUrl).toBe('http://studio.example/show/own.m3u8');
  });

  it('signs an expiry covering 12 h plus the reconnect budget by default, or what it is asked', async () => {
    const before = Date.now();
    const byDefault = await goLive(deps, { channel: 'a' });
    const seconds = (byDefault.url.expiresAt.getTime() - before) / 1000;
    expect(seconds).toBeGreaterThan(12 * 3600 + 3 * 3600);
    expect(seconds).toBeLessThan(12 * 3600 + 4 * 3600);
    await stopBroadcast(deps, { channel: 'a' });
    const asked = await goLive(deps, { channel: 'b', expiresInSeconds: 600 });
    expect(Math.round((asked.url.expiresAt.getTime() - Date.now()) / 1000)).toBeLessThanOrEqual(600);
    expect(asked.warnings.join(' ')).toMatch(/expires in 10 min.*reconnect/);
  });

  it('rejects an expiry in the past before touching anything', async () => {
    await expect(goLive(deps, { channel: 'show', expiresInSeconds: -60 })).rejects.toSatisfy(
      (error: unknown) => error instanceof ValidationError && error.field === 'expiresInSeconds',
    );
    expect(log).toEqual([]);
  });

  it('blocks on a wrong codec at preflight, changing nothing', async () => {
    obs.profile = { ...obs.profile, simpleStreamEncoder: 'obs_x265' };
    const error = await failure(goLive(deps, { channel: 'show' }));
    expect(error.step).toBe('preflight');
    expect(error.message).toMatch(/HEVC.*H\.264/);
    expect(error.message).toMatch(/Nothing had been changed/);
    expect(changes()).toEqual([]);
  });

  it('warns about a keyframe interval longer than FragDuration without blocking', async () => {
    obs.profile = { ...obs.profile, simpleX264Settings: 'keyint=300' }; // 10 s at 30 fps
    const result = await goLive(deps, { channel: 'show', create: { fragDuration: 2, fragCount: 3 } });
    expect(result.warnings.join(' ')).toMatch(/Keyframe interval 10 s .* longer than .* FragDuration of 2 s/);
  });

  it('refuses to go live while OBS already streams, and when the channel is live from elsewhere', async () => {
    obs.streaming = true;
    const busy = await failure(goLive(deps, { channel: 'show' }));
    expect([busy.step, busy.message]).toEqual(['preflight', expect.stringMatching(/already streaming/)]);
    obs.streaming = false;
    await oss.putLiveChannel('taken');
    oss.live.add('taken');
    log.length = 0;
    const taken = await failure(goLive(deps, { channel: 'taken' }));
    expect([taken.step, taken.message]).toEqual(['ensure-channel', expect.stringMatching(/already live.*10\.0\.0\.9/)]);
    expect(changes()).toEqual([]);
  });

  /** The channel before the run: missing (the run creates it), or existing and disabled or enabled. */
  type ChannelBefore = 'missing' | 'disabled' | 'enabled';
  type FailureCase = [GoLiveStepId, ChannelBefore, () => void, RegExp, Call[]];
  const refusedStart = ['obs.set', 'obs.start', 'obs.stop (not streaming)', 'obs.restore'];
  const failureCases: FailureCase[] = [
    ['ensure-channel', 'missing', () => oss.failures.set('put', { error: () => new OssError({ status: 403, code: 'AccessDenied', message: 'no' }), times: 1 }), /OSS answered AccessDenied/, ['oss.put show', 'oss.delete show']],
    ['enable', 'disabled', () => oss.failures.set('status enabled', { error: () => new OssError({ status: 503, code: 'ServiceUnavailable', message: 'busy' }), times: 1 }), /OSS answered ServiceUnavailable: busy/, ['oss.status show enabled', 'oss.status show disabled']],
    ['sign', 'disabled', () => oss.failures.set('credentials', { error: () => new Error('STS token refresh failed'), times: 1 }), /STS token refresh failed/, ['oss.status show enabled', 'oss.status show disabled']],
    ['sign', 'missing', () => oss.failures.set('credentials', { error: () => new Error('STS token refresh failed'), times: 1 }), /STS token refresh failed/, ['oss.put show', 'oss.delete show']],
    // The snapshot folder is a link to a drive that is gone: reading finds no snapshot, saving one fails.
    ['snapshot', 'disabled', () => symlinkSync(path.join(dataDir, 'unmounted'), snapshots.directory), /ENOENT.*obs-snapshots/, ['oss.status show enabled', 'oss.status show disabled']],
    ['snapshot', 'enabled', () => symlinkSync(path.join(dataDir, 'unmounted'), snapshots.directory), /ENOENT.*obs-snapshots/, []],
    ['set-service', 'disabled', () => obs.failures.set('set', { error: () => new ObsError('request-failed', 'refused'), times: 1 }), /refused/, ['oss.status show enabled', 'obs.set', 'obs.restore', 'oss.status show disabled']],
    ['start', 'disabled', () => obs.failures.set('start', { error: () => new ObsError('request-failed', 'StartStream refused'), times: 1 }), /StartStream refused/, ['oss.status show enabled', ...refusedStart, 'oss.status show disabled']],
    ['start', 'missing', () => obs.failures.set('start', { error: () => new ObsError('request-failed', 'StartStream refused'), times: 1 }), /StartStream refused/, ['oss.put show', ...refusedStart, 'oss.delete show']],
    ['obs-started', 'disabled', () => (obs.startOutcome = 'start-failed'), /OBS could not start the stream/, ['oss.status show enabled', 'obs.set', 'obs.start', 'obs.stop (not streaming)', 'obs.restore', 'oss.status show disabled']],
    ['oss-live', 'disabled', () => (oss.pollsUntilLive = Number.POSITIVE_INFINITY), /did not report channel "show" Live/, ['oss.status show enabled', 'obs.set', 'obs.start', 'obs.stop', 'obs.restore', 'oss.status show disabled']],
  ];

  it.each(failureCases)('undoes exactly what was done, in reverse, when %s fails (channel %s before)', async (step, before, arrange, reason, expected) => {
    if (before !== 'missing') await oss.putLiveChannel('show', { status: before });
    log.length = 0;
    arrange();
    const error = await failure(goLive(deps, { channel: 'show', liveTimeoutMs: 100 }));
    expect(error.step).toBe(step);
    const failed = error.steps.find((candidate) => candidate.id === step);
    expect(error.message).toContain(`Go-live failed at "${failed?.label}": `);
    expect(error.message).toMatch(reason);
    expect(failed?.message).toMatch(reason);
    expect(changes()).toEqual(expected);
    // The channel is as it was: deleted only when this run created it, its status put back otherwise.
    if (before === 'missing') expect(oss.channels.has('show')).toBe(false);
    else expect(oss.channels.get('show')?.status).toBe(before);
    expect(obs.service).toEqual(USER_SERVICE);
    expect(obs.streaming).toBe(false);
    expect(existsSync(snapshots.fileFor(OBS_URL))).toBe(false);
    expect(await snapshots.read(OBS_URL)).toBeUndefined();
    expect(error.message).toMatch(expected.length > 0 ? /Everything this run changed was put back/ : /Nothing had been changed/);
    const byId = states(error.steps);
    expect(byId[step]).toBe('failed');
    // Every step that changed something is marked undone; checks (preflight, sign, obs-started) stay done.
    for (const changing of ['enable', 'snapshot', 'set-service', 'start'] as const) expect(byId[changing]).not.toBe('done');
    expect(history.starts).toEqual([]);
  });

  it('adds what OSS knows to a failed start: the channel was disabled meanwhile', async () => {
    obs.startOutcome = 'start-failed';
    obs.onSet = () => void oss.putLiveChannelStatus('show', 'disabled');
    await oss.putLiveChannel('show');
    const error = await failure(goLive(deps, { channel: 'show' }));
    expect(error.message).toMatch(/What OSS knows: channel "show" is disabled/);
  });

  it('explains a Live timeout with what to check', async () => {
    oss.pollsUntilLive = Number.POSITIVE_INFINITY;
    const error = await failure(goLive(deps, { channel: 'show', liveTimeoutMs: 50 }));
    expect(error.message).toMatch(/did not report channel "show" Live within 0 s.*Idle.*check that this machine reaches rtmp:\/\//s);
  });

  it('undoes when cancelled mid-way, and says it was cancelled', async () => {
    oss.pollsUntilLive = Number.POSITIVE_INFINITY;
    const controller = new AbortController();
    const run = goLive(deps, { channel: 'show', signal: controller.signal }, (step) => {
      if (step.id === 'oss-live' && step.state === 'running') setTimeout(() => controller.abort(), 20);
    });
    const error = await failure(run);
    expect(error.step).toBe('oss-live');
    expect(error.message).toMatch(/cancelled at "OSS reports the channel Live"/);
    expect(changes()).toEqual(['oss.put show', 'obs.set', 'obs.start', 'obs.stop', 'obs.restore', 'oss.delete show']);
  });

  it('keeps a crashed session’s snapshot when OBS still points at its URL, replaces it otherwise', async () => {
    const crashedTarget = { server: 'rtmp://studio.oss-cn-hangzhou.aliyuncs.com/live', key: 'show?Expires=1&OSSAccessKeyId=AKID&Signature=x' };
    const savedAt = new Date('2026-01-01T00:00:00Z');
    await snapshots.save({ obsUrl: OBS_URL, savedAt, channel: 'show', service: USER_SERVICE, target: appliedTarget(crashedTarget) });
    obs.service = { streamServiceType: 'rtmp_custom', streamServiceSettings: { ...crashedTarget, use_auth: false } };
    const kept = await goLive(deps, { channel: 'show' });
    expect(kept.steps.find((step) => step.id === 'snapshot')?.message).toMatch(/Kept the settings saved at 2026-01-01/);
    await stopBroadcast(deps, { channel: 'show' });
    expect(obs.service).toEqual(USER_SERVICE); // the user's own settings, not the crashed session's URL

    const other = { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://elsewhere/app', key: 'k' } };
    await snapshots.save({ obsUrl: OBS_URL, savedAt, channel: 'show', service: USER_SERVICE, target: appliedTarget(crashedTarget) });
    obs.service = other; // the user re-pointed OBS since the crash
    await goLive(deps, { channel: 'show' });
    expect((await snapshots.read(OBS_URL))?.service).toEqual(other);
  });

  it('keeps the snapshot on disk and says how to retry when the OBS restore itself fails', async () => {
    obs.startOutcome = 'start-failed';
    obs.failures.set('restore', { error: () => new ObsError('disconnected', 'OBS went away.'), times: 1 });
    const error = await failure(goLive(deps, { channel: 'show' }));
    expect(error.message).toMatch(/Could not put back: Point OBS at the channel .*oss-live stop show/s);
    expect((await snapshots.read(OBS_URL))?.service).toEqual(USER_SERVICE);
    expect(oss.channels.has('show')).toBe(false); // the channel it created is still deleted
  });
});

describe('stopBroadcast', () => {
  it('stops OBS, restores the saved settings from disk, records the end; a second run finds nothing to do', async () => {
    const live = await goLive(deps, { channel: 'show' });
    // A fresh snapshot store stands for another process: all stop needs is on disk.
    const other = { ...deps, snapshots: new ObsSnapshotStore(dataDir) };
    const first = await stopBroadcast(other, { channel: 'show' });
    expect(first).toMatchObject({ stoppedStream: true, restored: true, disabled: false });
    expect(obs.service).toEqual(USER_SERVICE);
    expect(await snapshots.read(OBS_URL)).toBeUndefined();
    expect(history.ends).toHaveLength(1);
    expect(history.ends[0]?.endedAt.getTime()).toBeGreaterThanOrEqual(live.startedAt.getTime());

    const second = await stopBroadcast(other, { channel: 'show' });
    expect(second).toMatchObject({ stoppedStream: false, restored: false });
    expect(second.steps.map((step) => step.state)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(second.steps[0]?.message).toMatch(/not streaming/);
  });

  it('records the end of the open broadcast after OBS crashed (nothing to stop), keeping the monitor’s saved health', async () => {
    const fileHistory = new FileBroadcastHistory({ directory: path.join(dataDir, 'history') });
    const withFile = { ...deps, history: fileHistory };
    const live = await goLive(withFile, { channel: 'show' });
    const where = { profile: 'Studio', bucket: 'studio', channel: 'show' };
    const health = { durationSeconds: 42, avgBitrateKbps: 600, minBitrateKbps: 550, droppedFramesPercent: 0, reconnectCount: 0, alertCounts: {}, ossLiveSeconds: 40 };
    expect(await fileHistory.recordSessionHealth({ ...where, health, at: new Date() })).toBe(true); // `oss-live monitor` exited
    obs.streaming = false; // OBS crashed and came back idle, still pointing at the go-live URL

    const result = await stopBroadcast(withFile, { channel: 'show' });
    expect(result).toMatchObject({ stoppedStream: false, restored: true });
    expect(result.steps.find((step) => step.id === 'record-end')).toMatchObject({ state: 'done', message: expect.stringMatching(/no longer streaming/) });
    expect(obs.service).toEqual(USER_SERVICE);
    const [broadcast] = await fileHistory.list(where);
    expect(broadcast?.startedAt).toEqual(live.startedAt);
    expect(broadcast?.endedAt?.getTime()).toBeGreaterThanOrEqual(live.startedAt.getTime());
    expect(broadcast?.health).toEqual(health);

    // Nothing open any more: a second stop records nothing.
    const again = await stopBroadcast(withFile, { channel: 'show' });
    expect(again.steps.find((step) => step.id === 'record-end')).toMatchObject({ state: 'skipped', message: expect.stringMatching(/no open broadcast/) });
    expect((await fileHistory.list(where))[0]?.endedAt).toEqual(broadcast?.endedAt);
  });

  it('disables the channel when asked', async () => {
    await goLive(deps, { channel: 'show' });
    const result = await stopBroadcast(deps, { channel: 'show', disable: true });
    expect(result.disabled).toBe(true);
    expect(oss.channels.get('show')?.status).toBe('disabled');
  });

  it('leaves alone a stream OBS sends somewhere else', async () => {
    obs.streaming = true;
    const error = await failure(stopBroadcast(deps, { channel: 'show' }));
    expect(error.step).toBe('stop-stream');
    expect(error.message).toMatch(/streaming to Twitch, not to channel "show".*left running/);
    expect(obs.streaming).toBe(true);
  });

  it('stops a stream to the channel even without a snapshot (set up by hand or by an older run)', async () => {
    const signed = await oss.signRtmpUrlAsync('show', { expiresInSeconds: 3600 });
    obs.service = { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: signed.server, key: signed.streamKey } };
    obs.streaming = true;
    const result = await stopBroadcast(deps, { channel: 'show' });
    expect(result).toMatchObject({ stoppedStream: true, restored: false });
  });

  it('keeps settings the user chose after go-live instead of restoring the old snapshot', async () => {
    await goLive(deps, { channel: 'show' });
    await obs.stopStream();
    const chosenLater = { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://mine/app', key: 'mine' } };
    obs.service = chosenLater;
    const result = await stopBroadcast(deps, { channel: 'show' });
    expect(result.restored).toBe(false);
    expect(obs.service).toEqual(chosenLater);
    expect(await snapshots.read(OBS_URL)).toBeUndefined();
  });
});
