import { describe, expect, it } from 'vitest';

import type { AppSession } from '../../../electron/history/stitch';
import { mergeRecords, stitchBroadcasts } from '../../../electron/history/stitch';
import type { LiveRecord } from '../../../shared/live-channel';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
/** A Date `minutes` after t0 (fractions allowed). */
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const record = (from: number, to: number, remoteAddr = '203.0.113.7:50000'): LiveRecord => ({ startTime: at(from), endTime: at(to), remoteAddr });
const session = (from: number, to?: number): AppSession => ({
  startedAt: at(from),
  ...(to !== undefined && { endedAt: at(to) }),
  playlistName: 'playlist.m3u8',
  urlExpiresAt: at(from + 12 * 60),
});

describe('mergeRecords', () => {
  it('adds new records oldest first and reports whether anything changed', () => {
    const first = mergeRecords([], [record(10, 20), record(0, 5)]);
    expect(first.changed).toBe(true);
    expect(first.records.map((r) => r.startTime)).toEqual([at(0), at(10)]);
    const again = mergeRecords(first.records, [record(0, 5), record(10, 20)]);
    expect(again.changed).toBe(false);
    expect(again.records).toEqual(first.records);
  });

  it('identifies a record by start and address, and keeps its latest end', () => {
    const { records, changed } = mergeRecords([record(0, 1)], [record(0, 9), record(0, 3, '198.51.100.1:1')]);
    expect(changed).toBe(true);
    expect(records).toEqual([record(0, 3, '198.51.100.1:1'), record(0, 9)]);
    expect(mergeRecords(records, [record(0, 2)]).changed).toBe(false);
  });

  it('keeps more than the 10 records OSS returns', () => {
    let kept: LiveRecord[] = [];
    for (let batch = 0; batch < 3; batch += 1) {
      const newestTen = Array.from({ length: 10 }, (_, i) => record((batch * 5 + i) * 10, (batch * 5 + i) * 10 + 5));
      kept = mergeRecords(kept, newestTen).records;
    }
    expect(kept).toHaveLength(20); // batches overlap by 5
  });
});

describe('stitchBroadcasts', () => {
  it('stitches OSS records within the reconnect window into one broadcast, keeping the raw records', () => {
    const records = [record(0, 10), record(10.5, 30), record(30.9, 40), record(45, 50)];
    const broadcasts = stitchBroadcasts('show', { sessions: [], records });
    expect(broadcasts.map((b) => [b.startedAt, b.endedAt, b.records.length, b.source])).toEqual([
      [at(45), at(50), 1, 'oss'],
      [at(0), at(40), 3, 'oss'],
    ]);
  });

  it('takes the window as a parameter', () => {
    const records = [record(0, 10), record(10.5, 30)];
    expect(stitchBroadcasts('show', { sessions: [], records }, 10_000)).toHaveLength(2);
    expect(stitchBroadcasts('show', { sessions: [], records }, 30_000)).toHaveLength(1);
  });

  it("merges the app's session with the records it covers, including reconnects and OBS's early connect", () => {
    const log = {
      // OBS connected 10 s before the app saw OSS Live; it reconnected twice; a later push is someone else's.
      sessions: [{ ...session(0, 40), health: { durationSeconds: 2400, avgBitrateKbps: 2500, minBitrateKbps: 0, droppedFramesPercent: 0.1, reconnectCount: 2, alertCounts: { 'obs-reconnecting': 2 }, ossLiveSeconds: 2390 } }],
      records: [record(-10 / 60, 12), record(12.2, 25), record(25.1, 40.2), record(100, 110)],
    };
    const [other, mine] = stitchBroadcasts('show', log);
    expect(mine).toMatchObject({ source: 'both', startedAt: at(-10 / 60), endedAt: at(40.2), playlistName: 'playlist.m3u8' });
    expect(mine?.records).toHaveLength(3);
    expect(mine?.health?.reconnectCount).toBe(2);
    expect(other).toMatchObject({ source: 'oss', startedAt: at(100), endedAt: at(110) });
  });

  it('never merges two app sessions, even close together', () => {
    const log = { sessions: [session(0, 10), session(10.5, 20)], records: [record(0, 10), record(10.4, 20)] };
    const broadcasts = stitchBroadcasts('show', log);
    expect(broadcasts.map((b) => [b.source, b.records.length])).toEqual([
      ['both', 1],
      ['both', 1],
    ]);
  });

  it('keeps a running session open, and closes an abandoned one at its last record', () => {
    const running = stitchBroadcasts('show', { sessions: [session(0)], records: [record(0, 5)] });
    expect(running[0]?.endedAt).toBeUndefined();
    // The app crashed during the first session (no end recorded); a newer session proves it is over.
    const log = { sessions: [session(0), session(100, 110)], records: [record(0, 30), record(100, 110)] };
    const [, abandoned] = stitchBroadcasts('show', log);
    expect(abandoned).toMatchObject({ startedAt: at(0), endedAt: at(30), source: 'both' });
  });

  it('lists an app-only broadcast when OSS has no record of it (yet)', () => {
    const [only] = stitchBroadcasts('show', { sessions: [session(0, 5)], records: [] });
    expect(only).toMatchObject({ source: 'app', records: [], startedAt: at(0), endedAt: at(5) });
  });

  it('gives broadcasts ids that stay the same when more records arrive', () => {
    const before = stitchBroadcasts('show', { sessions: [session(0, 40)], records: [] });
    const after = stitchBroadcasts('show', { sessions: [session(0, 40)], records: [record(-0.1, 40)] });
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(before[0]?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(stitchBroadcasts('other', { sessions: [session(0, 40)], records: [] })[0]?.id).not.toBe(before[0]?.id);
  });
});
