import type { HlsConfig } from 'hls.js';

/**
 * The preview player's hls.js settings: a named choice, measured against hls.js's defaults by the benchmarks.
 *
 * - `liveSyncDurationCount: 3` (the default): start and hold 3 target durations behind the live edge. OSS cuts
 *   plain HLS segments (no LL-HLS parts) and lists only FragCount (default 3) of them, so holding closer than 3
 *   leaves no room for a late segment and stalls (hls.js#1561). Lower latency comes from a shorter FragDuration
 *   (2 s × 3 ≈ 6 s behind the edge), which the Go live screen suggests for new channels.
 * - `liveMaxLatencyDurationCount: 6` (default: infinity): after a stall, latency creeps up and stays up
 *   (hls.js#2371); beyond 6 target durations the player jumps back to the sync point instead.
 * - `maxLiveSyncPlaybackRate: 1.5` (default 1): between those two bounds, catch up by playing up to 1.5× (as
 *   MediaMTX's player does). Its known cost is lip sync (hls.js#5220), which a muted preview does not have.
 * - `backBufferLength: 30` (default: infinity): a preview may run for hours; played media is not kept.
 * - `lowLatencyMode: false`: OSS playlists have no parts, so the LL-HLS code paths have nothing to do.
 */
export const PREVIEW_HLS_CONFIG = {
  liveSyncDurationCount: 3,
  liveMaxLatencyDurationCount: 6,
  maxLiveSyncPlaybackRate: 1.5,
  backBufferLength: 30,
  lowLatencyMode: false,
} as const satisfies Partial<HlsConfig>;

/** How long to wait before asking again for a playlist that does not exist yet (or a failed load). */
export const PREVIEW_RETRY_MS = 2_000;

/** How often the latency readout is refreshed: the monitor's cadence, cheap and readable. */
export const LATENCY_REFRESH_MS = 1_000;
