/**
 * The segmenter fed with real encoder output (ffmpeg → FLV tags = RTMP payloads), every segment checked with
 * ffprobe/ffmpeg: codecs and size, OSS cut rule, durations, clean decode, and PTS identical to the source.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../../support/tools';
import type { FlvTag } from '../../../support/flv-file';
import type { Probe, ProbedPacket, SegmentRun } from './media-fixtures';
import {
  TICKS_PER_SECOND,
  concatInput,
  decodeErrors,
  encodeFlv,
  expectedCuts,
  makeTempDir,
  probe,
  segmentTags,
  testSource,
  timingDifferences,
  writeSegments,
} from './media-fixtures';

interface Scenario {
  name: string;
  fragDuration: number;
  ffmpegArgs: string[];
  size: { width: number; height: number };
  audio: boolean;
}

interface Prepared {
  tags: FlvTag[];
  source: Probe;
  result: SegmentRun;
  paths: string[];
  probes: Probe[];
}

const scenarios: Scenario[] = [
  {
    name: '640x360@30 with AAC, 1 s GOP (the brief command)',
    fragDuration: 2,
    ffmpegArgs: [...testSource({ size: '640x360', rate: 30, seconds: 8, sampleRate: 48000 }), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-c:a', 'aac', '-b:a', '64k'],
    size: { width: 640, height: 360 },
    audio: true,
  },
  {
    name: 'B-frames (-bf 2, preset medium), 0.48 s GOP, stereo 44.1 kHz',
    fragDuration: 1,
    ffmpegArgs: [
      ...testSource({ size: '320x240', rate: 25, seconds: 6, sampleRate: 44100 }),
      '-c:v', 'libx264', '-preset', 'medium', '-bf', '2', '-g', '12', '-keyint_min', '12', '-sc_threshold', '0',
      '-c:a', 'aac', '-ac', '2', '-b:a', '96k',
    ],
    size: { width: 320, height: 240 },
    audio: true,
  },
  {
    name: '1280x720 CBR 2.5 Mbps (segments larger than one packet block)',
    fragDuration: 2,
    ffmpegArgs: [
      ...testSource({ size: '1280x720', rate: 30, seconds: 6, sampleRate: 48000 }),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60',
      '-b:v', '2500k', '-minrate', '2500k', '-maxrate', '2500k', '-bufsize', '2500k', '-x264-params', 'nal-hrd=cbr',
      '-c:a', 'aac', '-b:a', '128k',
    ],
    size: { width: 1280, height: 720 },
    audio: true,
  },
  {
    name: 'video only, 426x240 (cropped height)',
    fragDuration: 1,
    ffmpegArgs: [...testSource({ size: '426x240', rate: 30, seconds: 4 }), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '20', '-an'],
    size: { width: 426, height: 240 },
    audio: false,
  },
];

const isVideo = (packet: ProbedPacket): boolean => packet.type === 'video';

describe.runIf(needs('ffmpeg', 'ffprobe'))('segmenter with real encoder output', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const prepared = new Map<string, Prepared>();

  beforeAll(async () => {
    temp = await makeTempDir();
    await Promise.all(
      scenarios.map(async (scenario, index) => {
        const { path, tags } = await encodeFlv(temp.dir, `input-${index}`, scenario.ffmpegArgs);
        const result = await segmentTags(tags, { fragDuration: scenario.fragDuration });
        const dir = join(temp.dir, `out-${index}`);
        await mkdir(dir);
        const paths = await writeSegments(dir, result.segments);
        const probes = await Promise.all(paths.map(probe));
        prepared.set(scenario.name, { tags, source: await probe(path), result, paths, probes });
      }),
    );
  });

  afterAll(async () => {
    await temp.remove();
  });

  const get = (scenario: Scenario): Prepared => {
    const value = prepared.get(scenario.name);
    if (!value) throw new Error(`scenario ${scenario.name} was not prepared`);
    return value;
  };

  describe.each(scenarios)('$name', (scenario) => {
    it('emits segments whose streams ffprobe reads as H.264 (+ AAC) at the source size', () => {
      const { probes, result } = get(scenario);
      expect(result.segments.length).toBeGreaterThan(1);
      for (const segmentProbe of probes) {
        const video = segmentProbe.streams.filter((stream) => stream.type === 'video');
        const audio = segmentProbe.streams.filter((stream) => stream.type === 'audio');
        expect(video).toEqual([expect.objectContaining({ codec: 'h264', ...scenario.size })]);
        expect(audio.map((stream) => stream.codec)).toEqual(scenario.audio ? ['aac'] : []);
      }
    });

    it('decodes every segment on its own without errors', async () => {
      const { paths } = get(scenario);
      const errors = await Promise.all(paths.map(decodeErrors));
      expect(errors).toEqual(paths.map(() => ''));
    });

    it('cuts at the first keyframe after FragDuration: each segment starts with one, at the expected time', () => {
      const { source, probes, result } = get(scenario);
      const sourceKeyframes = source.packets.filter((packet) => isVideo(packet) && packet.keyframe).map((packet) => packet.pts);
      const expectedStarts = expectedCuts(sourceKeyframes, scenario.fragDuration * 1000);
      const firstVideo = probes.map((segmentProbe) => segmentProbe.packets.find(isVideo));
      expect(firstVideo.map((packet) => packet?.keyframe)).toEqual(probes.map(() => true));
      // Segment start times in ms relative to the first one, from ffprobe of the output and of the source.
      const outputStarts = firstVideo.map((packet) => ((packet?.pts ?? 0) - (firstVideo[0]?.pts ?? 0)) / 90);
      expect(outputStarts).toEqual(expectedStarts.map((start) => start - (expectedStarts[0] ?? 0)));
      expect(result.segmenter.stats.forcedCuts).toBe(0);
    });

    it('reports durations of at least FragDuration (except the last) that match ffprobe', () => {
      const { probes, result } = get(scenario);
      const durations = result.segments.map((segment) => segment.duration);
      for (const duration of durations.slice(0, -1)) expect(duration).toBeGreaterThanOrEqual(scenario.fragDuration);
      probes.forEach((segmentProbe, index) => {
        expect(Math.abs(segmentProbe.duration - (durations[index] ?? 0))).toBeLessThan(0.1);
      });
      // Consecutive segments tile the timeline: each starts where the previous one's duration ends.
      const starts = probes.map((segmentProbe) => (segmentProbe.packets.find(isVideo)?.pts ?? 0) / TICKS_PER_SECOND);
      starts.slice(1).forEach((start, index) => {
        expect(start - (starts[index] ?? 0)).toBeCloseTo(durations[index] ?? 0, 3);
      });
    });

    it('keeps every video and audio timestamp of the source, shifted by one common offset (A/V in sync)', () => {
      const { source, probes } = get(scenario);
      const output = probes.flatMap((segmentProbe) => segmentProbe.packets);
      const firstKeyframeMs = source.packets.find((packet) => isVideo(packet) && packet.keyframe)?.pts ?? 0;
      const video = timingDifferences(source.packets, output, 'video', firstKeyframeMs);
      expect(video.pts.length).toBeGreaterThan(0);
      expect(new Set([...video.pts, ...video.dts])).toEqual(new Set([0]));
      const audio = timingDifferences(source.packets, output, 'audio', firstKeyframeMs);
      expect(audio.pts.length > 0).toBe(scenario.audio);
      // ADTS frames after the first in a PES get interpolated PTS; the source's are rounded to 1 ms (90 ticks).
      for (const difference of audio.pts) expect(Math.abs(difference)).toBeLessThanOrEqual(90);
    });

    it('plays the concatenated segments (what a player walking the playlist reads) without decode errors', async () => {
      const { paths } = get(scenario);
      expect(await decodeErrors(concatInput(paths))).toBe('');
    });

    it('reports media info from the SPS and the AudioSpecificConfig', () => {
      const { result, source } = get(scenario);
      const info = result.infos.at(-1);
      expect(info?.video).toMatchObject({ codec: 'H264', ...scenario.size });
      const sourceVideo = source.streams.find((stream) => stream.type === 'video');
      expect(info?.video?.profile).toBe(sourceVideo?.profile);
      expect(info?.video?.frameRate).toBeCloseTo(sourceVideo?.frameRate ?? 0, 2);
      const sourceAudio = source.streams.find((stream) => stream.type === 'audio');
      expect(info?.audio).toEqual(
        scenario.audio ? { codec: 'AAC', sampleRate: sourceAudio?.sampleRate, channels: sourceAudio?.channels } : undefined,
      );
      expect(result.segmenter.stats.dropped).toMatchObject({ invalid: 0, unsupported: 0, noConfig: 0 });
    });
  });
});
