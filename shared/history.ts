/**
 * Broadcast history DTOs: what the History screen lists. A broadcast is the app's own session record merged with the
 * OSS LiveRecords it covers; several records within the reconnect window are stitched into one broadcast.
 */
import type { LiveRecord } from './live-channel';
import type { HealthSummary } from './monitor';

export type { HealthSummary } from './monitor';

export interface Broadcast {
  /** Stable across merges: derived from the first start time and channel. */
  id: string;
  channel: string;
  startedAt: Date;
  /** Absent while the broadcast is (or may still be) running. */
  endedAt?: Date;
  /** `app`: only the app saw it; `oss`: only OSS records it (e.g. another machine); `both`: merged. */
  source: 'app' | 'oss' | 'both';
  playlistName?: string;
  urlExpiresAt?: Date;
  /** The raw OSS LiveRecords stitched into this broadcast, oldest first (one per RTMP connection). */
  records: LiveRecord[];
  health?: HealthSummary;
}
