/**
 * Go-live and stop as the UI sees them: the steps with their progress, and the results. The state machine in
 * electron/golive produces these; the CLI prints them; the Go live screen renders them as a checklist.
 */
import type { LiveChannelInput } from './live-channel';
import type { LocalizedText } from './messages';

/** The go-live steps, in the order the main process runs them. */
export const GO_LIVE_STEP_IDS = [
  'preflight',
  'ensure-channel',
  'enable',
  'sign',
  'snapshot',
  'set-service',
  'start',
  'obs-started',
  'oss-live',
] as const;
export type GoLiveStepId = (typeof GO_LIVE_STEP_IDS)[number];

/** The stop steps, in order. */
export const STOP_STEP_IDS = ['stop-stream', 'restore', 'disable', 'record-end'] as const;
export type StopStepId = (typeof STOP_STEP_IDS)[number];

/** `undone`: it was done, then put back after a later step failed. */
export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'undone';

export interface Step<Id extends string> {
  id: Id;
  label: string;
  state: StepState;
  /** What happened: the outcome, why it was skipped, the failure, or what was put back (English). */
  message?: string;
  /** The same, translatable. */
  text?: LocalizedText;
  startedAt?: Date;
  endedAt?: Date;
  durationMs?: number;
}

export type GoLiveStep = Step<GoLiveStepId>;
export type StopStep = Step<StopStepId>;

/** What the user asks for when pressing Go live. */
export interface GoLiveRequest {
  channel: string;
  /** m3u8 name for this session (signed into the URL); default: the channel's PlaylistName. */
  playlistName?: string;
  /** Lifetime of the signed ingest URL; default: the planned duration plus OBS's reconnect budget. */
  expiresInSeconds?: number;
  /** How long the broadcast is expected to last; default 12 h. */
  plannedDurationSeconds?: number;
  /** Configuration for a channel that does not exist yet; an existing channel is never changed. */
  create?: LiveChannelInput;
  /** Longest wait for OSS to report the channel Live once OBS streams; default 20 000. */
  liveTimeoutMs?: number;
}

export interface GoLiveResult {
  channel: string;
  startedAt: Date;
  url: { server: string; streamKey: string; expiresAt: Date };
  playUrl: string;
  steps: GoLiveStep[];
  warnings: string[];
  /** `warnings`, translatable, in the same order. */
  warningTexts: LocalizedText[];
}

export interface StopRequest {
  channel: string;
  /** Also disable the channel (a kill switch: OSS refuses any further publish). */
  disable?: boolean;
}

export interface StopResult {
  channel: string;
  /** True when OBS was streaming and was stopped. */
  stoppedStream: boolean;
  /** True when saved OBS settings were put back. */
  restored: boolean;
  disabled: boolean;
  steps: StopStep[];
  warnings: string[];
  /** `warnings`, translatable, in the same order. */
  warningTexts: LocalizedText[];
}
