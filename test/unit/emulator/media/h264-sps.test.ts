/**
 * SPS parsing against real x264 output at several sizes, chroma formats, bit depths, interlacing and scaling
 * matrices; ffprobe's reading of the same stream is the reference.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BitReader } from '../../../../emulator/media/bit-reader';
import { nalToRbsp, parseSps } from '../../../../emulator/media/h264-sps';
import { needs } from '../../../support/tools';
import type { ProbedStream } from './media-fixtures';
import { ffmpeg, makeTempDir, probe } from './media-fixtures';

interface SpsCase {
  name: string;
  size: string;
  rate: string;
  pixelFormat: string;
  options: string[];
}

const cases: SpsCase[] = [
  { name: '640x360 High', size: '640x360', rate: '30', pixelFormat: 'yuv420p', options: [] },
  { name: '1280x720 Main', size: '1280x720', rate: '60', pixelFormat: 'yuv420p', options: ['-profile:v', 'main'] },
  { name: '1920x1080 (crops 1088 → 1080)', size: '1920x1080', rate: '30', pixelFormat: 'yuv420p', options: [] },
  { name: '854x480 (crops the width)', size: '854x480', rate: '30000/1001', pixelFormat: 'yuv420p', options: [] },
  { name: '1920x1080 interlaced (field crop units)', size: '1920x1080', rate: '25', pixelFormat: 'yuv420p', options: ['-flags', '+ildct+ilme', '-x264-params', 'tff=1'] },
  { name: '641x361 4:4:4 (crop unit 1)', size: '641x361', rate: '24', pixelFormat: 'yuv444p', options: [] },
  { name: '642x362 4:2:2 (vertical crop unit 1)', size: '642x362', rate: '50', pixelFormat: 'yuv422p', options: [] },
  { name: '640x360 High 10', size: '640x360', rate: '30', pixelFormat: 'yuv420p10le', options: [] },
  { name: '640x360 with scaling matrices (cqm=jvt)', size: '640x360', rate: '30', pixelFormat: 'yuv420p', options: ['-x264-params', 'cqm=jvt'] },
  { name: '320x240 Constrained Baseline', size: '320x240', rate: '15', pixelFormat: 'yuv420p', options: ['-profile:v', 'baseline'] },
];

/** The first SPS NAL unit of an Annex-B stream. */
function findSps(annexB: Uint8Array): Uint8Array {
  const starts: number[] = [];
  for (let i = 0; i + 3 < annexB.length; i++) {
    if (annexB[i] === 0 && annexB[i + 1] === 0 && annexB[i + 2] === 1) starts.push(i + 3);
  }
  for (const [index, start] of starts.entries()) {
    if (((annexB[start] ?? 0) & 0x1f) !== 7) continue;
    let end = starts[index + 1] === undefined ? annexB.length : (starts[index + 1] ?? 0) - 3;
    while (end > start && annexB[end - 1] === 0) end--;
    return annexB.subarray(start, end);
  }
  throw new Error('no SPS in stream');
}

describe.runIf(needs('ffmpeg', 'ffprobe'))('parseSps on x264 output', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const encoded = new Map<string, { sps: Uint8Array; stream: ProbedStream }>();

  beforeAll(async () => {
    temp = await makeTempDir();
    await Promise.all(
      cases.map(async (spsCase, index) => {
        const path = join(temp.dir, `case-${index}.h264`);
        await ffmpeg([
          '-f', 'lavfi', '-i', `testsrc=size=${spsCase.size}:rate=${spsCase.rate}`, '-frames:v', '1',
          '-pix_fmt', spsCase.pixelFormat, '-c:v', 'libx264', '-preset', 'ultrafast', ...spsCase.options, '-f', 'h264', path,
        ]);
        const [bytes, probed] = await Promise.all([readFile(path), probe(path)]);
        const stream = probed.streams[0];
        if (!stream) throw new Error(`${spsCase.name}: ffprobe found no stream`);
        encoded.set(spsCase.name, { sps: findSps(bytes), stream });
      }),
    );
  });

  afterAll(async () => {
    await temp.remove();
  });

  it.each(cases)('$name: size, profile, level, frame rate and scan type match ffprobe', (spsCase) => {
    const value = encoded.get(spsCase.name);
    if (!value) throw new Error('not encoded');
    const { sps, stream } = value;
    const info = parseSps(sps);
    expect({ width: info.width, height: info.height }).toEqual({ width: stream.width, height: stream.height });
    expect(info.profile).toBe(stream.profile);
    expect(info.levelIdc).toBe(stream.level);
    expect(info.level).toBe(((stream.level ?? 0) / 10).toFixed(1));
    expect(info.frameRate).toBeCloseTo(stream.baseFrameRate ?? 0, 6);
    expect(info.interlaced).toBe(stream.fieldOrder !== 'progressive');
  });

  it('rejects every truncation of a real SPS with a RangeError, never another error', () => {
    const value = encoded.get(cases[0]?.name ?? '');
    if (!value) throw new Error('not encoded');
    // Cut inside the fields the size depends on; a cut later only loses the VUI frame rate.
    for (let length = 1; length < 8; length++) {
      expect(() => parseSps(value.sps.subarray(0, length))).toThrow(RangeError);
    }
  });
});

describe('parseSps input checks', () => {
  it('refuses a NAL unit that is not an SPS, naming the field', () => {
    expect(() => parseSps(Uint8Array.of(0x68, 0xce, 0x38, 0x80))).toThrow(/nal_unit_type: expected 7/);
  });
});

describe('nalToRbsp', () => {
  it('drops emulation-prevention bytes and leaves other bytes alone', () => {
    expect([...nalToRbsp(Uint8Array.of(0x67, 0, 0, 3, 1, 0, 0, 3, 0, 3))]).toEqual([0x67, 0, 0, 1, 0, 0, 0, 3]);
    const clean = Uint8Array.of(0x67, 0, 1, 0, 2);
    expect(nalToRbsp(clean)).toBe(clean);
  });
});

describe('BitReader', () => {
  it('reads fixed bits and Exp-Golomb codes MSB first', () => {
    // 1 | 010 | 011 | 00100 | 00101 | 1 + padding: ue 0, 1, 2, 3, 4 then a flag.
    const reader = new BitReader(Uint8Array.of(0b10100110, 0b01000010, 0b11000000));
    expect([reader.ue('a'), reader.ue('b'), reader.ue('c'), reader.ue('d'), reader.ue('e'), reader.flag('f')]).toEqual([0, 1, 2, 3, 4, true]);
    const signed = new BitReader(Uint8Array.of(0b01001100, 0b10000000));
    expect([signed.se('x'), signed.se('y'), signed.se('z')]).toEqual([1, -1, 2]);
    expect(new BitReader(Uint8Array.of(0xff, 0xff, 0xff, 0xff)).bits(32, 'u32')).toBe(0xffffffff);
  });

  it('throws a RangeError naming the field when the data runs out', () => {
    const reader = new BitReader(Uint8Array.of(0xff));
    expect(() => reader.bits(9, 'level_idc')).toThrow(/level_idc/);
    expect(() => new BitReader(Uint8Array.of(0, 0, 0, 0, 0)).ue('zeros')).toThrow(RangeError);
  });
});
