/**
 * The broadcast history kept on disk: the app's sessions and every OSS LiveRecord seen, per profile and bucket,
 * stitched into broadcasts when read. OSS itself keeps only the last 10 records; this keeps them all (up to the caps
 * in history-file.ts).
 *
 * Writes are read-modify-write under a per-file queue, so concurrent calls in one process never lose an update; the
 * file is replaced atomically, so another process reading it sees the old or the new version, never a torn one.
 */
import path from 'node:path';

import type { Broadcast } from '../../shared/history';
import type { LiveRecord } from '../../shared/live-channel';
import { ValidationError, validateChannelName, validatePlaylistName } from '../../shared/validation';
import { userDataDir } from '../app-paths';
import { KeyedMutex } from '../util/keyed-mutex';
import type { HistoryFile } from './history-file';
import { historyFilePath, readHistoryFile, writeHistoryFile } from './history-file';
import type { AppSession, ChannelLog } from './stitch';
import { DEFAULT_RECONNECT_WINDOW_MS, mergeRecords, stitchBroadcasts } from './stitch';
import type { BroadcastHistory, HistoryQuery, SessionEnd, SessionHealth, SessionStart } from './types';

export interface FileBroadcastHistoryOptions {
  /** Default: `history/` in the user data directory. */
  directory?: string;
  /** Records this close together are one broadcast (default 60 s). */
  reconnectWindowMs?: number;
}

/** Queues per file path, shared by every instance in the process. */
const fileQueues = new KeyedMutex();

export class FileBroadcastHistory implements BroadcastHistory {
  readonly directory: string;
  readonly #reconnectWindowMs: number;

  constructor(options: FileBroadcastHistoryOptions = {}) {
    this.directory = options.directory ?? path.join(userDataDir(), 'history');
    this.#reconnectWindowMs = options.reconnectWindowMs ?? DEFAULT_RECONNECT_WINDOW_MS;
  }

  /** Records a session start; the same channel and start time twice is recorded once. */
  async recordSessionStart(session: SessionStart): Promise<void> {
    validateChannelName(session.channel);
    validDate(session.startedAt, 'startedAt');
    validDate(session.urlExpiresAt, 'urlExpiresAt');
    validatePlaylistName(session.playlistName);
    await this.#update(session.profile, session.bucket, (history) => {
      const log = channelLog(history, session.channel);
      if (log.sessions.some((known) => known.startedAt.getTime() === session.startedAt.getTime())) return false;
      log.sessions.push({ startedAt: session.startedAt, playlistName: session.playlistName, urlExpiresAt: session.urlExpiresAt });
      return true;
    });
  }

  /**
   * Ends the channel's latest open session and attaches the monitor's health summary (a summary saved earlier stays
   * when none is given). Idempotent: with no open session (already ended, or never started by the app) nothing
   * changes and it returns false.
   */
  async recordSessionEnd(session: SessionEnd): Promise<boolean> {
    validDate(session.endedAt, 'endedAt');
    return this.#changeOpenSession(session, session.endedAt, (open) => {
      open.endedAt = session.endedAt;
      if (session.health) open.health = session.health;
    });
  }

  /** Puts a monitor's summary into the channel's latest open session (replacing an earlier one); false when none is open. */
  async recordSessionHealth(session: SessionHealth): Promise<boolean> {
    validDate(session.at, 'at');
    return this.#changeOpenSession(session, session.at, (open) => {
      open.health = session.health;
    });
  }

  /** Broadcasts of the profile and bucket (one channel, or all), newest first. */
  async list(query: HistoryQuery): Promise<Broadcast[]> {
    if (query.channel !== undefined) validateChannelName(query.channel);
    const file = historyFilePath(this.directory, query.profile, query.bucket);
    const history = await fileQueues.run(file, () => readHistoryFile(file, query.profile, query.bucket));
    return this.#broadcasts(history, query.channel);
  }

  /** Merges OSS records in (writing only when something is new); returns the channel's broadcasts, newest first. */
  async syncFromOss(profile: string, bucket: string, channel: string, records: readonly LiveRecord[]): Promise<Broadcast[]> {
    validateChannelName(channel);
    records.forEach((record, i) => {
      validDate(record.startTime, `records[${i}].startTime`);
      validDate(record.endTime, `records[${i}].endTime`);
    });
    const history = await this.#update(profile, bucket, (loaded) => {
      const log = channelLog(loaded, channel);
      const merged = mergeRecords(log.records, records);
      log.records = merged.records;
      return merged.changed;
    });
    return this.#broadcasts(history, channel);
  }

  #broadcasts(history: HistoryFile, channel: string | undefined): Broadcast[] {
    const channels = channel === undefined ? [...history.channels.keys()] : [channel];
    return channels
      .flatMap((name) => {
        const log = history.channels.get(name);
        return log ? stitchBroadcasts(name, log, this.#reconnectWindowMs) : [];
      })
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }

  /** Applies `change` to the channel's latest session that was open at `at`; false (nothing written) when there is none. */
  async #changeOpenSession(where: HistoryQuery & { channel: string }, at: Date, change: (open: AppSession) => void): Promise<boolean> {
    validateChannelName(where.channel);
    let changed = false;
    await this.#update(where.profile, where.bucket, (history) => {
      const sessions = history.channels.get(where.channel)?.sessions ?? [];
      const open = sessions
        .filter((known) => known.endedAt === undefined && known.startedAt.getTime() <= at.getTime())
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
      if (!open) return false;
      change(open);
      changed = true;
      return true;
    });
    return changed;
  }

  /** Read, change, and write back when `change` says it changed something; returns the history after the change. */
  async #update(profile: string, bucket: string, change: (history: HistoryFile) => boolean): Promise<HistoryFile> {
    const file = historyFilePath(this.directory, profile, bucket);
    return fileQueues.run(file, async () => {
      const history = await readHistoryFile(file, profile, bucket);
      if (change(history)) await writeHistoryFile(file, history);
      return history;
    });
  }
}

function channelLog(history: HistoryFile, channel: string): ChannelLog {
  let log = history.channels.get(channel);
  if (!log) history.channels.set(channel, (log = { sessions: [], records: [] }));
  return log;
}

function validDate(value: Date, field: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new ValidationError(field, 'must be a valid Date');
}
