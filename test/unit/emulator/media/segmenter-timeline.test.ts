/**
 * The segmenter on streams that are not well-behaved: no keyframe for over a minute (forced cut, at the 60 s floor
 * and at 2 × FragDuration above it), a new SPS mid-stream, audio-only stretches, PTS crossing the 33-bit wrap, RTMP
 * clock jumps and small steps back.
 * Inputs are real ffmpeg output, reshaped at the tag level the way a publisher could send them.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../../../emulator/media';
import type { FlvTag } from '../../../support/flv-file';
import { needs } from '../../../support/tools';
import type { Probe, ProbedPacket } from './media-fixtures';
import {
  PTS_WRAP,
  concatInput,
  decodeErrors,
  encodeFlv,
  makeTempDir,
  probe,
  segmentTags,
  testSource,
  tickDelta,
  timingDifferences,
  writeSegments,
} from './media-fixtures';

const isVideo = (packet: ProbedPacket): boolean => packet.type === 'video';
const videoTags = (tags: readonly FlvTag[]): FlvTag[] => tags.filter((tag) => tag.type === 'video');
/** A video tag body's first byte says keyframe (1) in its high nibble; payload[1] = 1 marks a coded frame. */
const isKeyframeTag = (tag: FlvTag): boolean => tag.type === 'video' && ((tag.payload[0] ?? 0) >> 4) === 1 && tag.payload[1] === 1;
const shifted = (tags: readonly FlvTag[], byMs: number): FlvTag[] => tags.map((tag) => ({ ...tag, timestampMs: (tag.timestampMs + byMs) % 2 ** 32 }));

interface Output {
  segments: Segment[];
  paths: string[];
  probes: Probe[];
}

