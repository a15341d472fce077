/** The preview's latency as the streamer reads it: seconds behind the playlist's live edge, and in segments. */

export interface LatencyReading {
  /** `hls.latency`: seconds between the playhead and the live edge of the playlist. */
  seconds: number;
  /** `hls.targetLatency`: where hls.js tries to hold the playhead; null before the first playlist. */
  targetSeconds: number | null;
  /** `seconds / FragDuration`: comparable across channels (hls.js holds about 3 by default). */
  segments: number | null;
}

/**
 * A reading from hls.js's getters, or undefined while there is nothing to report (no playlist yet: hls.js then
 * answers 0 or NaN, which would read as "no latency").
 */
export function readLatency(latency: number, targetLatency: number | null, fragDurationSeconds: number | undefined): LatencyReading | undefined {
  if (!Number.isFinite(latency) || latency <= 0) return undefined;
  const target = targetLatency !== null && Number.isFinite(targetLatency) && targetLatency > 0 ? targetLatency : null;
  const segments = fragDurationSeconds !== undefined && fragDurationSeconds > 0 ? latency / fragDurationSeconds : null;
  return { seconds: latency, targetSeconds: target, segments };
}
