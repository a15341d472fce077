/** Channel state as the HTTP API and the ingest glue use it, on a real temp data dir with a controlled clock. */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { OssServiceError } from '../../../../emulator/errors';
import { EmulatorState } from '../../../../emulator/state/emulator-state';
import { RateMeter } from '../../../../emulator/state/rate-meter';
import type { LiveChannelConfig } from '../../../../shared/live-channel';

let dir: string;
let clock: number;
let state: EmulatorState;
const now = (): Date => new Date(clock);
const config = (overrides: Partial<LiveChannelConfig> = {}): LiveChannelConfig => ({
  description: '',
  status: 'enabled',
  target: { type: 'HLS', fragDuration: 2, fragCount: 2, playlistName: 'playlist.m3u8' },
  ...overrides,
});
const text = (data: string): Uint8Array => new TextEncoder().encode(data);

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof OssServiceError) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'ok';
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oss-live-state-'));
  clock = Date.UTC(2026, 0, 1, 12, 0, 0);
  state = await EmulatorState.open({ dataDir: dir, buckets: ['local'], now, log: () => undefined });
  await state.putChannel('local', 'ch', config());
});
afterEach(async () => {
  await state.close();
  await rm(dir, { recursive: true, force: true });
});

describe('beginSession', () => {
  it('refuses missing, disabled and already-live channels, and a bad playlistName, with OSS codes', async () => {
    expect(await codeOf(state.beginSession('local', 'missing', { remoteAddr: 'a:1' }))).toBe('404 NoSuchLiveChannel');
    expect(await codeOf(state.beginSession('nobucket', 'ch', { remoteAddr: 'a:1' }))).toBe('404 NoSuchBucket');
    await state.putChannel('local', 'off', config({ status: 'disabled' }));
    expect(await codeOf(state.beginSession('local', 'off', { remoteAddr: 'a:1' }))).toBe('409 LiveChannelDisabled');
    expect(await codeOf(state.beginSession('local', 'ch', { remoteAddr: 'a:1', playlistName: 'x.txt' }))).toBe('400 InvalidArgument');
    const session = await state.beginSession('local', 'ch', { remoteAddr: 'a:1' });
    expect(await codeOf(state.beginSession('local', 'ch', { remoteAddr: 'b:2' }))).toBe('409 ChannelStillLive');
    await session.end();
    expect(await codeOf(async () => (await state.beginSession('local', 'ch', { remoteAddr: 'b:2' })).end())).toBe('ok');
  });

  it('makes the channel Live, with media and bandwidth in bytes per second once known', async () => {
    const session = await state.beginSession('local', 'ch', { remoteAddr: '10.1.2.3:47745' });
    expect(state.stat('local', 'ch')).toEqual({ status: 'Live', connectedTime: new Date(clock), remoteAddr: '10.1.2.3:47745' });
    session.recordMedia({ video: { codec: 'H264', width: 1280, height: 720, frameRate: 30 }, audio: { codec: 'AAC', sampleRate: 44100, channels: 2 } });
    for (let second = 0; second < 5; second++) {
      session.countBytes('video', 250_000);
      session.countBytes('audio', 16_000);
      clock += 1000;
    }
    expect(state.stat('local', 'ch')).toMatchObject({
      video: { width: 1280, height: 720, frameRate: 30, codec: 'H264', bandwidth: 250_000 },
      audio: { sampleRate: 44100, codec: 'AAC', bandwidth: 16_000 },
    });
    await session.end();
    expect(state.stat('local', 'ch')).toEqual({ status: 'Idle' });
  });

  it('refuses PutLiveChannel and DeleteLiveChannel while live (409), allows them after', async () => {
    const session = await state.beginSession('local', 'ch', { remoteAddr: 'a:1' });
    expect(await codeOf(state.putChannel('local', 'ch', config()))).toBe('409 ChannelStillLive');
    expect(await codeOf(state.deleteChannel('local', 'ch'))).toBe('409 ChannelStillLive');
    await session.end();
    await state.putChannel('local', 'ch', config({ description: 'new' }));
    expect(state.history('local', 'ch')).toHaveLength(1);
    await state.deleteChannel('local', 'ch');
    expect(await codeOf(() => state.channel('local', 'ch'))).toBe('404 NoSuchLiveChannel');
  });

  it('while live allows only a switch to disabled (spec §2.4): enabled is 409 ChannelStillLive, even if already enabled', async () => {
    const session = await state.beginSession('local', 'ch', { remoteAddr: 'a:1' });
    expect(await codeOf(state.setChannelStatus('local', 'ch', 'enabled'))).toBe('409 ChannelStillLive');
    expect(state.channel('local', 'ch').config.status).toBe('enabled');
    expect(await codeOf(state.setChannelStatus('local', 'ch', 'disabled'))).toBe('ok');
    // Disabled but the publisher not yet kicked: still no switch back while it is connected.
    expect(await codeOf(state.setChannelStatus('local', 'ch', 'enabled'))).toBe('409 ChannelStillLive');
    expect(await codeOf(state.setChannelStatus('local', 'ch', 'disabled'))).toBe('ok');
    await session.end();
    expect(await codeOf(state.setChannelStatus('local', 'ch', 'enabled'))).toBe('ok');
    expect(await codeOf(state.setChannelStatus('local', 'ch', 'enabled'))).toBe('ok');
    expect(state.stat('local', 'ch')).toEqual({ status: 'Idle' });
  });

  it('kicks the publisher through the registered hook when the channel is disabled, after the delay', async () => {
    await state.close();
    state = await EmulatorState.open({ dataDir: dir, buckets: ['local'], now, log: () => undefined, kickDelayMs: 20 });
    const kicked: string[] = [];
    state.onKick((bucket, channel) => kicked.push(`${bucket}/${channel}`));
    const session = await state.beginSession('local', 'ch', { remoteAddr: 'a:1' });
    await state.setChannelStatus('local', 'ch', 'disabled');
    expect(state.stat('local', 'ch')).toEqual({ status: 'Disabled' });
    expect(kicked).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(kicked).toEqual(['local/ch']);
    await session.end();
  });
});

