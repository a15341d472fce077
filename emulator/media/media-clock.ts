/**
 * Turns RTMP message timestamps (32-bit milliseconds, one clock shared by audio and video) into a session
 * timeline that never runs backwards per track, so PES timestamps stay monotonic whatever the publisher sends.
 *
 * - A small step back on one track (jitter, a reordered message) is clamped to one usual sample interval after
 *   that track's last time, so a single bad timestamp lands where the sample belongs.
 * - A jump relative to the newest time of *either* track (forward by more than 10 s, back by more than 5 s: a
 *   restarted encoder clock, the 32-bit wrap after 49.7 days) rebases the shared offset so the stream continues
 *   right after the newest time. The offset is shared, so when the other track jumps too it stays in sync.
 *   Comparing with the newest time of either track (not the same track) lets a track resume after a pause,
 *   e.g. video coming back after an audio-only burst, without being mistaken for a jump.
 */

export type Track = 'video' | 'audio';

const FORWARD_JUMP_MS = 10_000;
const BACKWARD_JUMP_MS = 5_000;
const DEFAULT_STEP_MS = 20;
const MAX_STEP_MS = 1_000;

export class MediaClock {
  private offset = 0;
  private newest: number | undefined;
  private readonly last: Record<Track, number | undefined> = { video: undefined, audio: undefined };
  private readonly step: Record<Track, number> = { video: DEFAULT_STEP_MS, audio: DEFAULT_STEP_MS };
  /** How many times the offset was rebased because of a jump. */
  rebases = 0;

  /** Maps an RTMP timestamp (ms) of `track` to session milliseconds. */
  map(track: Track, timestampMs: number): number {
    let time = timestampMs + this.offset;
    if (this.newest !== undefined && (time > this.newest + FORWARD_JUMP_MS || time < this.newest - BACKWARD_JUMP_MS)) {
      const target = this.newest + this.step[track];
      this.offset += target - time;
      time = target;
      this.rebases++;
    }
    const last = this.last[track];
    if (last !== undefined) {
      if (time <= last) time = last + this.step[track];
      // Only frame-sized steps count as a sample duration; a gap (paused track) does not.
      else if (time - last < MAX_STEP_MS) this.step[track] = time - last;
    }
    this.last[track] = time;
    this.newest = this.newest === undefined ? time : Math.max(this.newest, time);
    return time;
  }

  /** The last interval seen on `track` (ms), a fair guess for the duration of its last sample. */
  lastStep(track: Track): number {
    return this.step[track];
  }
}
