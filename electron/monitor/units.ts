/**
 * One unit for every rate on the timeline: kilobits per second (1 kbit = 1000 bits), the unit OBS shows and
 * `bitrateKbps` (electron/obs/stats.ts) already uses, so OBS bitrate and OSS bandwidth can share one chart axis.
 */

/**
 * OSS GetLiveChannelStat `Bandwidth` (a recent average in bytes per second) in kbit/s.
 *
 * The unit is a documented conflict (spec §2.6: the Chinese docs and the go-sdk say B/s, the English docs bit/s);
 * the app reads it as B/s, the same decision the emulator makes (emulator/state/rate-meter.ts).
 */
export function ossBandwidthToKbps(bytesPerSecond: number): number {
  return (bytesPerSecond * 8) / 1000;
}

/** Kilobits per second from a byte count over an interval; null when the interval is empty or the count fell. */
export function kbpsFromBytes(bytes: number, elapsedMs: number): number | null {
  if (!(elapsedMs > 0) || bytes < 0) return null;
  return (bytes * 8) / elapsedMs; // bits per millisecond = kilobits per second
}
