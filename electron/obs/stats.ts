/**
 * One health sample of OBS while streaming, combined from GetStats and GetStreamStatus. obs-websocket reports no
 * bitrate (obs-websocket#1080: compute it from `outputBytes` deltas), so the sample carries the bitrate since the
 * previous sample.
 */
import type { OBSResponseTypes } from 'obs-websocket-js/json';

import { plausibleDurationMs } from './stream-state';

export interface ObsSample {
  /** When the sample was taken (ms since the epoch). */
  at: number;
  active: boolean;
  reconnecting: boolean;
  /** Bytes sent by the stream output since it started. */
  bytes: number;
  /** Sending rate since the previous sample; null on the first sample, after a counter reset, or when not live. */
  bitrateKbps: number | null;
  /** Frames OBS renders per second. */
  fps: number;
  /** OBS's own CPU use, as a share of the whole machine (all cores): 10 here means 20 % of one core on 2 cores. */
  cpuPercent: number;
  memoryMb: number;
  averageFrameRenderMs: number;
  /** Frames the render thread missed (GPU or scene too heavy). */
  renderSkippedFrames: number;
  renderTotalFrames: number;
  /** Frames the encoder could not keep up with (GetStats' output counters: CPU too slow for the preset). */
  encoderSkippedFrames: number;
  encoderTotalFrames: number;
  /** Frames the stream output dropped because the network could not carry them. */
  outputSkippedFrames: number;
  outputTotalFrames: number;
  /** outputSkippedFrames ÷ outputTotalFrames; null before any frame was sent. */
  droppedRatio: number | null;
  /** 0..1: how full OBS's send buffer is. */
  congestion: number;
  /** Null when OBS's figure is implausible (after SetVideoSettings; see stream-state.ts). */
  durationMs: number | null;
}

/** The two counters a bitrate needs. */
export interface ByteCount {
  at: number;
  bytes: number;
}

/**
 * Kilobits per second between two byte counts, or null when there is no earlier count, when time did not advance,
 * or when the counter went backwards (OBS resets it with each new stream, or it is a different OBS).
 */
export function bitrateKbps(previous: ByteCount | null, current: ByteCount): number | null {
  if (!previous) return null;
  const elapsedMs = current.at - previous.at;
  const sentBytes = current.bytes - previous.bytes;
  if (elapsedMs <= 0 || sentBytes < 0) return null;
  return (sentBytes * 8) / elapsedMs; // bits per millisecond = kilobits per second
}

/** Builds a sample from one GetStats and one GetStreamStatus answer, taken at `at`. */
export function toSample(
  stats: OBSResponseTypes['GetStats'],
  status: OBSResponseTypes['GetStreamStatus'],
  at: number,
  previous: ByteCount | null,
): ObsSample {
  const current = { at, bytes: status.outputBytes };
  return {
    at,
    active: status.outputActive,
    reconnecting: status.outputReconnecting,
    bytes: status.outputBytes,
    bitrateKbps: status.outputActive ? bitrateKbps(previous, current) : null,
    fps: stats.activeFps,
    cpuPercent: stats.cpuUsage,
    memoryMb: stats.memoryUsage,
    averageFrameRenderMs: stats.averageFrameRenderTime,
    renderSkippedFrames: stats.renderSkippedFrames,
    renderTotalFrames: stats.renderTotalFrames,
    encoderSkippedFrames: stats.outputSkippedFrames,
    encoderTotalFrames: stats.outputTotalFrames,
    outputSkippedFrames: status.outputSkippedFrames,
    outputTotalFrames: status.outputTotalFrames,
    droppedRatio: status.outputTotalFrames > 0 ? status.outputSkippedFrames / status.outputTotalFrames : null,
    congestion: status.outputCongestion,
    durationMs: plausibleDurationMs(status.outputDuration),
  };
}
