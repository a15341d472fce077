/**
 * Shared helpers for the media tests: encode real inputs with ffmpeg, feed FLV tags into a segmenter, and read
 * results back with ffprobe. Everything lives in a temp dir the caller removes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MediaInfo, Segment, Segmenter, SegmenterOptions } from '../../../../emulator/media';
import { createSegmenter } from '../../../../emulator/media';
import type { FlvTag } from '../../../support/flv-file';
import { readFlvFile } from '../../../support/flv-file';

const run = promisify(execFile);
/** Generous: a stuck ffmpeg must not hang the suite. */
const TOOL_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

export const TICKS_PER_SECOND = 90_000;
export const PTS_WRAP = 2 ** 33;

export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'oss-media-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs ffmpeg quietly (`-v error`) and returns stderr, which then holds only errors. */
export async function ffmpeg(args: readonly string[]): Promise<string> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], {
    timeout: TOOL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: MAX_OUTPUT,
  });
  return stderr;
}

/**
 * Encodes test media with ffmpeg into `<dir>/<name>.flv` (FLV tag bodies = RTMP payloads) and reads its tags.
 * `args` are the input and codec options; the FLV muxer is added here.
 */
export async function encodeFlv(dir: string, name: string, args: readonly string[]): Promise<{ path: string; tags: FlvTag[] }> {
  const path = join(dir, `${name}.flv`);
  await ffmpeg([...args, '-f', 'flv', path]);
  return { path, tags: await readFlvFile(path) };
}

/** Lavfi test pattern + sine inputs for `seconds` of media. */
export function testSource(options: { size: string; rate: number; seconds: number; sampleRate?: number }): string[] {
  const inputs = ['-f', 'lavfi', '-i', `testsrc=size=${options.size}:rate=${options.rate}`];
  if (options.sampleRate) inputs.push('-f', 'lavfi', '-i', `sine=frequency=1000:sample_rate=${options.sampleRate}`);
  return [...inputs, '-t', String(options.seconds), '-pix_fmt', 'yuv420p'];
}

export interface ProbedPacket {
  type: 'video' | 'audio';
  /** Raw timestamps in the stream's time base (90 kHz for TS, 1 kHz for FLV). */
  pts: number;
  dts: number;
  keyframe: boolean;
}

export interface ProbedStream {
  type: string;
  codec: string;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  profile?: string;
  level?: number;
  fieldOrder?: string;
  /** avg_frame_rate as a number. */
  frameRate?: number;
  /** r_frame_rate as a number (for raw H.264 this comes from the SPS VUI). */
  baseFrameRate?: number;
}

export interface Probe {
  streams: ProbedStream[];
  packets: ProbedPacket[];
  duration: number;
  startTime: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const num = (value: unknown): number | undefined => {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
};
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** ffprobe rationals such as "30000/1001"; "0/0" means unknown. */
const ratio = (value: unknown): number | undefined => {
  const [numerator, denominator] = str(value).split('/').map(Number);
  return numerator && denominator ? numerator / denominator : undefined;
};

/** ffprobe's view of a file: streams, every packet (with parsers on, so ADTS frames are split) and duration. */
export async function probe(path: string): Promise<Probe> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-show_streams', '-show_packets', '-show_format', '-of', 'json', path],
    { timeout: TOOL_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT },
  );
  const parsed: unknown = JSON.parse(stdout);
  if (!isObject(parsed)) throw new Error(`ffprobe ${path}: expected a JSON object`);
  const streams = list(parsed.streams).map((stream): ProbedStream => {
    const width = num(stream.width);
    const height = num(stream.height);
    const sampleRate = num(stream.sample_rate);
    const channels = num(stream.channels);
    const level = num(stream.level);
    const frameRate = ratio(stream.avg_frame_rate);
    const baseFrameRate = ratio(stream.r_frame_rate);
    return {
      type: str(stream.codec_type),
      codec: str(stream.codec_name),
      ...(width === undefined ? {} : { width }),
      ...(height === undefined ? {} : { height }),
      ...(sampleRate === undefined ? {} : { sampleRate }),
      ...(channels === undefined ? {} : { channels }),
      ...(stream.profile === undefined ? {} : { profile: str(stream.profile) }),
      ...(level === undefined ? {} : { level }),
      ...(stream.field_order === undefined ? {} : { fieldOrder: str(stream.field_order) }),
      ...(frameRate === undefined ? {} : { frameRate }),
      ...(baseFrameRate === undefined ? {} : { baseFrameRate }),
    };
  });
  const packets = list(parsed.packets).flatMap((packet): ProbedPacket[] => {
    const type = str(packet.codec_type);
    const pts = num(packet.pts);
    if ((type !== 'video' && type !== 'audio') || pts === undefined) return [];
    return [{ type, pts, dts: num(packet.dts) ?? pts, keyframe: str(packet.flags).startsWith('K') }];
  });
  const format = isObject(parsed.format) ? parsed.format : {};
  return { streams, packets, duration: num(format.duration) ?? 0, startTime: num(format.start_time) ?? 0 };
}

