import { describe, expect, it } from 'vitest';

import { HISTORY_SCHEMA_VERSION, HistoryFileError, MAX_RECORDS_PER_CHANNEL, parseHistoryFile, serializeHistoryFile } from '../../../electron/history';
import type { HistoryFile } from '../../../electron/history';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000);

const sample: HistoryFile = {
  profile: 'Studio',
  bucket: 'my-bucket',
  channels: new Map([
    [
      'show',
      {
        sessions: [
          {
            startedAt: at(0),
            endedAt: at(600),
            playlistName: 'live.m3u8',
            urlExpiresAt: at(43_200),
            health: { durationSeconds: 600, avgBitrateKbps: null, minBitrateKbps: null, droppedFramesPercent: null, reconnectCount: 0, alertCounts: {}, ossLiveSeconds: 0 },
          },
          { startedAt: at(900), playlistName: 'live.m3u8', urlExpiresAt: at(44_100) },
        ],
        records: [{ startTime: at(-5), endTime: at(600), remoteAddr: '127.0.0.1:50000' }],
      },
    ],
  ]),
};

/** The sample's JSON text with the value at `path` replaced, or removed when `value` is undefined. */
function edited(path: (string | number)[], value?: unknown): string {
  type Node = Record<string | number, unknown>;
  const document = JSON.parse(serializeHistoryFile(sample)) as Node;
  let node = document;
  for (const key of path.slice(0, -1)) node = node[key] as Node;
  const last = path.at(-1) ?? '';
  node[last] = value;
  // JSON.stringify leaves out undefined values: that is the removal.
  return JSON.stringify(document);
}

function errorOf(text: string): HistoryFileError {
  try {
    parseHistoryFile(text, '/data/history/Studio@my-bucket.json');
  } catch (error) {
    if (error instanceof HistoryFileError) return error;
    throw error;
  }
  throw new Error('expected a HistoryFileError');
}

describe('history file', () => {
  it('round-trips through its JSON text with a schema version', () => {
    const text = serializeHistoryFile(sample);
    expect(JSON.parse(text)).toMatchObject({ schemaVersion: HISTORY_SCHEMA_VERSION, profile: 'Studio', bucket: 'my-bucket' });
    expect(parseHistoryFile(text, 'f')).toEqual(sample);
  });

  it('names the file, the field and the rule for each kind of damage', () => {
    expect(errorOf('{"schemaVersion": 1,').message).toMatch(/^\/data\/history\/Studio@my-bucket.json: \(file\): is not valid JSON/);
    expect(errorOf('[]').field).toBe('(file)');
    expect(errorOf(edited(['schemaVersion'], 2)).rule).toMatch(/written by a newer version of the app/);
    expect(errorOf(edited(['schemaVersion'])).rule).toBe('must be 1');
    expect(errorOf(edited(['channels'], [])).field).toBe('channels');
    expect(errorOf(edited(['channels', 'show', 'records', 0, 'endTime'], 5)).field).toBe('channels.show.records[0].endTime');
    const durationPath = ['channels', 'show', 'sessions', 0, 'health', 'durationSeconds'];
    expect(errorOf(edited(durationPath, -1)).field).toBe('channels.show.sessions[0].health.durationSeconds');
    expect(errorOf(edited(['channels', 'show', 'sessions', 1, 'playlistName'])).rule).toBe('must be a non-empty string');
    expect(errorOf(edited(['channels', 'show', 'sessions'])).field).toBe('channels.show.sessions');
  });

  it('caps what it keeps per channel, dropping the oldest', () => {
    const records = Array.from({ length: MAX_RECORDS_PER_CHANNEL + 3 }, (_, i) => ({ startTime: at(i * 10), endTime: at(i * 10 + 5), remoteAddr: '' }));
    const big: HistoryFile = { ...sample, channels: new Map([['show', { sessions: [], records }]]) };
    const kept = parseHistoryFile(serializeHistoryFile(big), 'f').channels.get('show')?.records ?? [];
    expect(kept).toHaveLength(MAX_RECORDS_PER_CHANNEL);
    expect(kept[0]?.startTime).toEqual(at(30));
  });
});
