/**
 * A broadcast's health, accumulated point by point so that it covers the whole broadcast even after the bounded
 * timeline has dropped its oldest points. Pure: `addPoint` returns a new accumulator.
 */
import type { AlertId, HealthSummary, ObsPoint, TimelinePoint } from '../../shared/monitor';
import { kbpsFromBytes } from './units';

type ReachableObs = Extract<ObsPoint, { reachable: true }>;

export interface HealthAccumulator {
  /** First and last instant (ms) at which OBS was live or OSS reported Live. */
  firstLiveAt: number | null;
  lastLiveAt: number | null;
  /** Bytes sent and the time they took, over intervals where OBS was active at both ends. */
  sentBytes: number;
  sentMs: number;
  minBitrateKbps: number | null;
  droppedFrames: number;
  sentFrames: number;
  reconnectCount: number;
  ossLiveMs: number;
  lastObs: { at: number; obs: ReachableObs } | null;
  lastOss: { at: number; live: boolean } | null;
}

export const emptyHealth = (): HealthAccumulator => ({
  firstLiveAt: null,
  lastLiveAt: null,
  sentBytes: 0,
  sentMs: 0,
  minBitrateKbps: null,
  droppedFrames: 0,
  sentFrames: 0,
  reconnectCount: 0,
  ossLiveMs: 0,
  lastObs: null,
  lastOss: null,
});

/** Folds one timeline point into the accumulator. */
export function addPoint(health: HealthAccumulator, point: TimelinePoint): HealthAccumulator {
  const at = point.at.getTime();
  let next = { ...health };
  const obs = point.obs;
  if (obs?.reachable) next = addObs(next, at, obs);
  const oss = point.oss;
  if (oss) {
    const live = oss.reachable && oss.status === 'Live';
    // Only time with Live at both ends counts: nothing is claimed about an interval that ended unknown or Idle.
    if (live && next.lastOss?.live) next.ossLiveMs += at - next.lastOss.at;
    next.lastOss = { at, live };
    if (live) next = markLive(next, at);
  }
  return next;
}

function addObs(health: HealthAccumulator, at: number, obs: ReachableObs): HealthAccumulator {
  const next = { ...health };
  const previous = next.lastObs?.obs;
  if (obs.reconnecting && !previous?.reconnecting) next.reconnectCount += 1;
  if (obs.active) {
    if (obs.bitrateKbps !== null) {
      next.minBitrateKbps = next.minBitrateKbps === null ? obs.bitrateKbps : Math.min(next.minBitrateKbps, obs.bitrateKbps);
    }
    // Counters restart with each stream: an interval across a restart is skipped rather than guessed.
    if (previous?.active && next.lastObs && obs.outputBytes >= previous.outputBytes && obs.totalFrames >= previous.totalFrames) {
      next.sentBytes += obs.outputBytes - previous.outputBytes;
      next.sentMs += at - next.lastObs.at;
      next.droppedFrames += Math.max(0, obs.droppedFrames - previous.droppedFrames);
      next.sentFrames += obs.totalFrames - previous.totalFrames;
    }
  }
  next.lastObs = { at, obs };
  return obs.active ? markLive(next, at) : next;
}

function markLive(health: HealthAccumulator, at: number): HealthAccumulator {
  return { ...health, firstLiveAt: health.firstLiveAt ?? at, lastLiveAt: Math.max(health.lastLiveAt ?? at, at) };
}

/** The summary the history keeps; `alertCounts` is how often each alert was raised. */
export function summarize(health: HealthAccumulator, alertCounts: Partial<Record<AlertId, number>>): HealthSummary {
  const durationMs = health.firstLiveAt !== null && health.lastLiveAt !== null ? health.lastLiveAt - health.firstLiveAt : 0;
  return {
    durationSeconds: durationMs / 1000,
    avgBitrateKbps: kbpsFromBytes(health.sentBytes, health.sentMs),
    minBitrateKbps: health.minBitrateKbps,
    droppedFramesPercent: health.sentFrames > 0 ? (health.droppedFrames / health.sentFrames) * 100 : null,
    reconnectCount: health.reconnectCount,
    alertCounts: { ...alertCounts },
    ossLiveSeconds: health.ossLiveMs / 1000,
  };
}
