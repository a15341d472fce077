/** The broadcast history interface other main-process modules (go-live, monitor, IPC) depend on. */
import type { Broadcast, HealthSummary } from '../../shared/history';
import type { LiveRecord } from '../../shared/live-channel';

export type { Broadcast, HealthSummary } from '../../shared/history';
export type { LiveRecord } from '../../shared/live-channel';

export interface SessionStart {
  profile: string;
  bucket: string;
  channel: string;
  startedAt: Date;
  playlistName: string;
  urlExpiresAt: Date;
}

export interface SessionEnd {
  profile: string;
  bucket: string;
  channel: string;
  endedAt: Date;
  health?: HealthSummary;
}

/** A monitor's health summary of a broadcast that may still be running. */
export interface SessionHealth {
  profile: string;
  bucket: string;
  channel: string;
  health: HealthSummary;
  /** When the summary was taken; only a session open at that time gets it. */
  at: Date;
}

export interface HistoryQuery {
  profile: string;
  bucket: string;
  channel?: string;
}

export interface BroadcastHistory {
  /** The app started a broadcast (go-live reached OSS Live). */
  recordSessionStart(session: SessionStart): Promise<void>;
  /**
   * The app stopped it (or saw it end); health is the monitor's summary when one ran (without it, a summary saved
   * earlier by {@link recordSessionHealth} stays). True when an open session was ended, false when there was none.
   */
  recordSessionEnd(session: SessionEnd): Promise<boolean>;
  /**
   * A monitor in another process (`oss-live monitor`) is done watching: its summary goes into the open session,
   * replacing an earlier one. True when there was an open session to put it in.
   */
  recordSessionHealth(session: SessionHealth): Promise<boolean>;
  /** OSS records merged with the local ones, newest first, kept beyond OSS's 10. */
  list(query: HistoryQuery): Promise<Broadcast[]>;
  /** Merge GetLiveChannelHistory records in (idempotent); returns the channel's broadcasts, newest first. */
  syncFromOss(profile: string, bucket: string, channel: string, records: readonly LiveRecord[]): Promise<Broadcast[]>;
}
