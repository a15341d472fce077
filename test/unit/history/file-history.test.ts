import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FileBroadcastHistory, HistoryFileError, historyFilePath } from '../../../electron/history';
import type { HealthSummary } from '../../../shared/history';
import type { LiveRecord } from '../../../shared/live-channel';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const record = (from: number, to: number): LiveRecord => ({ startTime: at(from), endTime: at(to), remoteAddr: '203.0.113.7:50000' });
const where = { profile: 'Studio', bucket: 'my-bucket' };
const start = (minutes: number, channel = 'show') => ({ ...where, channel, startedAt: at(minutes), playlistName: 'live.m3u8', urlExpiresAt: at(minutes + 720) });
const health: HealthSummary = {
  durationSeconds: 600,
  avgBitrateKbps: 2480.5,
  minBitrateKbps: 0,
  droppedFramesPercent: 0.25,
  reconnectCount: 1,
  alertCounts: { 'obs-reconnecting': 1 },
  ossLiveSeconds: 590,
};

let directory: string;
let history: FileBroadcastHistory;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'history-'));
  history = new FileBroadcastHistory({ directory });
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('FileBroadcastHistory', () => {
  it('records a session, ends it with its health, and lists it merged with the OSS records', async () => {
    await history.recordSessionStart(start(0));
    expect(await history.list(where)).toMatchObject([{ channel: 'show', source: 'app', startedAt: at(0), playlistName: 'live.m3u8' }]);
    await history.recordSessionEnd({ ...where, channel: 'show', endedAt: at(10), health });
    const synced = await history.syncFromOss('Studio', 'my-bucket', 'show', [record(-0.1, 4), record(4.2, 10)]);
    expect(synced).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        channel: 'show',
        startedAt: at(-0.1),
        endedAt: at(10),
        source: 'both',
        playlistName: 'live.m3u8',
        urlExpiresAt: at(720),
        records: [record(-0.1, 4), record(4.2, 10)],
        health,
      },
    ]);
    // A second instance (another process, later) reads the same thing back from disk.
    expect(await new FileBroadcastHistory({ directory }).list(where)).toEqual(synced);
  });

  it('is idempotent: repeated starts, ends and syncs change nothing and do not rewrite the file', async () => {
    await history.recordSessionStart(start(0));
    await history.recordSessionStart(start(0));
    await history.recordSessionEnd({ ...where, channel: 'show', endedAt: at(10) });
    await history.recordSessionEnd({ ...where, channel: 'show', endedAt: at(11) });
    await history.syncFromOss('Studio', 'my-bucket', 'show', [record(0, 10)]);
    // An atomic rewrite replaces the file (a new inode); a sync that brings nothing new must not.
    const file = historyFilePath(directory, 'Studio', 'my-bucket');
    const { ino } = await stat(file);
    await history.syncFromOss('Studio', 'my-bucket', 'show', [record(0, 10)]);
    await history.recordSessionStart(start(0));
    expect((await stat(file)).ino).toBe(ino);
    await history.syncFromOss('Studio', 'my-bucket', 'show', [record(5, 9)]);
    expect((await stat(file)).ino).not.toBe(ino);
    const listed = await history.list(where);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.endedAt).toEqual(at(10));
  });

  it('keeps a monitor’s summary in the open session until the end is recorded; says when nothing was open', async () => {
    const show = { ...where, channel: 'show' };
    expect(await history.recordSessionHealth({ ...show, health, at: at(5) })).toBe(false); // nothing started yet
    await history.recordSessionStart(start(0));
    expect(await history.recordSessionHealth({ ...show, health: { ...health, durationSeconds: 60 }, at: at(1) })).toBe(true);
    expect(await history.recordSessionHealth({ ...show, health, at: at(10) })).toBe(true); // a later monitor run replaces it
    expect(await history.list(show)).toMatchObject([{ startedAt: at(0), health }]);
    expect((await history.list(show))[0]?.endedAt).toBeUndefined();

    // `oss-live stop` has no monitor of its own: the end keeps the saved summary.
    expect(await history.recordSessionEnd({ ...show, endedAt: at(12) })).toBe(true);
    expect(await new FileBroadcastHistory({ directory }).list(show)).toMatchObject([{ startedAt: at(0), endedAt: at(12), health }]);
    expect(await history.recordSessionEnd({ ...show, endedAt: at(13) })).toBe(false);
    expect(await history.recordSessionHealth({ ...show, health: { ...health, durationSeconds: 1 }, at: at(14) })).toBe(false);
    expect((await history.list(show))[0]?.health).toEqual(health);
    await expect(history.recordSessionHealth({ ...show, health, at: new Date(Number.NaN) })).rejects.toThrow('at: must be a valid Date');
  });

  it('keeps broadcasts beyond the 10 records OSS returns', async () => {
    for (let sync = 0; sync < 3; sync += 1) {
      // Each GetLiveChannelHistory returns only the newest 10; two minutes apart they are separate broadcasts.
      const newest = Array.from({ length: 10 }, (_, i) => record((sync * 10 + i) * 3, (sync * 10 + i) * 3 + 1));
      await history.syncFromOss('Studio', 'my-bucket', 'show', newest);
    }
    const broadcasts = await history.list({ ...where, channel: 'show' });
    expect(broadcasts).toHaveLength(30);
    expect(broadcasts[0]?.startedAt).toEqual(at(87)); // newest first
  });

  it('lists every channel of a profile and bucket, or one, and keeps profiles and buckets apart', async () => {
    await history.recordSessionStart(start(0, 'a'));
    await history.recordSessionStart(start(5, 'b'));
    await history.recordSessionStart({ ...start(9, 'a'), profile: 'Other' });
    expect((await history.list(where)).map((b) => b.channel)).toEqual(['b', 'a']);
    expect((await history.list({ ...where, channel: 'a' })).map((b) => b.startedAt)).toEqual([at(0)]);
    expect((await history.list({ profile: 'Other', bucket: 'my-bucket' })).map((b) => b.startedAt)).toEqual([at(9)]);
    expect(await history.list({ profile: 'Studio', bucket: 'another-bucket' })).toEqual([]);
    expect((await readdir(directory)).sort()).toEqual(['Other@my-bucket.json', 'Studio@my-bucket.json']);
  });

  it('loses no update when calls overlap', async () => {
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => history.recordSessionStart(start(i * 100, `ch${i}`))),
      ...Array.from({ length: 10 }, (_, i) => new FileBroadcastHistory({ directory }).syncFromOss('Studio', 'my-bucket', 'show', [record(i * 5, i * 5 + 1)])),
    ]);
    const all = await history.list(where);
    expect(all.filter((b) => b.channel === 'show')).toHaveLength(10);
    expect(all.filter((b) => b.channel !== 'show')).toHaveLength(10);
  });

  it('validates its input, naming the field', async () => {
    await expect(history.recordSessionStart({ ...start(0), channel: 'a/b' })).rejects.toThrow("channel: must not contain '/'");
    await expect(history.recordSessionStart({ ...start(0), startedAt: new Date(Number.NaN) })).rejects.toThrow('startedAt: must be a valid Date');
    await expect(history.recordSessionStart({ ...start(0), playlistName: 'x.txt' })).rejects.toThrow("playlistName: must end with '.m3u8'");
    await expect(history.list({ profile: '', bucket: 'my-bucket' })).rejects.toThrow('profile: must not be empty');
    await expect(history.list({ profile: 'p', bucket: 'Bad_Bucket' })).rejects.toThrow(/^bucket: /);
  });

  it('refuses a damaged file with a clear error and leaves it untouched', async () => {
    const file = historyFilePath(directory, 'Studio', 'my-bucket');
    await history.recordSessionStart(start(0));
    const damaged = (await readFile(file, 'utf8')).replace('"startedAt": "2024-05-01T12:00:00.000Z"', '"startedAt": "yesterday"');
    await writeFile(file, damaged);
    const error = await history.list(where).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryFileError);
    expect((error as HistoryFileError).field).toBe('channels.show.sessions[0].startedAt');
    expect((error as Error).message).toMatch(/must be a UTC timestamp.*left unchanged/);
    await expect(history.syncFromOss('Studio', 'my-bucket', 'show', [record(0, 1)])).rejects.toBeInstanceOf(HistoryFileError);
    await expect(history.recordSessionStart(start(50))).rejects.toBeInstanceOf(HistoryFileError);
    expect(await readFile(file, 'utf8')).toBe(damaged);
  });

  it('puts odd profile names in a single safe file name', () => {
    expect(path.basename(historyFilePath('/d', '../x/y\\z*', 'b-1'))).toBe('..%2Fx%2Fy%5Cz%2A@b-1.json');
    expect(path.dirname(historyFilePath('/d', '../x', 'b-1'))).toBe('/d');
  });
});