describe('segments and playlists', () => {
  it('stores each segment, rewrites the live playlist with the latest FragCount, ends with ENDLIST and a history record', async () => {
    const session = await state.beginSession('local', 'ch', { remoteAddr: 'a:1', playlistName: 'show.m3u8' });
    const t0 = clock;
    for (let i = 0; i < 3; i++) await session.writeSegment({ name: `${t0 + i * 2000}.ts`, startTime: new Date(t0 + i * 2000), duration: 2.002, data: text(`s${i}`) });
    const objects = state.bucket('local').objects;
    expect(objects.get(`ch/${t0}.ts`)).toMatchObject({ size: 2, contentType: 'video/MP2T', segment: { startTime: t0, duration: 2.002 } });
    const playlist = async (): Promise<string> => {
      const record = objects.get('ch/show.m3u8');
      if (!record) throw new Error('the live playlist was not written');
      return readFile(objects.dataPath(record), 'utf8');
    };
    expect(await playlist()).toBe(
      `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.002,\n${t0 + 2000}.ts\n#EXTINF:2.002,\n${t0 + 4000}.ts\n`,
    );
    clock += 10_000;
    await session.end();
    await session.end();
    expect(await playlist()).toMatch(/#EXT-X-ENDLIST\n$/);
    expect(state.history('local', 'ch')).toEqual([{ startTime: new Date(t0), endTime: new Date(clock), remoteAddr: 'a:1' }]);
  });

  it("never changes the live playlist's TARGETDURATION as the window slides, not even after a crash (RFC 8216 §6.2.1)", async () => {
    const session = await state.beginSession('local', 'ch', { remoteAddr: 'a:1' });
    const objects = state.bucket('local').objects;
    const targetDuration = async (objectStore = objects): Promise<number> => {
      const record = objectStore.get('ch/playlist.m3u8');
      if (!record) throw new Error('the live playlist was not written');
      return Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(await readFile(objectStore.dataPath(record), 'utf8'))?.[1]);
    };
    const t0 = clock;
    const seen: number[] = [];
    // FragDuration 2, FragCount 2: one 5.2 s segment (a long GOP), which slides out two segments later.
    let start = t0;
    for (const duration of [0.6, 2.002, 5.2, 2.0, 2.0, 2.0]) {
      await session.writeSegment({ name: `${start}.ts`, startTime: new Date(start), duration, data: text('x') });
      start += Math.round(duration * 1000);
      seen.push(await targetDuration());
    }
    // FragDuration from the first write (the first segment was shorter), 5 from the long one on, kept after it left.
    expect(seen).toEqual([2, 2, 5, 5, 5, 5]);
    // A crash now: a copy of the data dir as kill -9 leaves it, opened again, finishes the playlist with the same value.
    const copy = await mkdtemp(path.join(os.tmpdir(), 'oss-live-state-crash-'));
    try {
      await cp(dir, copy, { recursive: true });
      const recovered = await EmulatorState.open({ dataDir: copy, buckets: ['local'], now, log: () => undefined });
      const recoveredObjects = recovered.bucket('local').objects;
      expect(await targetDuration(recoveredObjects)).toBe(5);
      await recovered.close();
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
    await session.end();
    expect(await targetDuration()).toBe(5);
  });

  it('keeps only the latest 10 history records, oldest first', async () => {
    for (let i = 0; i < 12; i++) {
      const session = await state.beginSession('local', 'ch', { remoteAddr: `a:${i}` });
      clock += 1000;
      await session.end();
    }
    expect(state.history('local', 'ch').map((r) => r.remoteAddr)).toEqual(Array.from({ length: 10 }, (_, i) => `a:${i + 2}`));
  });

  it('selects VOD segments by start time within [start, end] seconds, in time order', async () => {
    const session = await state.beginSession('local', 'ch', { remoteAddr: 'a:1' });
    const t0 = clock;
    for (const offset of [4000, 0, 2000, 6500]) await session.writeSegment({ name: `${t0 + offset}.ts`, startTime: new Date(t0 + offset), duration: 2, data: text('x') });
    await session.end();
    await state.bucket('local').objects.put('ch/other.ts', 'not a segment', { maxBytes: 100 });
    const s = t0 / 1000;
    expect(state.vodSegments('local', 'ch', s, s + 4).map((e) => e.name)).toEqual([`${t0}.ts`, `${t0 + 2000}.ts`, `${t0 + 4000}.ts`]);
    expect(state.vodSegments('local', 'ch', s + 5, s + 7).map((e) => e.name)).toEqual([`${t0 + 6500}.ts`]);
    expect(await codeOf(() => state.vodSegments('local', 'ch', s + 7, s + 100))).toBe('400 InvalidArgument');
    expect(await codeOf(() => state.vodSegments('local', 'missing', s, s + 100))).toBe('400 InvalidArgument');
  });
});

describe('RateMeter', () => {
  it('averages whole past seconds and forgets old ones', () => {
    let t = 10_000_500;
    const meter = new RateMeter(() => new Date(t));
    expect(meter.bytesPerSecond()).toBe(0);
    meter.add(1000);
    expect(meter.bytesPerSecond()).toBe(0);
    t += 1000;
    expect(meter.bytesPerSecond()).toBe(200);
    t += 10_000;
    meter.add(-5);
    expect(meter.bytesPerSecond()).toBe(0);
  });
});
