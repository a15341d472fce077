/**
 * Pure history logic: merging OSS LiveRecords into what is kept (de-duplicated), and grouping the records and the
 * app's own sessions into broadcasts.
 *
 * OSS makes every RTMP connection its own LiveRecord, so one broadcast with two network drops shows up as three.
 * Records that start within the reconnect window (60 s, Mux's default `reconnect_window`) after the previous one
 * ended are one broadcast. The app's sessions are firmer boundaries: two sessions are never merged, and a record
 * belongs to the session whose time it falls in.
 */
import { createHash } from 'node:crypto';

import type { Broadcast, HealthSummary } from '../../shared/history';
import type { LiveRecord } from '../../shared/live-channel';

/** Mux's default reconnect window: a reconnect within it continues the same broadcast. */
export const DEFAULT_RECONNECT_WINDOW_MS = 60_000;

/**
 * How long before the app's recorded start a record may begin and still belong to that session: OBS connects first,
 * and the app records the start only once OSS reports Live (go-live waits up to 20 s for that).
 */
export const SESSION_LEAD_MS = 30_000;

/** One broadcast as the app recorded it. */
export interface AppSession {
  startedAt: Date;
  endedAt?: Date;
  playlistName: string;
  urlExpiresAt: Date;
  health?: HealthSummary;
}

/** Everything kept for one channel. */
export interface ChannelLog {
  sessions: AppSession[];
  records: LiveRecord[];
}

const recordKey = (record: LiveRecord): string => `${record.startTime.getTime()} ${record.remoteAddr}`;

/**
 * Adds `incoming` records to `existing`, oldest first. A record is identified by its start time and remote address;
 * when it comes again with a later end time (it was still running), the later end wins. `changed` says whether
 * anything differs, so a sync that brings nothing new writes nothing.
 */
export function mergeRecords(existing: readonly LiveRecord[], incoming: readonly LiveRecord[]): { records: LiveRecord[]; changed: boolean } {
  const byKey = new Map(existing.map((record) => [recordKey(record), record]));
  let changed = false;
  for (const record of incoming) {
    const key = recordKey(record);
    const known = byKey.get(key);
    if (known && known.endTime.getTime() >= record.endTime.getTime()) continue;
    byKey.set(key, { startTime: record.startTime, endTime: record.endTime, remoteAddr: record.remoteAddr });
    changed = true;
  }
  const records = [...byKey.values()].sort((a, b) => a.startTime.getTime() - b.startTime.getTime() || a.remoteAddr.localeCompare(b.remoteAddr));
  return { records, changed };
}

/** The channel's broadcasts, newest first. */
export function stitchBroadcasts(channel: string, log: ChannelLog, reconnectWindowMs = DEFAULT_RECONNECT_WINDOW_MS): Broadcast[] {
  const sessions = [...log.sessions].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const records = [...log.records].sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  const claimed = sessions.map((): LiveRecord[] => []);
  const unclaimed: LiveRecord[] = [];
  for (const record of records) {
    const owner = owningSession(sessions, record, reconnectWindowMs);
    if (owner === -1) unclaimed.push(record);
    else claimed[owner]?.push(record);
  }
  const fromSessions = sessions.map((session, index) =>
    sessionBroadcast(channel, session, claimed[index] ?? [], index < sessions.length - 1),
  );
  const fromOss = groupRecords(unclaimed, reconnectWindowMs).map((group) => ossBroadcast(channel, group));
  return [...fromSessions, ...fromOss].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

/** Index of the latest session whose span (lead before, reconnect window after) covers the record's start; -1 if none. */
function owningSession(sessions: readonly AppSession[], record: LiveRecord, windowMs: number): number {
  const start = record.startTime.getTime();
  for (let i = sessions.length - 1; i >= 0; i -= 1) {
    const session = sessions[i];
    if (!session) continue;
    const from = session.startedAt.getTime() - SESSION_LEAD_MS;
    const to = session.endedAt ? session.endedAt.getTime() + windowMs : Number.POSITIVE_INFINITY;
    if (start >= from && start <= to) return i;
  }
  return -1;
}

/** Records (oldest first) in runs where each starts within the window after the run so far ended. */
function groupRecords(records: readonly LiveRecord[], windowMs: number): LiveRecord[][] {
  const groups: LiveRecord[][] = [];
  let current: LiveRecord[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const record of records) {
    if (current.length > 0 && record.startTime.getTime() > end + windowMs) {
      groups.push(current);
      current = [];
      end = Number.NEGATIVE_INFINITY;
    }
    current.push(record);
    end = Math.max(end, record.endTime.getTime());
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function sessionBroadcast(channel: string, session: AppSession, records: LiveRecord[], superseded: boolean): Broadcast {
  const starts = [session.startedAt.getTime(), ...records.map((record) => record.startTime.getTime())];
  const lastRecordEnd = records.length > 0 ? Math.max(...records.map((record) => record.endTime.getTime())) : null;
  // An open session followed by a newer one is over (the app was closed or crashed before recording its end): its
  // last record, when there is one, says when.
  let endedAt: Date | undefined;
  if (session.endedAt) endedAt = new Date(Math.max(session.endedAt.getTime(), lastRecordEnd ?? 0));
  else if (superseded && lastRecordEnd !== null) endedAt = new Date(lastRecordEnd);
  return {
    id: broadcastId(channel, session.startedAt),
    channel,
    startedAt: new Date(Math.min(...starts)),
    ...(endedAt && { endedAt }),
    source: records.length > 0 ? 'both' : 'app',
    playlistName: session.playlistName,
    urlExpiresAt: session.urlExpiresAt,
    records,
    ...(session.health && { health: session.health }),
  };
}

function ossBroadcast(channel: string, records: LiveRecord[]): Broadcast {
  const first = records[0] as LiveRecord;
  return {
    id: broadcastId(channel, first.startTime),
    channel,
    startedAt: first.startTime,
    endedAt: new Date(Math.max(...records.map((record) => record.endTime.getTime()))),
    source: 'oss',
    records,
  };
}

/** Stable across syncs: the channel and the time the broadcast was anchored at (the session's start, or its first record's). */
function broadcastId(channel: string, anchor: Date): string {
  return createHash('sha256').update(`${channel}\n${anchor.toISOString()}`).digest('hex').slice(0, 16);
}
