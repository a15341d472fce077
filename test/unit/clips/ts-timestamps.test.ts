import { describe, expect, it } from 'vitest';

import { TIMESTAMP_WRAP, shiftTimestamps, timestampSpan, unwrapTimestamp } from '../../../electron/clips/ts-timestamps';
import { tsSegment } from './ts-segments';

/** Every PCR base in the segment, read straight from the adaptation fields (independent of the code under test). */
function pcrs(segment: Uint8Array): number[] {
  const found: number[] = [];
  for (let at = 0; at + 188 <= segment.length; at += 188) {
    const hasField = ((segment[at + 3] ?? 0) & 0x20) !== 0;
    if (!hasField || (segment[at + 4] ?? 0) < 7 || !((segment[at + 5] ?? 0) & 0x10)) continue;
    const b = Array.from(segment.subarray(at + 6, at + 11));
    found.push((b[0] ?? 0) * 2 ** 25 + (b[1] ?? 0) * 2 ** 17 + (b[2] ?? 0) * 2 ** 9 + (b[3] ?? 0) * 2 + ((b[4] ?? 0) >> 7));
  }
  return found;
}

const differingBytes = (a: Uint8Array, b: Uint8Array): number => a.reduce((count, value, index) => count + (value === b[index] ? 0 : 1), 0);

describe('MPEG-TS timestamps', () => {
  const plan = { start: 900_000, frames: 25, ptsDelay: 7200, audio: true };
  const segment = tsSegment(plan);

  it('finds the earliest and latest decode time of a segment (DTS, not the later PTS)', () => {
    expect(timestampSpan(segment)).toEqual({ first: 900_000, last: 900_000 + 24 * 3600 });
  });

  it('shifts every PTS, DTS and PCR by the offset and changes no other byte', () => {
    const shifted = shiftTimestamps(segment, 1_234_567);
    expect(timestampSpan(shifted)).toEqual({ first: 900_000 + 1_234_567, last: 900_000 + 24 * 3600 + 1_234_567 });
    expect(pcrs(shifted)).toEqual(pcrs(segment).map((pcr) => pcr + 1_234_567));
    expect(pcrs(segment).length).toBeGreaterThan(0);
    expect(shifted.byteLength).toBe(segment.byteLength);
    // At most the 10 timestamp bytes of each PES header and the 5 PCR base bytes of each clock.
    const pesHeaders = 25 + Math.ceil(25 / 8);
    expect(differingBytes(segment, shifted)).toBeLessThanOrEqual(pesHeaders * 10 + pcrs(segment).length * 5);
    expect(differingBytes(segment, shiftTimestamps(segment, 0))).toBe(0);
  });

  it('shifts back (negative offsets) and wraps modulo 2^33', () => {
    expect(timestampSpan(shiftTimestamps(segment, -900_000))?.first).toBe(0);
    const wrapped = shiftTimestamps(segment, TIMESTAMP_WRAP - 900_000 - 3600);
    const span = timestampSpan(wrapped);
    expect(span?.first).toBe(TIMESTAMP_WRAP - 3600);
    // The segment now crosses the wrap: its span stays contiguous (unwrapped), not 2^33 wide.
    expect(span && span.last - span.first).toBe(24 * 3600);
    expect(pcrs(wrapped).every((pcr) => pcr < TIMESTAMP_WRAP)).toBe(true);
  });

  it('leaves bytes that are not transport packets alone', () => {
    const noise = Uint8Array.from({ length: 376 }, (_, index) => (index * 7) % 71);
    expect(timestampSpan(noise)).toBeUndefined();
    expect(shiftTimestamps(noise, 90_000)).toEqual(noise);
  });

  it('unwraps a timestamp to the copy nearest a reference', () => {
    expect(unwrapTimestamp(10, TIMESTAMP_WRAP - 10)).toBe(TIMESTAMP_WRAP + 10);
    expect(unwrapTimestamp(TIMESTAMP_WRAP - 10, 10)).toBe(-10);
    expect(unwrapTimestamp(5000, 4000)).toBe(5000);
  });
});
