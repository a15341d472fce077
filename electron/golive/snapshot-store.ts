/**
 * The user's own OBS stream settings, saved on disk before go-live changes them, so that `stop` (perhaps a different
 * process, perhaps after a crash) can put them back. One file per OBS instance, keyed by its websocket URL, under
 * `<user data>/obs-snapshots/`; written atomically with mode 0600 (the settings hold the user's own stream key, which
 * OBS itself keeps in plain text in service.json).
 *
 * The record also remembers which destination the app pointed OBS at (server, and a SHA-256 of the key, which is a
 * credential), so a later go-live can tell "OBS still points at our URL, this snapshot is the user's and must be
 * kept" from "the user has changed OBS since, take a fresh snapshot".
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import { writeFileAtomic } from '../fs/atomic-write';
import type { RtmpCustomTarget, StreamServiceSnapshot } from '../obs';
import { errorCode } from '../util/error-code';

export const SNAPSHOT_DIR_NAME = 'obs-snapshots';
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** The destination the app set in OBS, without the secret key itself. */
export interface AppliedTarget {
  server: string;
  keySha256: string;
}

export interface SavedObsSettings {
  /** Normalised obs-websocket URL this snapshot belongs to. */
  obsUrl: string;
  savedAt: Date;
  /** The channel the session was for (shown by `stop`). */
  channel: string;
  /** The user's stream service, exactly as GetStreamServiceSettings returned it. */
  service: StreamServiceSnapshot;
  target: AppliedTarget;
}

/** The snapshot file cannot be used as it is; it was left unchanged. */
export class SnapshotFileError extends Error {
  override readonly name = 'SnapshotFileError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${file}: ${field}: ${rule} (the file holds your saved OBS settings and was left unchanged: fix it or move it away)`);
  }
}

/** `ws://127.0.0.1:4455/` and `WS://127.0.0.1:4455` are the same OBS. */
export function normalizeObsUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.trim();
  }
}

export const keyFingerprint = (key: string): string => createHash('sha256').update(key).digest('hex');

/** The {@link AppliedTarget} for a destination the app is about to set. */
export function appliedTarget(target: Pick<RtmpCustomTarget, 'server' | 'key'>): AppliedTarget {
  return { server: target.server, keySha256: keyFingerprint(target.key) };
}

/** True when OBS's current service is the destination the app set (so it is not the user's own). */
export function pointsAt(service: StreamServiceSnapshot, target: AppliedTarget): boolean {
  const settings = service.streamServiceSettings as Record<string, unknown>;
  return (
    service.streamServiceType === 'rtmp_custom' &&
    settings.server === target.server &&
    typeof settings.key === 'string' &&
    keyFingerprint(settings.key) === target.keySha256
  );
}

/** Saved OBS settings, one file per OBS instance. Methods never throw for a missing file. */
export class ObsSnapshotStore {
  readonly directory: string;

  constructor(dataDir: string) {
    this.directory = path.join(dataDir, SNAPSHOT_DIR_NAME);
  }

  /** The file for an OBS URL: a hash, so any URL gives a safe file name. */
  fileFor(obsUrl: string): string {
    const id = createHash('sha256').update(normalizeObsUrl(obsUrl)).digest('hex').slice(0, 16);
    return path.join(this.directory, `obs-${id}.json`);
  }

  /** The saved settings for this OBS, or undefined. Throws {@link SnapshotFileError} for a damaged file. */
  async read(obsUrl: string): Promise<SavedObsSettings | undefined> {
    const file = this.fileFor(obsUrl);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    return parseSnapshot(text, file);
  }

  /** Saves (replaces) the settings for `saved.obsUrl`: atomic, so a reader or a crash never sees half a file. */
  async save(saved: SavedObsSettings): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const document = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      obsUrl: normalizeObsUrl(saved.obsUrl),
      savedAt: saved.savedAt.toISOString(),
      channel: saved.channel,
      service: saved.service,
      target: saved.target,
    };
    await writeFileAtomic(this.fileFor(saved.obsUrl), `${JSON.stringify(document, null, 2)}\n`);
  }

  /** Deletes the saved settings; false when there were none. */
  async remove(obsUrl: string): Promise<boolean> {
    try {
      await rm(this.fileFor(obsUrl));
      return true;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }
}

/** Validates a snapshot file's text; every failure names the field. */
export function parseSnapshot(text: string, file: string): SavedObsSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFileError(file, '(file)', `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const record = objectAt(json, '(file)', file);
  if (record.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    throw new SnapshotFileError(file, 'schemaVersion', `must be ${SNAPSHOT_SCHEMA_VERSION} (got ${JSON.stringify(record.schemaVersion)})`);
  }
  const service = objectAt(record.service, 'service', file);
  const target = objectAt(record.target, 'target', file);
  const savedAt = new Date(stringAt(record.savedAt, 'savedAt', file));
  if (Number.isNaN(savedAt.getTime())) throw new SnapshotFileError(file, 'savedAt', 'must be an ISO 8601 date');
  return {
    obsUrl: stringAt(record.obsUrl, 'obsUrl', file),
    savedAt,
    channel: stringAt(record.channel, 'channel', file),
    service: {
      streamServiceType: stringAt(service.streamServiceType, 'service.streamServiceType', file),
      streamServiceSettings: objectAt(service.streamServiceSettings, 'service.streamServiceSettings', file) as StreamServiceSnapshot['streamServiceSettings'],
    },
    target: {
      server: stringAt(target.server, 'target.server', file),
      keySha256: stringAt(target.keySha256, 'target.keySha256', file),
    },
  };
}

function objectAt(value: unknown, field: string, file: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SnapshotFileError(file, field, 'must be an object');
  return value as Record<string, unknown>;
}

function stringAt(value: unknown, field: string, file: string): string {
  if (typeof value !== 'string') throw new SnapshotFileError(file, field, 'must be a string');
  return value;
}
