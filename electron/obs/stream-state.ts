/**
 * The stream output's state as the app sees it, from obs-websocket's StreamStateChanged events and GetStreamStatus.
 *
 * Semantics worth knowing (obs-websocket 5.1, EventHandler_Outputs.cpp):
 * - StartStream only means "requested": STARTING follows, then STARTED, or STOPPED when the RTMP connect or publish
 *   failed (the event carries no reason).
 * - When the connection to the RTMP server drops, OBS emits RECONNECTING at each retry (outputActive is false in
 *   that event, while GetStreamStatus still says active with `outputReconnecting: true`), then RECONNECTED.
 */
import type { OBSEventTypes, OBSResponseTypes } from 'obs-websocket-js/json';

export type StreamState = 'starting' | 'started' | 'stopping' | 'stopped' | 'reconnecting' | 'reconnected';

/** One StreamStateChanged event. */
export interface StreamEvent {
  state: StreamState;
  /** obs-websocket's `outputActive` (false during RECONNECTING). */
  active: boolean;
  /** When the app received it (ms since the epoch). */
  at: number;
}

const STATES: Record<string, StreamState> = {
  OBS_WEBSOCKET_OUTPUT_STARTING: 'starting',
  OBS_WEBSOCKET_OUTPUT_STARTED: 'started',
  OBS_WEBSOCKET_OUTPUT_STOPPING: 'stopping',
  OBS_WEBSOCKET_OUTPUT_STOPPED: 'stopped',
  OBS_WEBSOCKET_OUTPUT_RECONNECTING: 'reconnecting',
  OBS_WEBSOCKET_OUTPUT_RECONNECTED: 'reconnected',
};

/** The event as a {@link StreamEvent}, or null for states a stream output never has (paused, resumed, unknown). */
export function toStreamEvent(event: OBSEventTypes['StreamStateChanged'], at: number): StreamEvent | null {
  const state = STATES[event.outputState];
  return state ? { state, active: event.outputActive, at } : null;
}

/** GetStreamStatus, typed and named for the app. */
export interface StreamStatus {
  active: boolean;
  reconnecting: boolean;
  /** Bytes sent since the stream started (resets to 0 with each start). */
  bytes: number;
  /** Null when OBS's figure is implausible (see {@link plausibleDurationMs}). */
  durationMs: number | null;
  /** 0..1: how full OBS's send buffer is. */
  congestion: number;
  /** Frames dropped by the network output (`obs_output_get_frames_dropped`), not encoder or render lag. */
  skippedFrames: number;
  totalFrames: number;
}

export function toStreamStatus(status: OBSResponseTypes['GetStreamStatus']): StreamStatus {
  return {
    active: status.outputActive,
    reconnecting: status.outputReconnecting,
    bytes: status.outputBytes,
    durationMs: plausibleDurationMs(status.outputDuration),
    congestion: status.outputCongestion,
    skippedFrames: status.outputSkippedFrames,
    totalFrames: status.outputTotalFrames,
  };
}

/** About three years: no real stream lasts longer. */
const MAX_PLAUSIBLE_DURATION_MS = 1e11;

/**
 * OBS's outputDuration, or null when it is garbage: after any SetVideoSettings call OBS 29 reports values such as
 * 18446743730112 ms for the rest of the process (obs-websocket#1028). Callers then use frames ÷ fps or their clock.
 */
export function plausibleDurationMs(durationMs: number): number | null {
  return Number.isFinite(durationMs) && durationMs >= 0 && durationMs < MAX_PLAUSIBLE_DURATION_MS ? durationMs : null;
}
