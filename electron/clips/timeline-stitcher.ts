/**
 * Splices a clip's segments into one continuous timeline.
 *
 * Segments of one RTMP connection continue each other. A new connection (OBS reconnecting, or the next broadcast
 * inside the picked range) restarts the encoder's clock, so its timestamps jump back, which players read as time
 * running backwards (ffprobe gives a 6 s two-connection clip a length of 3 s; mux.js overlaps the fragments). Each
 * segment is expected to start where the previous one ended: its first timestamp plus its playlist duration. A
 * segment that starts more than {@link EARLY_TOLERANCE_SECONDS} earlier or {@link GAP_TOLERANCE_SECONDS} later is
 * a new clock: it and every later segment are shifted to continue exactly there. Smaller differences are ordinary
 * jitter or a short gap, and stay as recorded.
 */
import { TICKS_PER_SECOND, shiftTimestamps, timestampSpan, unwrapTimestamp } from './ts-timestamps';

/** More than this much overlap with the previous segment cannot be the same clock. */
export const EARLY_TOLERANCE_SECONDS = 1;
/** A forward jump larger than this is a clock change, not a gap worth keeping (the emulator rebases at 10 s too). */
export const GAP_TOLERANCE_SECONDS = 10;

export class TimelineStitcher {
  /** Ticks added to every timestamp of the current clock. */
  private offset = 0;
  /** Where the next segment should start, on the output timeline (unwrapped 90 kHz ticks). */
  private expectedStart: number | undefined;
  /** How many clock changes were spliced so far. */
  splices = 0;

  /** The segment as it belongs on the output timeline: unchanged, or with its timestamps shifted. */
  stitch(segment: Uint8Array, durationSeconds: number): Uint8Array {
    const span = timestampSpan(segment);
    if (!span) return segment;
    const expected = this.expectedStart;
    let start = expected === undefined ? span.first + this.offset : unwrapTimestamp(span.first + this.offset, expected);
    if (expected !== undefined && (start < expected - EARLY_TOLERANCE_SECONDS * TICKS_PER_SECOND || start > expected + GAP_TOLERANCE_SECONDS * TICKS_PER_SECOND)) {
      this.offset += expected - start;
      this.splices++;
      start = expected;
    }
    this.expectedStart = start + Math.round(durationSeconds * TICKS_PER_SECOND);
    return this.offset === 0 ? segment : shiftTimestamps(segment, this.offset);
  }
}
