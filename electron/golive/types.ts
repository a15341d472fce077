/**
 * The go-live / stop contract: options, results and progress steps (the DTOs in shared/golive.ts, which the renderer
 * shows), and the ports (interfaces) the state machine drives. The real OSS client and OBS controller satisfy the
 * ports; unit tests may pass small fakes of them.
 */
import type { GoLiveRequest, Step, StopRequest } from '../../shared/golive';
import type { ChannelStatus, LiveChannelConfig, LiveChannelInput, LiveChannelStat, LiveChannelUrls, SignedRtmpUrl } from '../../shared/live-channel';
import type { BroadcastHistory, HealthSummary } from '../history/types';
import type { CallOptions, SignRtmpUrlOptions } from '../oss';
import type { PreflightReport, RtmpCustomTarget, StreamEvent, StreamServiceSnapshot, StreamStatus, StreamWaitOptions } from '../obs';
import type { ObsReconnectSettings } from './expiry';
import type { ObsSnapshotStore } from './snapshot-store';

export type { GoLiveResult, GoLiveStep, GoLiveStepId, Step, StepState, StopResult, StopStep, StopStepId } from '../../shared/golive';

/** What the user asks for (the renderer's {@link GoLiveRequest}) plus cancellation, which only the main process has. */
export interface GoLiveOptions extends GoLiveRequest {
  /** Aborting (Ctrl-C, Cancel) stops at the current step and undoes what was done. */
  signal?: AbortSignal;
}

export interface StopOptions extends StopRequest {
  signal?: AbortSignal;
  /** The monitor's health summary of the broadcast, when one watched it; recorded with the session's end. */
  health?: () => HealthSummary | undefined;
}

/** Called with a copy of a step each time its state changes. */
export type StepListener<Id extends string> = (step: Step<Id>) => void;

/** What go-live needs from OSS: a subset of `OssLiveClient`. */
export interface GoLiveOss {
  getLiveChannelInfo(channel: string, o?: CallOptions): Promise<LiveChannelConfig>;
  putLiveChannel(channel: string, input?: LiveChannelInput, o?: CallOptions): Promise<LiveChannelUrls>;
  putLiveChannelStatus(channel: string, status: ChannelStatus, o?: CallOptions): Promise<void>;
  deleteLiveChannel(channel: string, o?: CallOptions): Promise<void>;
  getLiveChannelStat(channel: string, o?: CallOptions): Promise<LiveChannelStat>;
  signRtmpUrlAsync(channel: string, options?: SignRtmpUrlOptions): Promise<SignedRtmpUrl>;
}

/** What go-live needs from OBS: a subset of `ObsController`, plus its reconnect settings (see obs-port.ts). */
export interface GoLiveObs {
  connect(): Promise<void>;
  preflight(fragDuration: number): Promise<PreflightReport>;
  reconnectSettings(): Promise<ObsReconnectSettings>;
  getStreamStatus(): Promise<StreamStatus>;
  getStreamService(): Promise<StreamServiceSnapshot>;
  setStreamService(target: RtmpCustomTarget): Promise<void>;
  restoreStreamService(snapshot: StreamServiceSnapshot): Promise<void>;
  startStream(options?: StreamWaitOptions): Promise<void>;
  stopStream(options?: StreamWaitOptions): Promise<void>;
  /** Stream state events; returns a function that unsubscribes. */
  on(event: 'stream', listener: (event: StreamEvent) => void): () => void;
}

/** Everything go-live and stop work with, built for one profile by `electron/services`. */
export interface GoLiveDeps {
  oss: GoLiveOss;
  obs: GoLiveObs;
  /** The obs-websocket URL: the key under which the user's OBS settings are saved. */
  obsUrl: string;
  snapshots: ObsSnapshotStore;
  /** The app's broadcast history; absent in tests that do not look at it. */
  history?: BroadcastHistory;
  /** Profile and bucket the broadcast is recorded under. */
  profile: string;
  bucket: string;
  /** The HLS URL viewers play for a channel and playlist (unsigned). */
  playUrl(channel: string, playlistName: string): string;
  /** Clock; tests may freeze it. */
  now?: () => Date;
  /** Milliseconds between GetLiveChannelStat polls while waiting for Live; default 500. */
  livePollMs?: number;
}
