/**
 * Monitor DTOs: one timeline of OBS and OSS samples, the alerts raised over it, and the health summary a finished
 * broadcast keeps. Shared by the main process, the CLI and the renderer (charts, alert list, History screen).
 */
import type { LocalizedText } from './messages';

/** Which rule raised an alert; one active alert per id at a time. */
export type AlertId =
  | 'oss-idle-while-live'
  | 'no-output'
  | 'dropped-frames'
  | 'obs-reconnecting'
  | 'reconnect-stuck'
  | 'url-expiry'
  | 'codec'
  | 'obs-unreachable'
  | 'oss-unreachable';

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface Alert {
  id: AlertId;
  severity: AlertSeverity;
  /** What is wrong and what to do about it, phrased for the streamer (English). */
  message: string;
  /** The same, translatable (the renderer shows it in the user's language). */
  text?: LocalizedText;
  raisedAt: Date;
  /** Absent while the alert is active. */
  clearedAt?: Date;
  /**
   * The same alert was already raised at this severity less than the throttle period ago (2 min by default, as
   * Streamlabs does): list it, but do not ping the streamer again.
   */
  throttled: boolean;
}

/** An alert was raised or cleared; `alert` is the alert after the change. */
export interface AlertChange {
  change: 'raised' | 'cleared';
  alert: Alert;
}

/** Why a side could not be read (English), and the same translatable when the app phrased it (an OBS error). */
export interface UnreachablePoint {
  reachable: false;
  error: string;
  errorText?: LocalizedText;
}

/** OBS side of a timeline point. `reachable: false` means "unknown": no values are invented. */
export type ObsPoint =
  | UnreachablePoint
  | {
      reachable: true;
      /** OBS is streaming (output active), including while it reconnects. */
      active: boolean;
      reconnecting: boolean;
      /** From outputBytes deltas; null when there is no previous sample to compare with. */
      bitrateKbps: number | null;
      /** Total bytes OBS has sent this stream; lets rules see "bytes not moving". */
      outputBytes: number;
      fps: number;
      cpuPercent: number;
      /** Network (output) frames dropped / total since the stream started, as OBS counts them. */
      droppedFrames: number;
      totalFrames: number;
      /** Frames the encoder could not keep up with (CPU too slow for the preset), since OBS started. */
      encoderSkippedFrames: number;
    };

/** OSS side of a timeline point. `reachable: false` means "unknown": no values are invented. */
export type OssPoint =
  | UnreachablePoint
  | {
      reachable: true;
      status: 'Idle' | 'Disabled' | 'Live';
      /** OSS Video Bandwidth (a recent average) converted to kbit/s. */
      videoKbps?: number;
      /** OSS Audio Bandwidth converted to kbit/s. */
      audioKbps?: number;
      videoCodec?: string;
      audioCodec?: string;
      width?: number;
      height?: number;
      frameRate?: number;
    };

/** One instant on the timeline. A point carries whichever side was sampled at that instant (sometimes both). */
export interface TimelinePoint {
  at: Date;
  obs?: ObsPoint;
  oss?: OssPoint;
}

/** What the monitor believes right now, per side; `unknown` when the last poll failed. */
export interface MonitorState {
  obs: 'unknown' | 'offline' | 'live' | 'reconnecting';
  oss: 'unknown' | 'Idle' | 'Disabled' | 'Live';
  activeAlerts: Alert[];
}

/** A broadcast's health, computed from the monitor's timeline when it ends. Null numbers: no data to compute from. */
export interface HealthSummary {
  durationSeconds: number;
  avgBitrateKbps: number | null;
  minBitrateKbps: number | null;
  /** Network dropped frames as a percentage of frames sent. */
  droppedFramesPercent: number | null;
  reconnectCount: number;
  /** How many times each alert was raised. */
  alertCounts: Partial<Record<AlertId, number>>;
  /** Seconds OSS reported the channel Live while the monitor watched. */
  ossLiveSeconds: number;
}
