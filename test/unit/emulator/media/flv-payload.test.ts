/**
 * FLV/RTMP payload parsing: real encoder tags checked against ffprobe's reading of the same file, plus the
 * payload shapes encoders rarely send (Enhanced RTMP, other codecs, HE-AAC configs, malformed headers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvcConfig } from '../../../../emulator/media/flv-payload';
import { parseAacConfig, parseAudioPayload, parseAvcConfig, parseVideoPayload } from '../../../../emulator/media/flv-payload';
import type { FlvTag } from '../../../support/flv-file';
import { needs } from '../../../support/tools';
import type { Probe } from './media-fixtures';
import { encodeFlv, makeTempDir, probe, testSource } from './media-fixtures';

/** Packs an AudioSpecificConfig from bit fields (value, width) pairs. */
function packBits(fields: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const bits = fields.map(([value, width]) => value.toString(2).padStart(width, '0')).join('');
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  return Uint8Array.from(padded.match(/.{8}/g) ?? [], (byte) => parseInt(byte, 2));
}

const fourCc = (code: string): number[] => [...code].map((char) => char.charCodeAt(0));

describe.runIf(needs('ffmpeg', 'ffprobe'))('parsing real encoder payloads', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let tags: FlvTag[];
  let source: Probe;

  beforeAll(async () => {
    temp = await makeTempDir();
    const flv = await encodeFlv(temp.dir, 'bframes', [
      ...testSource({ size: '320x240', rate: 25, seconds: 2, sampleRate: 44100 }),
      '-c:v', 'libx264', '-preset', 'medium', '-bf', '2', '-g', '25', '-c:a', 'aac', '-ac', '2',
    ]);
    tags = flv.tags;
    source = await probe(flv.path);
  });

  afterAll(async () => {
    await temp.remove();
  });

  it('reads the AVC sequence header: 4-byte NAL lengths, one SPS and one PPS', () => {
    const first = tags.find((tag) => tag.type === 'video');
    const parsed = first ? parseVideoPayload(first.payload) : undefined;
    expect(parsed?.kind).toBe('avc-config');
    const config = parsed?.kind === 'avc-config' ? parsed.config : undefined;
    expect(config?.nalLengthSize).toBe(4);
    expect(config?.sps.map((unit) => (unit[0] ?? 0) & 0x1f)).toEqual([7]);
    expect(config?.pps.map((unit) => (unit[0] ?? 0) & 0x1f)).toEqual([8]);
  });

  it('reads keyframe flags and composition times exactly as ffprobe reports them', () => {
    const frames = tags
      .filter((tag) => tag.type === 'video')
      .map((tag) => ({ tag, parsed: parseVideoPayload(tag.payload) }))
      .flatMap(({ tag, parsed }) => (parsed.kind === 'avc-frame' ? [{ dts: tag.timestampMs, ...parsed }] : []));
    const packets = source.packets.filter((packet) => packet.type === 'video');
    expect(frames.map((frame) => [frame.dts, frame.dts + frame.compositionTimeMs, frame.keyframe])).toEqual(
      packets.map((packet) => [packet.dts, packet.pts, packet.keyframe]),
    );
    expect(frames.some((frame) => frame.compositionTimeMs > 0)).toBe(true);
  });

  it('reads the AudioSpecificConfig and every raw AAC frame', () => {
    const audio = tags.filter((tag) => tag.type === 'audio').map((tag) => parseAudioPayload(tag.payload));
    const stream = source.streams.find((candidate) => candidate.type === 'audio');
    expect(audio[0]).toEqual({ kind: 'aac-config', config: expect.objectContaining({ objectType: 2, sampleRate: stream?.sampleRate, channelConfiguration: stream?.channels }) });
    expect(audio.slice(1).every((payload) => payload.kind === 'aac-frame')).toBe(true);
    expect(audio.length - 1).toBe(source.packets.filter((packet) => packet.type === 'audio').length);
  });

  it('parses Enhanced RTMP avc1 payloads like their legacy FLV equivalents', () => {
    const video = tags.filter((tag) => tag.type === 'video');
    for (const tag of video.slice(0, 10)) {
      // Plain Uint8Array like the enhanced copy below, so both parse into the same view types.
      const payload = new Uint8Array(tag.payload);
      const legacy = parseVideoPayload(payload);
      const frameType = (payload[0] ?? 0) >> 4;
      const body = payload.subarray(5);
      const enhanced =
        legacy.kind === 'avc-config'
          ? Uint8Array.from([0x80 | (frameType << 4) | 0, ...fourCc('avc1'), ...body])
          : Uint8Array.from([0x80 | (frameType << 4) | 1, ...fourCc('avc1'), ...payload.subarray(2, 5), ...body]);
      expect(parseVideoPayload(enhanced)).toEqual(legacy);
    }
  });
});

