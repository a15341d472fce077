import { describe, expect, it } from 'vitest';

import { TimelineStitcher } from '../../../electron/clips/timeline-stitcher';
import { TICKS_PER_SECOND, TIMESTAMP_WRAP, timestampSpan } from '../../../electron/clips/ts-timestamps';
import { tsSegment } from './ts-segments';

const second = TICKS_PER_SECOND;
/** One second of 25 fps video starting at `start` ticks. */
const oneSecond = (start: number): Uint8Array => tsSegment({ start, frames: 25, audio: true });
const firstDts = (segment: Uint8Array): number | undefined => timestampSpan(segment)?.first;

describe('TimelineStitcher', () => {
  it('passes segments of one connection through untouched', () => {
    const stitcher = new TimelineStitcher();
    const segments = [0, 1, 2].map((index) => oneSecond(500_000 + index * second));
    expect(segments.map((segment) => stitcher.stitch(segment, 1))).toEqual(segments);
    expect(stitcher.splices).toBe(0);
  });

  it('moves a reconnect (clock restarted) to where the previous segment ended, and keeps the new offset', () => {
    const stitcher = new TimelineStitcher();
    stitcher.stitch(oneSecond(8 * second), 1);
    stitcher.stitch(oneSecond(9 * second), 1);
    const restarted = [oneSecond(126_000), oneSecond(126_000 + second)].map((segment) => stitcher.stitch(segment, 1));
    expect(restarted.map(firstDts)).toEqual([10 * second, 11 * second]);
    expect(stitcher.splices).toBe(1);
  });

  it('splices a jump forward of more than 10 s, keeps a shorter gap and ordinary jitter', () => {
    const stitcher = new TimelineStitcher();
    stitcher.stitch(oneSecond(0), 1);
    expect(firstDts(stitcher.stitch(oneSecond(1 * second + 2000), 1))).toBe(1 * second + 2000); // jitter
    expect(firstDts(stitcher.stitch(oneSecond(8 * second), 1))).toBe(8 * second); // a 5 s gap: kept
    expect(firstDts(stitcher.stitch(oneSecond(3600 * second), 1))).toBe(9 * second); // an hour later: spliced
    expect(stitcher.splices).toBe(1);
  });

  it('follows a clock through its 33-bit wrap without splicing', () => {
    const stitcher = new TimelineStitcher();
    stitcher.stitch(oneSecond(TIMESTAMP_WRAP - second), 1);
    const next = stitcher.stitch(oneSecond(0), 1);
    expect(firstDts(next)).toBe(0);
    expect(stitcher.splices).toBe(0);
  });

  it('passes through segments without timestamps', () => {
    const stitcher = new TimelineStitcher();
    const empty = new Uint8Array(188);
    expect(stitcher.stitch(empty, 1)).toBe(empty);
  });
});
