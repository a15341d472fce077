/**
 * How far each track of a fragmented MP4 reaches: for every `moof/traf`, the track's decode time at the fragment
 * start (`tfdt`) plus the durations of its samples (`trun`, or `tfhd`'s default). The export sums nothing itself:
 * the largest end per track is the track's duration, measured from the media rather than trusted from the playlist.
 */
import type { Box } from './iso-bmff';
import { childBoxes, payloadOf, readBoxes, readUint } from './iso-bmff';

// tfhd flags (ISO/IEC 14496-12 §8.8.7): which optional fields follow track_ID.
const TFHD_BASE_DATA_OFFSET = 0x01;
const TFHD_SAMPLE_DESCRIPTION_INDEX = 0x02;
const TFHD_DEFAULT_SAMPLE_DURATION = 0x08;
// trun flags (§8.8.8): which optional fields the run and each sample carry.
const TRUN_DATA_OFFSET = 0x001;
const TRUN_FIRST_SAMPLE_FLAGS = 0x004;
const TRUN_SAMPLE_DURATION = 0x100;
const TRUN_SAMPLE_SIZE = 0x200;
const TRUN_SAMPLE_FLAGS = 0x400;
const TRUN_SAMPLE_COMPOSITION_OFFSET = 0x800;

const flagsOf = (payload: Uint8Array): number => readUint(payload, 0, 4) & 0x00ff_ffff;

interface TrackFragmentHeader {
  trackId: number;
  defaultDuration: number;
}

function readTfhd(payload: Uint8Array): TrackFragmentHeader {
  const flags = flagsOf(payload);
  const at = 8 + (flags & TFHD_BASE_DATA_OFFSET ? 8 : 0) + (flags & TFHD_SAMPLE_DESCRIPTION_INDEX ? 4 : 0);
  const defaultDuration = flags & TFHD_DEFAULT_SAMPLE_DURATION ? readUint(payload, at, 4) : 0;
  return { trackId: readUint(payload, 4, 4), defaultDuration };
}

/** Sum of the sample durations of one `trun`. */
function runDuration(payload: Uint8Array, defaultDuration: number): number {
  const flags = flagsOf(payload);
  const count = readUint(payload, 4, 4);
  if (!(flags & TRUN_SAMPLE_DURATION)) return count * defaultDuration;
  const start = 8 + (flags & TRUN_DATA_OFFSET ? 4 : 0) + (flags & TRUN_FIRST_SAMPLE_FLAGS ? 4 : 0);
  const stride = [TRUN_SAMPLE_DURATION, TRUN_SAMPLE_SIZE, TRUN_SAMPLE_FLAGS, TRUN_SAMPLE_COMPOSITION_OFFSET].filter((bit) => flags & bit).length * 4;
  if (start + count * stride > payload.byteLength) throw new Error(`MP4: trun lists ${count} samples but holds fewer`);
  let total = 0;
  for (let i = 0; i < count; i++) total += readUint(payload, start + i * stride, 4);
  return total;
}

/** Track end of one `traf`, in the track's media timescale. */
function trafEnd(bytes: Uint8Array, traf: Box): { trackId: number; end: number } {
  const children = childBoxes(bytes, traf);
  const tfhd = children.find((box) => box.type === 'tfhd');
  const tfdt = children.find((box) => box.type === 'tfdt');
  if (!tfhd || !tfdt) throw new Error('MP4: a track fragment lacks tfhd or tfdt');
  const header = readTfhd(payloadOf(bytes, tfhd));
  const decodeTimes = payloadOf(bytes, tfdt);
  const start = readUint(decodeTimes, 4, decodeTimes[0] === 1 ? 8 : 4);
  const duration = children.filter((box) => box.type === 'trun').reduce((sum, trun) => sum + runDuration(payloadOf(bytes, trun), header.defaultDuration), 0);
  return { trackId: header.trackId, end: start + duration };
}

/** For each track id found in the `moof` boxes of `fragments`: where its last sample ends (media timescale). */
export function trackEnds(fragments: Uint8Array): Map<number, number> {
  const ends = new Map<number, number>();
  for (const box of readBoxes(fragments)) {
    if (box.type !== 'moof') continue;
    for (const traf of childBoxes(fragments, box).filter((child) => child.type === 'traf')) {
      const { trackId, end } = trafEnd(fragments, traf);
      ends.set(trackId, Math.max(end, ends.get(trackId) ?? 0));
    }
  }
  return ends;
}