export interface SegmentRun {
  segments: Segment[];
  infos: MediaInfo[];
  segmenter: Segmenter;
}

/** Feeds tags (in order) to a new segmenter and collects what it emits. */
export async function segmentTags(tags: readonly FlvTag[], options: Omit<SegmenterOptions, 'onSegment'>): Promise<SegmentRun> {
  const segments: Segment[] = [];
  const infos: MediaInfo[] = [];
  const segmenter = createSegmenter({ ...options, onSegment: (segment) => void segments.push(segment), onMediaInfo: (info) => void infos.push(info) });
  feed(segmenter, tags);
  await segmenter.end();
  return { segments, infos, segmenter };
}

export function feed(segmenter: Segmenter, tags: readonly FlvTag[]): void {
  for (const tag of tags) {
    if (tag.type === 'video') segmenter.onVideo(tag.timestampMs, tag.payload);
    else if (tag.type === 'audio') segmenter.onAudio(tag.timestampMs, tag.payload);
  }
}

/** Writes segments to `dir` under their names and returns the paths in order. */
export async function writeSegments(dir: string, segments: readonly Segment[]): Promise<string[]> {
  return Promise.all(
    segments.map(async (segment) => {
      const path = join(dir, segment.name);
      await writeFile(path, segment.data);
      return path;
    }),
  );
}

/** Decodes everything with ffmpeg and returns its error output ('' when clean). */
export async function decodeErrors(input: string): Promise<string> {
  return ffmpeg(['-i', input, '-f', 'null', '-']);
}

/** An ffmpeg input that byte-concatenates TS files, as a player walking the playlist would see them. */
export const concatInput = (paths: readonly string[]): string => `concat:${paths.join('|')}`;

/**
 * The OSS cut rule, written independently of the segmenter: given keyframe times (ms), the first keyframe at
 * least `fragDurationMs` after the current segment's start opens the next one. Returns the segment start times.
 */
export function expectedCuts(keyframeTimesMs: readonly number[], fragDurationMs: number): number[] {
  const starts: number[] = [];
  for (const time of keyframeTimesMs) {
    const start = starts.at(-1);
    if (start === undefined || time - start >= fragDurationMs) starts.push(time);
  }
  return starts;
}

/** Difference of two 90 kHz timestamps that may straddle the 33-bit wrap. */
export function tickDelta(later: number, earlier: number): number {
  return (((later - earlier) % PTS_WRAP) + PTS_WRAP + PTS_WRAP / 2) % PTS_WRAP - PTS_WRAP / 2;
}

/**
 * Timing differences between source and output packets of one type, in 90 kHz ticks, after removing the common
 * offset of the first video packet (shared by both types, so A/V sync is checked too). Wrap-aware.
 * `source` times are FLV milliseconds; packets before `fromMs` are left out (dropped before the first keyframe).
 */
export function timingDifferences(
  source: readonly ProbedPacket[],
  output: readonly ProbedPacket[],
  type: 'video' | 'audio',
  fromMs: number,
): { pts: number[]; dts: number[] } {
  const firstSource = source.find((packet) => packet.type === 'video');
  const firstOutput = output.find((packet) => packet.type === 'video');
  if (!firstSource || !firstOutput) throw new Error('timingDifferences: no video packet');
  const offset = tickDelta(firstOutput.pts, firstSource.pts * 90);
  const sourcePackets = source.filter((packet) => packet.type === type && packet.pts >= fromMs);
  const outputPackets = output.filter((packet) => packet.type === type);
  if (sourcePackets.length !== outputPackets.length) {
    throw new Error(`timingDifferences: ${type} packet count ${outputPackets.length}, source has ${sourcePackets.length}`);
  }
  const differences = (pick: (packet: ProbedPacket) => number): number[] =>
    outputPackets.map((packet, index) => tickDelta(pick(packet), (pick(sourcePackets[index] ?? packet) * 90 + offset) % PTS_WRAP));
  return { pts: differences((packet) => packet.pts), dts: differences((packet) => packet.dts) };
}
