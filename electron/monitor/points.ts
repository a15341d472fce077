/**
 * Turns what OBS and OSS answered into timeline points, and a failed read into an explicit "unknown": the timeline
 * never carries an invented value for a side that could not be read.
 */
import type { LiveChannelStat } from '../../shared/live-channel';
import { LocalizedError } from '../../shared/messages';
import type { MonitorState, ObsPoint, OssPoint, TimelinePoint, UnreachablePoint } from '../../shared/monitor';
import type { ObsSample } from '../obs';
import { ossBandwidthToKbps } from './units';

/** The OBS fields the UI charts and the rules read, from one {@link ObsSample}. */
export function obsPointFrom(sample: ObsSample): ObsPoint {
  return {
    reachable: true,
    active: sample.active,
    reconnecting: sample.reconnecting,
    bitrateKbps: sample.bitrateKbps,
    outputBytes: sample.bytes,
    fps: sample.fps,
    cpuPercent: sample.cpuPercent,
    droppedFrames: sample.outputSkippedFrames,
    totalFrames: sample.outputTotalFrames,
    encoderSkippedFrames: sample.encoderSkippedFrames,
  };
}

/** The OSS fields of one GetLiveChannelStat answer, bandwidth in kbit/s. */
export function ossPointFrom(stat: LiveChannelStat): OssPoint {
  if (stat.status !== 'Live') return { reachable: true, status: stat.status };
  const { video, audio } = stat;
  return {
    reachable: true,
    status: 'Live',
    ...(video && {
      videoKbps: ossBandwidthToKbps(video.bandwidth),
      videoCodec: video.codec,
      width: video.width,
      height: video.height,
      frameRate: video.frameRate,
    }),
    ...(audio && { audioKbps: ossBandwidthToKbps(audio.bandwidth), audioCodec: audio.codec }),
  };
}

/** A side that could not be read: the reason (translatable too when the error carries its text, as ObsError does). */
export function unknownPoint(error: unknown): UnreachablePoint {
  return {
    reachable: false,
    error: error instanceof Error && error.message ? error.message : String(error),
    ...(error instanceof LocalizedError ? { errorText: error.text } : {}),
  };
}

/** The newest OBS reading on a timeline slice (oldest first), if any. */
export function latestObs(points: readonly TimelinePoint[]): { at: Date; obs: ObsPoint } | undefined {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i];
    if (point?.obs) return { at: point.at, obs: point.obs };
  }
  return undefined;
}

/** The newest OSS reading on a timeline slice (oldest first), if any. */
export function latestOss(points: readonly TimelinePoint[]): { at: Date; oss: OssPoint } | undefined {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i];
    if (point?.oss) return { at: point.at, oss: point.oss };
  }
  return undefined;
}

/** What one side's newest reading says, in the words of {@link MonitorState}. */
export function obsStateOf(obs: ObsPoint | undefined): MonitorState['obs'] {
  if (!obs || !obs.reachable) return 'unknown';
  if (obs.reconnecting) return 'reconnecting';
  return obs.active ? 'live' : 'offline';
}

export function ossStateOf(oss: OssPoint | undefined): MonitorState['oss'] {
  return oss && oss.reachable ? oss.status : 'unknown';
}
