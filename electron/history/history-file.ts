/**
 * The history file: one JSON document per profile and bucket (`history/<profile>@<bucket>.json` under the user data
 * directory) holding, per channel, the app's sessions and the OSS LiveRecords seen so far. Versioned, validated on
 * every read, written atomically. A file that does not pass is reported with the field at fault and never rewritten,
 * so nothing in it is silently lost.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { HealthSummary } from '../../shared/history';
import type { LiveRecord } from '../../shared/live-channel';
import { ValidationError, validateBucketName } from '../../shared/validation';
import { writeFileAtomic } from '../fs/atomic-write';
import { errorCode } from '../util/error-code';
import type { AppSession, ChannelLog } from './stitch';

/** Bump when the stored shape changes, and teach {@link parseHistoryFile} the step from the previous version. */
export const HISTORY_SCHEMA_VERSION = 1;

/** Oldest entries beyond these are dropped on write: years of daily broadcasts, yet a file that stays small. */
export const MAX_SESSIONS_PER_CHANNEL = 2_000;
export const MAX_RECORDS_PER_CHANNEL = 5_000;

export interface HistoryFile {
  profile: string;
  bucket: string;
  channels: Map<string, ChannelLog>;
}

/** The history file cannot be used as it is. It was not modified. */
export class HistoryFileError extends Error {
  override readonly name = 'HistoryFileError';
  constructor(
    readonly file: string,
    /** Path of the bad value inside the file, e.g. `channels.show.sessions[2].startedAt`. */
    readonly field: string,
    readonly rule: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${field}: ${rule} (the history file was left unchanged: fix it by hand or move it away)`, options);
  }
}

/** Where the history of one profile and bucket lives inside `directory`. */
export function historyFilePath(directory: string, profile: string, bucket: string): string {
  if (typeof profile !== 'string' || profile.length === 0) throw new ValidationError('profile', 'must not be empty');
  validateBucketName(bucket);
  // Percent-encoding keeps any profile name a single, safe file name ('/' and '\' become %2F and %5C).
  return path.join(directory, `${encodeURIComponent(profile).replaceAll('*', '%2A')}@${bucket}.json`);
}

/** Reads the file; a missing file is an empty history. */
export async function readHistoryFile(file: string, profile: string, bucket: string): Promise<HistoryFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { profile, bucket, channels: new Map() };
    throw error;
  }
  const history = parseHistoryFile(text, file);
  if (history.profile !== profile || history.bucket !== bucket) {
    throw new HistoryFileError(file, 'profile', `belongs to ${history.profile}@${history.bucket}, expected ${profile}@${bucket}`);
  }
  return history;
}

/** Writes the file atomically (mode 0600), creating its directory (mode 0700) if needed. */
export async function writeHistoryFile(file: string, history: HistoryFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, serializeHistoryFile(history));
}

/** The file's text in the current schema version; channels sorted by name, entries oldest first, capped. */
export function serializeHistoryFile(history: HistoryFile): string {
  const channels = Object.fromEntries(
    [...history.channels.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, log]) => [
        name,
        {
          sessions: oldestFirst(log.sessions, (s) => s.startedAt).slice(-MAX_SESSIONS_PER_CHANNEL).map(storedSession),
          records: oldestFirst(log.records, (r) => r.startTime).slice(-MAX_RECORDS_PER_CHANNEL).map(storedRecord),
        },
      ]),
  );
  const document = { schemaVersion: HISTORY_SCHEMA_VERSION, profile: history.profile, bucket: history.bucket, channels };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Parses and validates the file's text. Throws {@link HistoryFileError} naming the first bad field. */
export function parseHistoryFile(text: string, file: string): HistoryFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HistoryFileError(file, '(file)', `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return validateDocument(json);
  } catch (error) {
    if (error instanceof ValidationError) throw new HistoryFileError(file, error.field, error.rule, { cause: error });
    throw error;
  }
}

