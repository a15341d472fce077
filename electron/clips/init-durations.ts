/**
 * Writes real durations into a fragmented MP4's init segment (ftyp + moov).
 *
 * mux.js writes every duration as 0xffffffff ("unknown"), so players show a length of ~47721 s (0xffffffff at
 * 90 kHz). After the export has seen every fragment, this rewrites:
 *  - `mvhd.duration`: the longest track, in the movie timescale;
 *  - `tkhd.duration`: each track's length, in the movie timescale;
 *  - `mdhd.duration`: each track's length, in its own media timescale (90 kHz video, the sample rate for audio);
 *  - `mvex/mehd.fragment_duration`: the whole presentation, added as mvex's first child (ISO/IEC 14496-12
 *    §8.8.2) because it is what tells a player a fragmented file's length up front.
 *
 * The three headers are always written as version 1 (64-bit times), and mehd always exists, so the result's size
 * never depends on the durations: the export writes the init segment first (durations still unknown) and
 * overwrites it in place at the end. It also keeps a day of 90 kHz ticks (7.8e9) from overflowing 32 bits.
 * Every other box is copied byte for byte; container sizes are recomputed from their children.
 */
import type { Box } from './iso-bmff';
import { childBoxes, findBox, payloadOf, readBoxes, readUint, viewOf, writeBox } from './iso-bmff';

export interface InitTrack {
  trackId: number;
  /** Ticks per second of the track's media (its mdhd). */
  timescale: number;
}

export interface InitSegmentInfo {
  /** Ticks per second of the movie (mvhd): the unit of mvhd, tkhd and mehd durations. */
  movieTimescale: number;
  tracks: InitTrack[];
}

/** Width of the creation/modification/duration fields of a version 0 or 1 full box. */
function timeWidth(payload: Uint8Array, type: string): 4 | 8 {
  const version = payload[0];
  if (version === 0) return 4;
  if (version === 1) return 8;
  throw new Error(`MP4: ${type} version ${String(version)} is not 0 or 1`);
}

/**
 * The fields after creation/modification time and before the duration: mvhd and mdhd have `timescale` (4 bytes),
 * tkhd has `track_ID` + 4 reserved bytes.
 */
const MIDDLE_BYTES = { mvhd: 4, mdhd: 4, tkhd: 8 } as const;
type TimedHeader = keyof typeof MIDDLE_BYTES;

/** The 4 bytes right after creation and modification time: timescale (mvhd, mdhd) or track_ID (tkhd). */
function firstMiddleField(payload: Uint8Array, type: TimedHeader): number {
  return readUint(payload, 4 + 2 * timeWidth(payload, type), 4);
}

function required(bytes: Uint8Array, type: string, parent: Box | undefined): Box {
  const box = parent ? findBox(bytes, type, parent.payloadStart, parent.end) : findBox(bytes, type);
  if (!box) throw new Error(`MP4: init segment has no '${type}' box${parent ? ` in '${parent.type}'` : ''}`);
  return box;
}

/** Movie timescale and each track's id and media timescale. */
export function readInitSegment(init: Uint8Array): InitSegmentInfo {
  const moov = required(init, 'moov', undefined);
  const movieTimescale = firstMiddleField(payloadOf(init, required(init, 'mvhd', moov)), 'mvhd');
  const tracks = childBoxes(init, moov)
    .filter((box) => box.type === 'trak')
    .map((trak) => {
      const mdia = required(init, 'mdia', trak);
      return {
        trackId: firstMiddleField(payloadOf(init, required(init, 'tkhd', trak)), 'tkhd'),
        timescale: firstMiddleField(payloadOf(init, required(init, 'mdhd', mdia)), 'mdhd'),
      };
    });
  return { movieTimescale, tracks };
}

/** A version 1 copy of an mvhd/tkhd/mdhd payload with `duration` set; everything else kept. */
function withDuration(payload: Uint8Array, type: TimedHeader, duration: number): Uint8Array {
  const width = timeWidth(payload, type);
  const middle = MIDDLE_BYTES[type];
  const creation = readUint(payload, 4, width);
  const modification = readUint(payload, 4 + width, width);
  const middleStart = 4 + 2 * width;
  const rest = payload.subarray(middleStart + middle + width);
  const out = new Uint8Array(4 + 8 + 8 + middle + 8 + rest.byteLength);
  const view = viewOf(out);
  out[0] = 1; // version 1: 64-bit times
  out.set(payload.subarray(1, 4), 1); // flags
  view.setBigUint64(4, BigInt(creation));
  view.setBigUint64(12, BigInt(modification));
  out.set(payload.subarray(middleStart, middleStart + middle), 20);
  view.setBigUint64(20 + middle, BigInt(duration));
  out.set(rest, 28 + middle);
  return out;
}

/** `mehd` version 1: the fragmented presentation's whole duration, in the movie timescale. */
function mehd(duration: number): Uint8Array {
  const payload = new Uint8Array(12);
  payload[0] = 1;
  viewOf(payload).setBigUint64(4, BigInt(duration));
  return writeBox('mehd', payload);
}

const copy = (bytes: Uint8Array, box: Box): Uint8Array => bytes.subarray(box.start, box.end);

/**
 * Returns a copy of `init` with real durations. `trackDurations` maps track_ID to the track's length in its own
 * media timescale (tracks not in the map get 0). See the file comment for which boxes change and why.
 */
export function withDurations(init: Uint8Array, trackDurations: ReadonlyMap<number, number>): Uint8Array {
  for (const [trackId, duration] of trackDurations) {
    if (!Number.isSafeInteger(duration) || duration < 0) throw new Error(`MP4: duration of track ${trackId} must be a non-negative integer (got ${duration})`);
  }
  const { movieTimescale, tracks } = readInitSegment(init);
  const inMovieUnits = new Map(tracks.map((track) => [track.trackId, Math.round(((trackDurations.get(track.trackId) ?? 0) * movieTimescale) / track.timescale)]));
  const movieDuration = Math.max(0, ...inMovieUnits.values());

  const rebuildTrak = (trak: Box): Uint8Array => {
    const trackId = firstMiddleField(payloadOf(init, required(init, 'tkhd', trak)), 'tkhd');
    const children = childBoxes(init, trak).map((child) => {
      if (child.type === 'tkhd') return writeBox('tkhd', withDuration(payloadOf(init, child), 'tkhd', inMovieUnits.get(trackId) ?? 0));
      if (child.type !== 'mdia') return copy(init, child);
      const mdia = childBoxes(init, child).map((box) =>
        box.type === 'mdhd' ? writeBox('mdhd', withDuration(payloadOf(init, box), 'mdhd', trackDurations.get(trackId) ?? 0)) : copy(init, box),
      );
      return writeBox('mdia', ...mdia);
    });
    return writeBox('trak', ...children);
  };

  const rebuildMoov = (moov: Box): Uint8Array => {
    const children = childBoxes(init, moov).map((child) => {
      switch (child.type) {
        case 'mvhd':
          return writeBox('mvhd', withDuration(payloadOf(init, child), 'mvhd', movieDuration));
        case 'trak':
          return rebuildTrak(child);
        case 'mvex':
          // mehd first (the order 14496-12 gives), then the trex boxes; an existing mehd is replaced.
          return writeBox('mvex', mehd(movieDuration), ...childBoxes(init, child).filter((box) => box.type !== 'mehd').map((box) => copy(init, box)));
        default:
          return copy(init, child);
      }
    });
    return writeBox('moov', ...children);
  };

  const parts = [...readBoxes(init)].map((box) => (box.type === 'moov' ? rebuildMoov(box) : copy(init, box)));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