describe('parseVideoPayload', () => {
  it('reports other codecs as unsupported, by name', () => {
    expect(parseVideoPayload(Uint8Array.of(0x12, 0, 0, 0))).toEqual({ kind: 'unsupported', codec: 'Sorenson H.263' });
    expect(parseVideoPayload(Uint8Array.of(0x1c, 0, 0, 0, 0))).toEqual({ kind: 'unsupported', codec: 'HEVC' });
    expect(parseVideoPayload(Uint8Array.of(0x90, ...fourCc('hvc1'), 0, 0, 0))).toEqual({ kind: 'unsupported', codec: 'HEVC' });
    expect(parseVideoPayload(Uint8Array.of(0x90, ...fourCc('av01')))).toEqual({ kind: 'unsupported', codec: 'FourCC "av01"' });
  });

  it('ignores end-of-sequence and command frames; rejects malformed AVC headers', () => {
    expect(parseVideoPayload(Uint8Array.of(0x17, 2, 0, 0, 0)).kind).toBe('ignored');
    expect(parseVideoPayload(Uint8Array.of(0x57, 0)).kind).toBe('ignored');
    expect(parseVideoPayload(new Uint8Array())).toEqual({ kind: 'invalid', reason: 'video payload: empty' });
    expect(parseVideoPayload(Uint8Array.of(0x17, 1, 0))).toMatchObject({ kind: 'invalid' });
    expect(parseVideoPayload(Uint8Array.of(0x17, 3, 0, 0, 0))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('AVCPacketType') });
    expect(parseVideoPayload(Uint8Array.of(0x17, 0, 0, 0, 0, 2, 0x42, 0, 0x1e, 0xff, 0xe1, 0, 0))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('configurationVersion') });
  });

  it('reads negative composition times (signed 24 bit)', () => {
    expect(parseVideoPayload(Uint8Array.of(0x27, 1, 0xff, 0xff, 0xfe, 0, 0, 0, 1, 0x41))).toMatchObject({ kind: 'avc-frame', keyframe: false, compositionTimeMs: -2 });
  });
});

describe('parseAvcConfig', () => {
  const sps = [0x67, 0x42, 0xc0, 0x1e];
  const pps = [0x68, 0xce];
  const record = (lengthSizeMinusOne: number, ...rest: number[]): Uint8Array =>
    Uint8Array.of(1, 0x42, 0xc0, 0x1e, 0xfc | lengthSizeMinusOne, ...rest);

  it('reads NAL length size and parameter sets', () => {
    const parsed = parseAvcConfig(record(1, 0xe1, 0, 4, ...sps, 1, 0, 2, ...pps)) as AvcConfig;
    expect(parsed.nalLengthSize).toBe(2);
    expect(parsed.sps.map((unit) => [...unit])).toEqual([sps]);
    expect(parsed.pps.map((unit) => [...unit])).toEqual([pps]);
  });

  it('names the field that is wrong', () => {
    expect(parseAvcConfig(record(2, 0xe1, 0, 4, ...sps, 1, 0, 2, ...pps))).toMatch(/lengthSizeMinusOne/);
    expect(parseAvcConfig(record(3, 0xe1, 0, 9, ...sps))).toMatch(/sequenceParameterSet/);
    expect(parseAvcConfig(record(3, 0xe1, 0, 4, ...sps))).toMatch(/numOfPictureParameterSets/);
    expect(parseAvcConfig(record(3, 0xe0, 1, 0, 2, ...pps))).toMatch(/at least one SPS/);
    expect(parseAvcConfig(record(3, 0xe1, 0, 2, ...pps, 1, 0, 2, ...pps))).toMatch(/NAL type 7/);
  });
});

describe('parseAacConfig and parseAudioPayload', () => {
  it('reads AAC-LC configs', () => {
    expect(parseAacConfig(packBits([[2, 5], [3, 4], [2, 4]]))).toEqual({ objectType: 2, frequencyIndex: 3, sampleRate: 48000, channelConfiguration: 2 });
  });

  it('reduces explicit HE-AAC (SBR, PS) to the AAC-LC core at the core rate, reporting the output rate', () => {
    for (const objectType of [5, 29]) {
      const asc = packBits([[objectType, 5], [6, 4], [2, 4], [3, 4], [2, 5]]);
      expect(parseAacConfig(asc)).toEqual({ objectType: 2, frequencyIndex: 6, sampleRate: 48000, channelConfiguration: 2 });
    }
  });

  it('explains configs ADTS cannot carry', () => {
    expect(parseAacConfig(packBits([[31, 5], [10, 6], [3, 4], [2, 4]]))).toMatch(/escape/);
    expect(parseAacConfig(packBits([[2, 5], [15, 4], [48000, 24], [2, 4]]))).toMatch(/samplingFrequencyIndex/);
    expect(parseAacConfig(packBits([[2, 5], [3, 4], [0, 4]]))).toMatch(/channelConfiguration/);
    expect(parseAacConfig(packBits([[23, 5], [3, 4], [1, 4]]))).toMatch(/audioObjectType: expected 1-4/);
  });

  it('turns them into unsupported codecs; other FLV sound formats likewise', () => {
    expect(parseAudioPayload(Uint8Array.of(0xaf, 0, ...packBits([[2, 5], [3, 4], [0, 4]])))).toMatchObject({ kind: 'unsupported', codec: expect.stringMatching(/^AAC \(/) });
    expect(parseAudioPayload(Uint8Array.of(0x2f, 0xff, 0xfb))).toEqual({ kind: 'unsupported', codec: 'MP3' });
    expect(parseAudioPayload(Uint8Array.of(0x7e, 0))).toEqual({ kind: 'unsupported', codec: 'G.711 A-law' });
  });

  it('rejects empty and truncated AAC payloads', () => {
    expect(parseAudioPayload(new Uint8Array()).kind).toBe('invalid');
    expect(parseAudioPayload(Uint8Array.of(0xaf)).kind).toBe('invalid');
    expect(parseAudioPayload(Uint8Array.of(0xaf, 1)).kind).toBe('invalid');
    expect(parseAudioPayload(Uint8Array.of(0xaf, 0, 0x11)).kind).toBe('invalid');
    expect(parseAudioPayload(Uint8Array.of(0xaf, 2, 0x11)).kind).toBe('invalid');
  });
});