describe.runIf(needs('ffmpeg', 'ffprobe'))('segmenter on irregular streams', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let main: { tags: FlvTag[]; source: Probe };
  let small: { tags: FlvTag[] };
  let sparse: { tags: FlvTag[]; source: Probe };
  let outputs = 0;

  /** Segments `tags`, writes the segments to a fresh directory and probes each. */
  async function segmentAndProbe(tags: readonly FlvTag[], fragDuration: number) {
    const run = await segmentTags(tags, { fragDuration });
    const dir = join(temp.dir, `out-${outputs++}`);
    await mkdir(dir);
    const paths = await writeSegments(dir, run.segments);
    const output: Output = { segments: run.segments, paths, probes: await Promise.all(paths.map(probe)) };
    return { ...run, ...output };
  }

  beforeAll(async () => {
    temp = await makeTempDir();
    const [mainFlv, smallFlv, sparseFlv] = await Promise.all([
      encodeFlv(temp.dir, 'main', [
        ...testSource({ size: '640x360', rate: 30, seconds: 8, sampleRate: 48000 }),
        '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-c:a', 'aac', '-b:a', '64k',
      ]),
      encodeFlv(temp.dir, 'small', [
        ...testSource({ size: '320x180', rate: 30, seconds: 4, sampleRate: 48000 }),
        '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-c:a', 'aac', '-b:a', '64k',
      ]),
      // Keyframes 65 s apart: longer than the forced-cut limit max(2 × 1 s, 60 s).
      encodeFlv(temp.dir, 'sparse', [
        ...testSource({ size: '128x72', rate: 10, seconds: 80, sampleRate: 8000 }),
        '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '650', '-keyint_min', '650', '-sc_threshold', '0',
        '-c:a', 'aac', '-b:a', '16k',
      ]),
    ]);
    main = { tags: mainFlv.tags, source: await probe(mainFlv.path) };
    small = { tags: smallFlv.tags };
    sparse = { tags: sparseFlv.tags, source: await probe(sparseFlv.path) };
  });

  afterAll(async () => {
    await temp.remove();
  });

  it('forces a cut after 60 s without a keyframe, then cuts at the next keyframe', async () => {
    const run = await segmentAndProbe(sparse.tags, 1);
    const keyframes = sparse.source.packets.filter((packet) => isVideo(packet) && packet.keyframe).map((packet) => packet.pts);
    expect(keyframes).toHaveLength(2);
    expect(run.segmenter.stats.forcedCuts).toBe(1);
    expect(run.segments).toHaveLength(3);
    const [forced, resumed, last] = run.segments.map((segment) => segment.duration);
    // Cut on the first sample (audio or video) at or after 60 s: within one 128 ms AAC frame of it.
    expect(forced).toBeGreaterThanOrEqual(60);
    expect(forced).toBeLessThan(60.13);
    // The second segment ends exactly at the next keyframe.
    expect((forced ?? 0) + (resumed ?? 0)).toBeCloseTo(((keyframes[1] ?? 0) - (keyframes[0] ?? 0)) / 1000, 3);
    expect(last).toBeGreaterThan(0);
    const firstVideo = run.probes.map((segmentProbe) => segmentProbe.packets.find(isVideo));
    expect(firstVideo.map((packet) => packet?.keyframe)).toEqual([true, false, true]);
    // SPS/PPS ride along at the start of the forced segment, so it still probes with its size.
    for (const segmentProbe of run.probes) {
      expect(segmentProbe.streams.find((stream) => stream.type === 'video')).toMatchObject({ codec: 'h264', width: 128, height: 72 });
    }
    expect(await decodeErrors(concatInput(run.paths))).toBe('');
  });

  it('forces the cut at 2 × FragDuration (80 s) when that exceeds 60 s: FragDuration 40, one keyframe, then none', async () => {
    // Synthetic tags from real payloads: the sequence header, one keyframe at 0, then the same inter frame every
    // 100 ms for 100 s. Video only, so the cut lands exactly on a frame time.
    const video = videoTags(small.tags);
    const config = video.find((tag) => tag.payload[1] === 0);
    const keyframe = video.find(isKeyframeTag);
    const inter = video.find((tag) => tag.payload[1] === 1 && !isKeyframeTag(tag));
    if (!config || !keyframe || !inter) throw new Error('the small source lacks a sequence header, a keyframe or an inter frame');
    const frames = Array.from({ length: 1000 }, (_, index) => ({ ...inter, timestampMs: (index + 1) * 100 }));
    const run = await segmentTags([{ ...config, timestampMs: 0 }, { ...keyframe, timestampMs: 0 }, ...frames], { fragDuration: 40 });
    expect(run.segmenter.stats.videoFrames).toBe(1001);
    expect(run.segmenter.stats.forcedCuts).toBe(1);
    const [forced, rest] = run.segments.map((segment) => segment.duration);
    expect(run.segments).toHaveLength(2);
    // Not at the 60 s floor: at 80 s, on the first frame at or after it.
    expect(forced).toBeGreaterThanOrEqual(80);
    expect(forced).toBeLessThan(80.1);
    expect((forced ?? 0) + (rest ?? 0)).toBeCloseTo(100.1, 1);
  });

  it('starts a new segment at the first keyframe after a new SPS, even before FragDuration', async () => {
    const lastMainMs = Math.max(...main.tags.map((tag) => tag.timestampMs));
    const tags = [...main.tags, ...shifted(small.tags, lastMainMs + 33)];
    const run = await segmentAndProbe(tags, 3);
    const sizes = run.probes.map((segmentProbe) => {
      const video = segmentProbe.streams.find((stream) => stream.type === 'video');
      return `${video?.width ?? 0}x${video?.height ?? 0}`;
    });
    const switchAt = sizes.indexOf('320x180');
    expect(switchAt).toBeGreaterThan(0);
    expect(sizes).toEqual(sizes.map((_, index) => (index < switchAt ? '640x360' : '320x180')));
    // The segment before the switch is shorter than FragDuration: the cut came from the new SPS.
    expect(run.segments[switchAt - 1]?.duration).toBeLessThan(3);
    expect(run.probes[switchAt]?.packets.find(isVideo)?.keyframe).toBe(true);
    expect(run.infos.map((info) => `${info.video?.width ?? 0}x${info.video?.height ?? 0}`)).toContain('320x180');
    expect(run.infos.at(-1)?.video).toMatchObject({ width: 320, height: 180 });
    const errors = await Promise.all(run.paths.map(decodeErrors));
    expect(errors).toEqual(run.paths.map(() => ''));
  });

  it('keeps audio through a video gap (audio-only burst) and resumes video at its keyframe', async () => {
    const keyframeTimes = videoTags(main.tags).filter(isKeyframeTag).map((tag) => tag.timestampMs);
    const [gapStart, gapEnd] = [keyframeTimes[2] ?? 0, keyframeTimes[5] ?? 0];
    const tags = main.tags.filter((tag) => tag.type !== 'video' || tag.timestampMs < gapStart || tag.timestampMs >= gapEnd);
    const run = await segmentAndProbe(tags, 2);
    const audioIn = tags.filter((tag) => tag.type === 'audio' && tag.timestampMs >= (keyframeTimes[0] ?? 0) && tag.payload[1] === 1);
    expect(run.segmenter.stats.audioFrames).toBe(audioIn.length);
    const output = run.probes.flatMap((segmentProbe) => segmentProbe.packets);
    expect(output.filter((packet) => packet.type === 'audio')).toHaveLength(audioIn.length);
    // The segment spanning the gap runs from before it to the first keyframe after it.
    expect(run.segments.some((segment) => segment.duration >= (gapEnd - gapStart) / 1000)).toBe(true);
    expect(await decodeErrors(concatInput(run.paths))).toBe('');
  });

  it('keeps audio whose AudioSpecificConfig arrives after the first keyframe', async () => {
    const isAudioConfig = (tag: FlvTag): boolean => tag.type === 'audio' && tag.payload[1] === 0;
    const config = main.tags.find(isAudioConfig);
    const rest = main.tags.filter((tag) => !isAudioConfig(tag));
    // Video tags: sequence header, then frames; the audio config now comes just before the third frame.
    const thirdFrameTag = videoTags(rest)[3];
    const configAt = thirdFrameTag ? rest.indexOf(thirdFrameTag) : 0;
    const tags = config ? [...rest.slice(0, configAt), config, ...rest.slice(configAt)] : rest;
    const run = await segmentAndProbe(tags, 2);
    const rawAudio = tags.filter((tag) => tag.type === 'audio' && tag.payload[1] === 1);
    const beforeConfig = rawAudio.filter((tag) => tags.indexOf(tag) < configAt).length;
    expect(beforeConfig).toBeGreaterThan(0);
    expect(run.segmenter.stats.dropped.noConfig).toBe(beforeConfig);
    expect(run.segmenter.stats.audioFrames).toBe(rawAudio.length - beforeConfig);
    expect(run.probes[0]?.streams.map((stream) => stream.codec)).toEqual(['h264', 'aac']);
    expect(await decodeErrors(concatInput(run.paths))).toBe('');
  });

  it('writes PTS modulo 2^33 across the wrap and keeps source timing', async () => {
    // Put the 33-bit wrap about 3 s into the stream (PTS = (ms + 1.4 s offset) × 90).
    const wrapMs = Math.floor(PTS_WRAP / 90) - 1_400 - 3_000;
    const run = await segmentAndProbe(shifted(main.tags, wrapMs), 2);
    const output = run.probes.flatMap((segmentProbe) => segmentProbe.packets);
    const sourceShifted = main.source.packets.map((packet) => ({ ...packet, pts: packet.pts + wrapMs, dts: packet.dts + wrapMs }));
    const firstKeyframeMs = sourceShifted.find((packet) => isVideo(packet) && packet.keyframe)?.pts ?? 0;
    const video = timingDifferences(sourceShifted, output, 'video', firstKeyframeMs);
    expect(new Set([...video.pts, ...video.dts])).toEqual(new Set([0]));
    // The wrap really happened inside the output: raw 90 kHz PTS (mod 2^33) fall back at some packet.
    const raw = output.filter(isVideo).map((packet) => ((packet.dts % PTS_WRAP) + PTS_WRAP) % PTS_WRAP);
    expect(raw.some((dts, index) => index > 0 && dts < (raw[index - 1] ?? 0))).toBe(true);
    const errors = await Promise.all(run.paths.map(decodeErrors));
    expect(errors).toEqual(run.paths.map(() => ''));
    expect(await decodeErrors(concatInput(run.paths))).toBe('');
    for (const segment of run.segments.slice(0, -1)) expect(segment.duration).toBeGreaterThanOrEqual(2);
  });

  describe.each([
    {
      name: 'an encoder clock jump of +1 h mid-stream',
      reshape: (tags: FlvTag[]) => tags.map((tag) => (tag.timestampMs >= 4_000 ? { ...tag, timestampMs: tag.timestampMs + 3_600_000 } : tag)),
      jumps: 1,
    },
    {
      name: 'the 32-bit RTMP timestamp wrap',
      reshape: (tags: FlvTag[]) => shifted(tags, 2 ** 32 - 4_000),
      jumps: 1,
    },
    {
      name: 'audio and video stepping back a little (jitter)',
      reshape: (tags: FlvTag[]) =>
        tags.map((tag, index) => (index % 50 === 7 && tag.timestampMs > 100 ? { ...tag, timestampMs: tag.timestampMs - 40 } : tag)),
      jumps: 0,
    },
  ])('with $name', ({ reshape, jumps }) => {
    it('keeps PTS/DTS monotonic and the whole stream decodable, with the source duration', async () => {
      const run = await segmentAndProbe(reshape(main.tags), 2);
      expect(run.segmenter.stats.timestampJumps).toBe(jumps);
      const output = run.probes.flatMap((segmentProbe) => segmentProbe.packets);
      for (const type of ['video', 'audio'] as const) {
        const dts = output.filter((packet) => packet.type === type).map((packet) => packet.dts);
        const steps = dts.slice(1).map((value, index) => tickDelta(value, dts[index] ?? 0));
        expect(steps.length).toBeGreaterThan(0);
        expect(steps.every((step) => step > 0)).toBe(true);
      }
      const total = run.segments.reduce((sum, segment) => sum + segment.duration, 0);
      const sourceVideo = main.source.packets.filter(isVideo);
      const sourceSpan = ((sourceVideo.at(-1)?.pts ?? 0) - (sourceVideo[0]?.pts ?? 0)) / 1000;
      expect(Math.abs(total - sourceSpan)).toBeLessThan(0.2);
      const names = run.segments.map((segment) => segment.name);
      expect([...names].sort()).toEqual(names);
      expect(new Set(names).size).toBe(names.length);
      expect(await decodeErrors(concatInput(run.paths))).toBe('');
      run.probes.forEach((segmentProbe, index) => {
        expect(Math.abs(segmentProbe.duration - (run.segments[index]?.duration ?? 0))).toBeLessThan(0.1);
      });
    });
  });
});