function validateDocument(json: unknown): HistoryFile {
  const document = object(json, '(file)');
  const version = document.schemaVersion;
  if (version !== HISTORY_SCHEMA_VERSION) {
    const newer = typeof version === 'number' && version > HISTORY_SCHEMA_VERSION;
    throw new ValidationError(
      'schemaVersion',
      newer
        ? `is ${version}: the file was written by a newer version of the app, this one reads ${HISTORY_SCHEMA_VERSION}`
        : `must be ${HISTORY_SCHEMA_VERSION}`,
    );
  }
  const profile = string(document.profile, 'profile');
  const bucket = string(document.bucket, 'bucket');
  const channels = new Map<string, ChannelLog>();
  for (const [name, value] of Object.entries(object(document.channels, 'channels'))) {
    const at = `channels.${name}`;
    const log = object(value, at);
    channels.set(name, {
      sessions: array(log.sessions, `${at}.sessions`).map((entry, i) => readSession(entry, `${at}.sessions[${i}]`)),
      records: array(log.records, `${at}.records`).map((entry, i) => readRecord(entry, `${at}.records[${i}]`)),
    });
  }
  return { profile, bucket, channels };
}

function readSession(value: unknown, at: string): AppSession {
  const entry = object(value, at);
  const session: AppSession = {
    startedAt: date(entry.startedAt, `${at}.startedAt`),
    playlistName: string(entry.playlistName, `${at}.playlistName`),
    urlExpiresAt: date(entry.urlExpiresAt, `${at}.urlExpiresAt`),
  };
  if (entry.endedAt !== undefined) session.endedAt = date(entry.endedAt, `${at}.endedAt`);
  if (entry.health !== undefined) session.health = readHealth(entry.health, `${at}.health`);
  return session;
}

function readRecord(value: unknown, at: string): LiveRecord {
  const entry = object(value, at);
  return {
    startTime: date(entry.startTime, `${at}.startTime`),
    endTime: date(entry.endTime, `${at}.endTime`),
    remoteAddr: anyString(entry.remoteAddr, `${at}.remoteAddr`),
  };
}

function readHealth(value: unknown, at: string): HealthSummary {
  const entry = object(value, at);
  const alertCounts: Record<string, number> = {};
  for (const [id, count] of Object.entries(object(entry.alertCounts, `${at}.alertCounts`))) {
    alertCounts[id] = nonNegativeInteger(count, `${at}.alertCounts.${id}`);
  }
  return {
    durationSeconds: number(entry.durationSeconds, `${at}.durationSeconds`),
    avgBitrateKbps: nullableNumber(entry.avgBitrateKbps, `${at}.avgBitrateKbps`),
    minBitrateKbps: nullableNumber(entry.minBitrateKbps, `${at}.minBitrateKbps`),
    droppedFramesPercent: nullableNumber(entry.droppedFramesPercent, `${at}.droppedFramesPercent`),
    reconnectCount: nonNegativeInteger(entry.reconnectCount, `${at}.reconnectCount`),
    alertCounts,
    ossLiveSeconds: number(entry.ossLiveSeconds, `${at}.ossLiveSeconds`),
  };
}

const storedSession = (session: AppSession): Record<string, unknown> => ({
  startedAt: session.startedAt.toISOString(),
  ...(session.endedAt && { endedAt: session.endedAt.toISOString() }),
  playlistName: session.playlistName,
  urlExpiresAt: session.urlExpiresAt.toISOString(),
  ...(session.health && { health: session.health }),
});

const storedRecord = (record: LiveRecord): Record<string, unknown> => ({
  startTime: record.startTime.toISOString(),
  endTime: record.endTime.toISOString(),
  remoteAddr: record.remoteAddr,
});

const oldestFirst = <T>(items: readonly T[], time: (item: T) => Date): T[] =>
  [...items].sort((a, b) => time(a).getTime() - time(b).getTime());

// ---------------------------------------------------------------- field readers: each names the field and the rule

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError(field, 'must be a JSON object');
  return value as Record<string, unknown>;
}

function array(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be an array');
  return value;
}

function string(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new ValidationError(field, 'must be a non-empty string');
  return value;
}

function anyString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  return value;
}

function number(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ValidationError(field, 'must be a non-negative number');
  return value;
}

function nullableNumber(value: unknown, field: string): number | null {
  return value === null ? null : number(value, field);
}

function nonNegativeInteger(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 0) throw new ValidationError(field, 'must be a non-negative integer');
  return value as number;
}

function date(value: unknown, field: string): Date {
  // Only the exact form toISOString writes: anything else was edited by hand or corrupted.
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(field, 'must be a UTC timestamp like 2024-05-01T12:00:00.000Z');
  }
  return new Date(value);
}
