import { ValidationError } from '../../shared/validation';

/**
 * Every choice about ts object names and m3u8 text lives here, because OSS does not document them
 * (spec §8.2, §11). What we copy from the one OSS sample we have (GetVodPlaylist, spec §2.9):
 *  - segment names are the segment's wall-clock start in Unix milliseconds + ".ts", relative to the channel
 *    "directory" (`1543895706266.ts`);
 *  - header order `#EXTM3U`, `#EXT-X-VERSION:3`, `#EXT-X-MEDIA-SEQUENCE`, `#EXT-X-TARGETDURATION`;
 *  - `#EXTINF:<seconds with 3 decimals>,` with an empty title.
 *
 * TARGETDURATION: the OSS sample shows 13 for a longest segment of 13.320 s. We round the longest EXTINF to the
 * nearest integer (minimum 1). That reproduces the sample and is exactly RFC 8216 §4.3.3.1 ("EXTINF duration ...
 * when rounded to the nearest integer, MUST be less than or equal to the target duration"); the ceiling is only the
 * pre-RFC draft rule, and hls.js parses the value as an integer and uses it only for reload timing and live sync.
 *
 * Live playlists list the latest `fragCount` segments, `#EXT-X-MEDIA-SEQUENCE` counts the ones that slid out, and
 * `#EXT-X-ENDLIST` is added once the publisher stopped (so players stop polling). RFC 8216 §6.2.1 forbids changing
 * TARGETDURATION in a playlist's life, but no bound on segment length is known up front (the only one, the forced
 * cut at max(2×FragDuration, 60 s), would make players lag a minute behind). So a live playlist's TARGETDURATION
 * is max(FragDuration, longest segment of the session so far): it is the usual value from the first write, only
 * grows when a longer segment arrives (a GOP longer than FragDuration), and never shrinks as the window slides.
 */

export interface PlaylistEntry {
  /** Object name relative to the channel directory, e.g. "1700000000123.ts". */
  name: string;
  /** Seconds. */
  duration: number;
}

export interface LivePlaylistOptions {
  /** How many of the latest segments to list (the channel's FragCount). */
  fragCount: number;
  /** Publisher stopped: append `#EXT-X-ENDLIST`. */
  ended: boolean;
  /** Media sequence number of `segments[0]`; skipped entries advance it. */
  mediaSequence: number;
  /** The channel's FragDuration (seconds): the least TARGETDURATION. */
  fragDuration: number;
  /**
   * Seconds: the longest segment of the session so far, slid-out ones included, so TARGETDURATION does not shrink
   * when it leaves the window. Default: the longest of `segments`.
   */
  longestSegment?: number;
}

/** The ts object name for a segment that starts at `startTime` (wall clock), relative to the channel directory. */
export function segmentName(startTime: Date): string {
  const ms = startTime.getTime();
  if (!Number.isFinite(ms) || ms < 0) throw new ValidationError('startTime', 'must be a valid date after 1970');
  return `${ms}.ts`;
}

function validateEntries(segments: readonly PlaylistEntry[]): void {
  segments.forEach((segment, index) => {
    if (!Number.isFinite(segment.duration) || segment.duration < 0) {
      throw new ValidationError(`segments[${index}].duration`, 'must be a non-negative number of seconds');
    }
    if (segment.name.length === 0 || /[\r\n]/.test(segment.name)) {
      throw new ValidationError(`segments[${index}].name`, 'must be a non-empty single-line name');
    }
  });
}

const longestOf = (segments: readonly PlaylistEntry[]): number => segments.reduce((max, segment) => Math.max(max, segment.duration), 0);

/** The longest EXTINF rounded to the nearest integer, at least 1 (see the note at the top). */
const targetDurationFor = (longest: number): number => Math.max(1, Math.round(longest));

function mediaPlaylist(segments: readonly PlaylistEntry[], mediaSequence: number, ended: boolean, targetDuration: number): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-MEDIA-SEQUENCE:${mediaSequence}`, `#EXT-X-TARGETDURATION:${targetDuration}`];
  for (const segment of segments) lines.push(`#EXTINF:${segment.duration.toFixed(3)},`, segment.name);
  if (ended) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** The live m3u8 OSS rewrites after every finished ts: a sliding window of the latest `fragCount` segments. */
export function livePlaylist(segments: readonly PlaylistEntry[], options: LivePlaylistOptions): string {
  if (!Number.isInteger(options.fragCount) || options.fragCount < 1) {
    throw new ValidationError('fragCount', `must be a positive integer (got ${String(options.fragCount)})`);
  }
  if (!Number.isInteger(options.mediaSequence) || options.mediaSequence < 0) {
    throw new ValidationError('mediaSequence', `must be a non-negative integer (got ${String(options.mediaSequence)})`);
  }
  validateEntries(segments);
  if (!Number.isInteger(options.fragDuration) || options.fragDuration < 1) {
    throw new ValidationError('fragDuration', `must be a positive integer of seconds (got ${String(options.fragDuration)})`);
  }
  if (options.longestSegment !== undefined && !(Number.isFinite(options.longestSegment) && options.longestSegment >= 0)) {
    throw new ValidationError('longestSegment', `must be a non-negative number of seconds (got ${String(options.longestSegment)})`);
  }
  const skipped = Math.max(0, segments.length - options.fragCount);
  const longest = Math.max(options.longestSegment ?? 0, longestOf(segments));
  const targetDuration = Math.max(options.fragDuration, targetDurationFor(longest));
  return mediaPlaylist(segments.slice(skipped), options.mediaSequence + skipped, options.ended, targetDuration);
}

/** The m3u8 text of GetVodPlaylist/PostVodPlaylist (spec §2.9): all given segments, sequence 0, ENDLIST. */
export function vodPlaylist(segments: readonly PlaylistEntry[]): string {
  if (segments.length === 0) throw new ValidationError('segments', 'must list at least one ts segment');
  validateEntries(segments);
  return mediaPlaylist(segments, 0, true, targetDurationFor(longestOf(segments)));
}
