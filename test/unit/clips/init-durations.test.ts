import { describe, expect, it } from 'vitest';

import { readInitSegment, withDurations } from '../../../electron/clips/init-durations';
import type { Box } from '../../../electron/clips/iso-bmff';
import { childBoxes, findBox, payloadOf, readBoxes, viewOf } from '../../../electron/clips/iso-bmff';
import { audioTrack, generator, videoTrack } from './mux-fixtures';

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'mvex', 'dinf']);

/** Every box of the tree, walked through readBoxes: throws if any size does not tile its parent exactly. */
function walk(bytes: Uint8Array, start = 0, end = bytes.length, path = ''): Map<string, Box[]> {
  const found = new Map<string, Box[]>();
  for (const box of readBoxes(bytes, start, end)) {
    const key = `${path}/${box.type}`;
    found.set(key, [...(found.get(key) ?? []), box]);
    if (CONTAINERS.has(box.type)) for (const [child, boxes] of walk(bytes, box.payloadStart, box.end, key)) found.set(child, [...(found.get(child) ?? []), ...boxes]);
  }
  return found;
}

const only = (tree: Map<string, Box[]>, path: string): Box[] => {
  const boxes = tree.get(path);
  if (!boxes) throw new Error(`no ${path}`);
  return boxes;
};

/** The first box at `path`. */
const one = (tree: Map<string, Box[]>, path: string): Box => {
  const [box] = only(tree, path);
  if (!box) throw new Error(`no ${path}`);
  return box;
};

/** The top-level box of `type`. */
const topLevel = (bytes: Uint8Array, type: string): Box => {
  const box = findBox(bytes, type);
  if (!box) throw new Error(`no ${type}`);
  return box;
};

/** version, and the duration of a v0/v1 mvhd/mdhd (timescale between times and duration) or tkhd (track_ID + reserved). */
function header(bytes: Uint8Array, box: Box, middle: 4 | 8): { version: number; duration: number; middleValue: number } {
  const payload = payloadOf(bytes, box);
  const view = viewOf(payload);
  const version = payload[0] ?? -1;
  const width = version === 1 ? 8 : 4;
  const durationAt = 4 + 2 * width + middle;
  return {
    version,
    middleValue: view.getUint32(4 + 2 * width),
    duration: width === 8 ? Number(view.getBigUint64(durationAt)) : view.getUint32(durationAt),
  };
}

describe('withDurations (init segment patcher)', () => {
  const init = generator.initSegment([videoTrack(), audioTrack()]);

  it('reads what mux.js writes: movie timescale 90 kHz, video at 90 kHz, audio at its sample rate, durations "unknown"', () => {
    expect(readInitSegment(init)).toEqual({ movieTimescale: 90_000, tracks: [{ trackId: 1, timescale: 90_000 }, { trackId: 2, timescale: 44_100 }] });
    const tree = walk(init);
    expect(header(init, one(tree, '/moov/mvhd'), 4)).toMatchObject({ version: 0, duration: 0xffff_ffff });
    expect(only(tree, '/moov/trak/tkhd').map((box) => header(init, box, 8).duration)).toEqual([0xffff_ffff, 0xffff_ffff]);
    expect(tree.has('/moov/mvex/mehd')).toBe(false);
  });

  it('writes mvhd, tkhd and mdhd durations (64-bit) and adds mehd as the first child of mvex', () => {
    const video = 6.04 * 90_000;
    const audio = 6.06 * 44_100;
    const patched = withDurations(init, new Map([[1, Math.round(video)], [2, Math.round(audio)]]));
    const tree = walk(patched);
    const movie = Math.round(audio * (90_000 / 44_100)); // the longer track, in the movie timescale

    expect(header(patched, one(tree, '/moov/mvhd'), 4)).toEqual({ version: 1, middleValue: 90_000, duration: movie });
    const [videoTkhd, audioTkhd] = only(tree, '/moov/trak/tkhd').map((box) => header(patched, box, 8));
    expect(videoTkhd).toEqual({ version: 1, middleValue: 1, duration: Math.round(video) });
    expect(audioTkhd).toEqual({ version: 1, middleValue: 2, duration: movie });
    const [videoMdhd, audioMdhd] = only(tree, '/moov/trak/mdia/mdhd').map((box) => header(patched, box, 4));
    expect(videoMdhd).toEqual({ version: 1, middleValue: 90_000, duration: Math.round(video) });
    expect(audioMdhd).toEqual({ version: 1, middleValue: 44_100, duration: Math.round(audio) });

    const mvex = one(tree, '/moov/mvex');
    const [first, ...rest] = childBoxes(patched, mvex);
    if (!first) throw new Error('empty mvex');
    expect(first.type).toBe('mehd');
    expect(rest.map((box) => box.type)).toEqual(['trex', 'trex']);
    const mehd = payloadOf(patched, first);
    expect(mehd[0]).toBe(1);
    expect(Number(viewOf(mehd).getBigUint64(4))).toBe(movie);
  });

  it('keeps box sizes and offsets consistent: every box tiles its parent, ftyp and sample tables are byte-identical', () => {
    const patched = withDurations(init, new Map([[1, 540_000], [2, 264_600]]));
    const before = walk(init);
    const after = walk(patched); // throws on any size that does not add up
    expect(readBoxes(patched).next().value?.type).toBe('ftyp');
    const bytesOf = (bytes: Uint8Array, box: Box): Uint8Array => bytes.subarray(box.start, box.end);
    expect(bytesOf(patched, one(after, '/ftyp'))).toEqual(bytesOf(init, one(before, '/ftyp')));
    const minfAfter = only(after, '/moov/trak/mdia/minf').map((box) => bytesOf(patched, box));
    expect(minfAfter).toEqual(only(before, '/moov/trak/mdia/minf').map((box) => bytesOf(init, box)));
    // mvhd/tkhd/mdhd each grow by 12 bytes (3 × 32 → 64 bit); mehd adds 20.
    expect(patched.byteLength - init.byteLength).toBe(12 * (1 + 2 + 2) + 20);
    const moov = topLevel(patched, 'moov');
    expect(viewOf(patched).getUint32(moov.start)).toBe(moov.end - moov.start);
  });

  it('has the same size whatever the durations, so the placeholder written first can be overwritten in place', () => {
    const placeholder = withDurations(init, new Map());
    const final = withDurations(init, new Map([[1, 86_400 * 90_000], [2, 86_400 * 44_100]]));
    expect(final.byteLength).toBe(placeholder.byteLength);
    expect(header(placeholder, one(walk(placeholder), '/moov/mvhd'), 4).duration).toBe(0);
  });

  it('stores a day at 90 kHz, which overflows 32 bits, and is idempotent on its own output', () => {
    const day = 86_400 * 90_000;
    const once = withDurations(init, new Map([[1, day]]));
    expect(day).toBeGreaterThan(0xffff_ffff);
    expect(header(once, one(walk(once), '/moov/mvhd'), 4).duration).toBe(day);
    expect(withDurations(once, new Map([[1, day]]))).toEqual(once);
  });

  it('refuses durations that are not non-negative integers, and init segments without a moov', () => {
    expect(() => withDurations(init, new Map([[1, -1]]))).toThrow(/track 1/);
    expect(() => withDurations(init, new Map([[1, 1.5]]))).toThrow(/non-negative integer/);
    expect(() => withDurations(init.subarray(0, topLevel(init, 'moov').start), new Map())).toThrow(/no 'moov'/);
    expect(() => withDurations(init.subarray(0, init.byteLength - 3), new Map())).toThrow(/MP4/);
  });
});
