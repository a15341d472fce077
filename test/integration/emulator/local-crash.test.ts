/**
 * Storage under faults, with `oss-live local` as a real child process: `kill -9` in the middle of a stream, then a
 * restart on the same data dir, must leave finished segments, playlists, channels and history intact, no channel
 * stuck Live, and a history record for the cut session. A SIGTERM while live must shut down cleanly.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LiveChannelStat, LiveRecord } from '../../../shared/live-channel';
import { OssLiveClient } from '../../../electron/oss';
import { publishTestPattern, stopAllPublishers } from '../../support/ffmpeg-publisher';
import { probeBytes } from '../../support/ffprobe';
import { waitFor } from '../../support/listening-ports';
import { startLocalEmulator, type LocalEmulatorProcess, type LocalReady } from '../../support/local-emulator';
import { parseMediaPlaylist } from '../../support/m3u8';
import { needs } from '../../support/tools';

const CHANNEL = 'crash';

const clientFor = (ready: LocalReady): OssLiveClient =>
  new OssLiveClient({
    endpoint: ready.endpoint,
    bucket: ready.bucket,
    region: ready.region,
    rtmpBase: ready.rtmp,
    credentials: { accessKeyId: ready.accessKeyId, accessKeySecret: ready.accessKeySecret },
    retries: 0,
  });

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

async function segmentKeys(client: OssLiveClient): Promise<string[]> {
  return (await client.listObjects({ prefix: `${CHANNEL}/` })).objects.map((object) => object.key).filter((key) => key.endsWith('.ts'));
}

/** Every segment decodes cleanly, and the playlist ended with ENDLIST and lists only stored segments. */
async function expectIntact(client: OssLiveClient): Promise<string[]> {
  const keys = await segmentKeys(client);
  for (const key of keys) {
    const probe = await probeBytes((await client.getObject(key)).body);
    expect(probe, key).toMatchObject({ format: 'mpegts', errors: '', video: { codec: 'h264' }, audio: { codec: 'aac' } });
  }
  const playlist = parseMediaPlaylist(decode((await client.getObject(`${CHANNEL}/playlist.m3u8`)).body));
  expect(playlist.ended).toBe(true);
  expect(playlist.entries.length).toBeGreaterThan(0);
  for (const entry of playlist.entries) expect(keys).toContain(`${CHANNEL}/${entry.uri}`);
  return keys;
}

describe.runIf(needs('ffmpeg', 'ffprobe'))('oss-live local: kill -9 mid-stream, restart, SIGTERM while live', () => {
  let root: string;
  let data: string;
  let userData: string;
  let running: LocalEmulatorProcess | undefined;
  let first: LocalReady;
  let liveBeforeCrash: Extract<LiveChannelStat, { status: 'Live' }>;
  let keysBeforeCrash: string[] = [];

  const start = async (): Promise<LocalEmulatorProcess> => {
    running = await startLocalEmulator({ data, userData });
    return running;
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'oss-live-crash-'));
    data = path.join(root, 'emulator');
    userData = path.join(root, 'user');
  });

  afterAll(async () => {
    await stopAllPublishers();
    await running?.stop('SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  it('kill -9 in the middle of a stream', async () => {
    const emulator = await start();
    first = emulator.ready;
    const client = clientFor(first);
    await client.putLiveChannel(CHANNEL, { fragDuration: 1, fragCount: 3 });
    const publisher = publishTestPattern(client.signRtmpUrl(CHANNEL).url, { seconds: 30, fragDuration: 1 });
    await waitFor(async () => (await segmentKeys(client)).length >= 3, 10_000);
    const stat = await client.getLiveChannelStat(CHANNEL);
    if (stat.status !== 'Live') throw new Error(`expected Live before the crash, got ${stat.status}`);
    liveBeforeCrash = stat;
    keysBeforeCrash = await segmentKeys(client);

    expect(await emulator.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    // The publisher loses its server and gives up.
    const { code } = await publisher.exited;
    expect(code).not.toBe(0);
    // Nothing removed the ready file: the app sees its pid is gone (electron/services/local-connection.ts).
    expect(await exists(path.join(userData, 'local.json'))).toBe(true);
  });

  it('after a restart on the same data dir: channel, credentials, segments, playlist and history intact, not stuck Live', async () => {
    const emulator = await start();
    const client = clientFor(emulator.ready);
    expect(emulator.ready.accessKeyId).toBe(first.accessKeyId); // generated once, kept in the data dir
    expect((await client.getLiveChannelInfo(CHANNEL)).target).toMatchObject({ fragDuration: 1, fragCount: 3 });
    expect(await client.getLiveChannelStat(CHANNEL)).toEqual({ status: 'Idle' });

    const history = await client.getLiveChannelHistory(CHANNEL);
    expect(history).toHaveLength(1);
    const [record] = history as [LiveRecord];
    expect(record.startTime.getTime()).toBe(liveBeforeCrash.connectedTime.getTime());
    expect(record.remoteAddr).toBe(liveBeforeCrash.remoteAddr);
    // The record ends at the last finished segment: after the start, before the restart.
    expect(record.endTime.getTime()).toBeGreaterThan(record.startTime.getTime());
    expect(record.endTime.getTime()).toBeLessThanOrEqual(Date.now());

    const keys = await expectIntact(client);
    for (const key of keysBeforeCrash) expect(keys).toContain(key);
  });

  it('SIGTERM while live: the publisher is closed, the session recorded, exit 0, local.json removed', async () => {
    const emulator = running;
    if (!emulator) throw new Error('the restarted emulator is not running');
    const client = clientFor(emulator.ready);
    const publisher = publishTestPattern(client.signRtmpUrl(CHANNEL).url, { seconds: 30, fragDuration: 1 });
    await waitFor(async () => (await client.getLiveChannelStat(CHANNEL)).status === 'Live' && (await segmentKeys(client)).length > keysBeforeCrash.length + 2, 10_000);
    const ready = path.join(userData, 'local.json');
    expect(await exists(ready)).toBe(true);

    expect(await emulator.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(emulator.stdout().trim().split('\n')).toHaveLength(1); // --json: the ready line and nothing else
    expect(await exists(ready)).toBe(false);
    const { code } = await publisher.exited;
    expect(code).not.toBe(0); // closed by the server, not finished by itself

    const again = await start();
    const restarted = clientFor(again.ready);
    expect(await restarted.getLiveChannelStat(CHANNEL)).toEqual({ status: 'Idle' });
    expect(await restarted.getLiveChannelHistory(CHANNEL)).toHaveLength(2);
    await expectIntact(restarted);
    expect(await again.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });
});
