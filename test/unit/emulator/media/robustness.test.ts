/**
 * The segmenter never throws out of onVideo/onAudio: garbage, truncated and zero-length payloads are dropped and
 * counted, and a real stream with junk mixed in still comes out clean. Also the delivery contract of onSegment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../../../emulator/media';
import { createSegmenter } from '../../../../emulator/media';
import { ValidationError } from '../../../../shared/validation';
import type { FlvTag } from '../../../support/flv-file';
import { needs } from '../../../support/tools';
import { concatInput, decodeErrors, encodeFlv, feed, makeTempDir, probe, segmentTags, testSource, writeSegments } from './media-fixtures';

/** mulberry32: a small seeded PRNG so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('segmenter on garbage', () => {
  it('never throws on random payloads, random headers and wild timestamps, and still ends', async () => {
    const next = random(20_240_601);
    const byte = (): number => Math.floor(next() * 256);
    const segmenter = createSegmenter({ fragDuration: 1, onSegment: () => undefined });
    // Plausible first bytes make the parsers go deeper than the codec check.
    const videoHeads = [[0x17, 0x00], [0x17, 0x01], [0x27, 0x01], [0x97], [0x17, 0x02]];
    const audioHeads = [[0xaf, 0x00], [0xaf, 0x01], [0x2f]];
    for (let i = 0; i < 5_000; i++) {
      const length = Math.floor(next() * 80);
      const heads = i % 2 === 0 ? videoHeads : audioHeads;
      const head = next() < 0.7 ? (heads[Math.floor(next() * heads.length)] ?? []) : [];
      const payload = Uint8Array.from([...head, ...Array.from({ length }, byte)]);
      const timestamp = next() < 0.05 ? Math.floor(next() * 2 ** 32) : i * 10;
      expect(() => (i % 2 === 0 ? segmenter.onVideo(timestamp, payload) : segmenter.onAudio(timestamp, payload))).not.toThrow();
    }
    await expect(segmenter.end()).resolves.toBeUndefined();
    const { dropped } = segmenter.stats;
    expect(dropped.invalid).toBeGreaterThan(0);
    expect(dropped.unsupported).toBeGreaterThan(0);
    expect(segmenter.stats.videoBytes + segmenter.stats.audioBytes).toBeGreaterThan(0);
  });

  it('counts zero-length payloads and frames that come before their sequence header', async () => {
    const segmenter = createSegmenter({ fragDuration: 1, onSegment: () => undefined });
    segmenter.onVideo(0, new Uint8Array());
    segmenter.onAudio(0, new Uint8Array());
    segmenter.onVideo(0, Uint8Array.of(0x17, 1, 0, 0, 0, 0, 0, 0, 2, 0x65, 0x88));
    segmenter.onAudio(0, Uint8Array.of(0xaf, 1, 0x21, 0x10));
    await segmenter.end();
    expect(segmenter.stats.dropped).toEqual({ invalid: 2, unsupported: 0, noConfig: 2, beforeKeyframe: 0 });
    expect(segmenter.stats.segments).toBe(0);
  });

  it('refuses a FragDuration outside 1-100, naming it', () => {
    for (const fragDuration of [0, 101, 2.5, Number.NaN]) {
      expect(() => createSegmenter({ fragDuration, onSegment: () => undefined })).toThrow(ValidationError);
      expect(() => createSegmenter({ fragDuration, onSegment: () => undefined })).toThrow(/fragDuration/);
    }
  });
});

describe.runIf(needs('ffmpeg', 'ffprobe'))('segmenter on a real stream with junk mixed in', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let tags: FlvTag[];

  beforeAll(async () => {
    temp = await makeTempDir();
    ({ tags } = await encodeFlv(temp.dir, 'input', [
      ...testSource({ size: '320x180', rate: 30, seconds: 4, sampleRate: 48000 }),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-c:a', 'aac',
    ]));
  });

  afterAll(async () => {
    await temp.remove();
  });

  it('does not throw on any truncation of the first real payloads', async () => {
    const segmenter = createSegmenter({ fragDuration: 1, onSegment: () => undefined });
    for (const tag of tags.slice(0, 12)) {
      for (let length = 0; length <= tag.payload.length; length += Math.max(1, Math.floor(tag.payload.length / 200))) {
        const payload = tag.payload.subarray(0, length);
        expect(() => (tag.type === 'video' ? segmenter.onVideo(tag.timestampMs, payload) : segmenter.onAudio(tag.timestampMs, payload))).not.toThrow();
      }
    }
    await expect(segmenter.end()).resolves.toBeUndefined();
    expect(segmenter.stats.dropped.invalid).toBeGreaterThan(0);
  });

  it('drops and counts malformed and unsupported payloads; the rest still decodes and keeps every frame', async () => {
    // Junk that cannot be mistaken for media: each is malformed by construction or another codec.
    const junk: Array<{ type: 'video' | 'audio'; payload: Uint8Array; reason: 'invalid' | 'unsupported' }> = [
      { type: 'video', payload: new Uint8Array(), reason: 'invalid' },
      { type: 'video', payload: Uint8Array.of(0x17, 0x03, 0, 0, 0), reason: 'invalid' },
      { type: 'video', payload: Uint8Array.of(0x27, 0x01, 0, 0, 0, 0, 0, 0x10, 0x00, 0x41), reason: 'invalid' },
      { type: 'video', payload: Uint8Array.of(0x12, 0x00, 0x01), reason: 'unsupported' },
      { type: 'audio', payload: Uint8Array.of(0xaf), reason: 'invalid' },
      { type: 'audio', payload: Uint8Array.of(0x2f, 0xff, 0xfb, 0x90), reason: 'unsupported' },
    ];
    const mixed: FlvTag[] = [];
    let injected = 0;
    tags.forEach((tag, index) => {
      mixed.push(tag);
      // Also a truncated copy of each video frame: its last NAL length runs past the end.
      const truncated = tag.type === 'video' && (tag.payload[1] ?? 0) === 1 ? [{ ...tag, payload: tag.payload.subarray(0, tag.payload.length - 1) }] : [];
      const extra = index % 5 === 0 ? junk[injected++ % junk.length] : undefined;
      mixed.push(...truncated, ...(extra ? [{ type: extra.type, timestampMs: tag.timestampMs, payload: extra.payload }] : []));
    });
    const injectedJunk = Array.from({ length: injected }, (_, index) => junk[index % junk.length]);
    const truncatedCount = mixed.length - tags.length - injected;

    const clean = await segmentTags(tags, { fragDuration: 1 });
    const run = await segmentTags(mixed, { fragDuration: 1 });
    expect(run.segmenter.stats.dropped).toEqual({
      invalid: clean.segmenter.stats.dropped.invalid + truncatedCount + injectedJunk.filter((item) => item?.reason === 'invalid').length,
      unsupported: injectedJunk.filter((item) => item?.reason === 'unsupported').length,
      noConfig: 0,
      beforeKeyframe: clean.segmenter.stats.dropped.beforeKeyframe,
    });
    expect(run.infos.at(-1)?.unsupported).toEqual(expect.arrayContaining(['Sorenson H.263', 'MP3']));
    expect([run.segmenter.stats.videoFrames, run.segmenter.stats.audioFrames]).toEqual([clean.segmenter.stats.videoFrames, clean.segmenter.stats.audioFrames]);
    // Byte-identical to the clean run: junk leaves no trace in the output.
    expect(run.segments).toHaveLength(clean.segments.length);
    run.segments.forEach((segment, index) => {
      expect(Buffer.compare(segment.data, clean.segments[index]?.data ?? new Uint8Array())).toBe(0);
    });
    const paths = await writeSegments(temp.dir, run.segments);
    expect(await decodeErrors(concatInput(paths))).toBe('');
    expect((await probe(paths[0] ?? '')).streams.map((stream) => stream.codec)).toEqual(['h264', 'aac']);
  });

  it('awaits onSegment one segment at a time, in order, and end() reports the first failure', async () => {
    const seen: string[] = [];
    let active = 0;
    let maxActive = 0;
    const segmenter = createSegmenter({
      fragDuration: 1,
      onSegment: async (segment: Segment) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(segment.name);
        active--;
        if (seen.length === 2) throw new Error('disk full');
      },
    });
    feed(segmenter, tags);
    await expect(segmenter.end()).rejects.toThrow('disk full');
    expect(maxActive).toBe(1);
    expect(seen).toHaveLength(segmenter.stats.segments);
    expect([...seen].sort()).toEqual(seen);
    // Fed after end(): ignored, no new segments.
    feed(segmenter, tags);
    expect(seen).toHaveLength(segmenter.stats.segments);
  });
});
