/**
 * ADTS framing: byte-identical to ffmpeg's own ADTS muxer on the same AAC frames, readable by ffprobe, and the
 * header fields decoded bit by bit for configurations ffmpeg's native encoder does not produce.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADTS_MAX_FRAME_SIZE, adtsHeaderTemplate, toAdtsFrame, writeAdtsHeader } from '../../../../emulator/media/adts';
import type { AacConfig } from '../../../../emulator/media/flv-payload';
import { aacChannelCount, parseAudioPayload } from '../../../../emulator/media/flv-payload';
import type { FlvTag } from '../../../support/flv-file';
import { needs } from '../../../support/tools';
import { decodeErrors, encodeFlv, ffmpeg, makeTempDir, probe } from './media-fixtures';

/** Our ADTS stream for the AAC tags of an FLV. */
function adtsFromTags(tags: readonly FlvTag[]): { config: AacConfig; bytes: Uint8Array } {
  let config: AacConfig | undefined;
  const frames: Uint8Array[] = [];
  for (const tag of tags.filter((candidate) => candidate.type === 'audio')) {
    const parsed = parseAudioPayload(tag.payload);
    if (parsed.kind === 'aac-config') config = parsed.config;
    else if (parsed.kind === 'aac-frame' && config) frames.push(toAdtsFrame(config, parsed.data));
    else throw new Error(`unexpected audio payload ${parsed.kind}`);
  }
  if (!config) throw new Error('no AudioSpecificConfig');
  return { config, bytes: Buffer.concat(frames) };
}

/** Decodes an ADTS header's fields (ISO/IEC 13818-7 Table 6.2) independently of the writer. */
function readHeader(header: Uint8Array) {
  const b = (i: number): number => header[i] ?? 0;
  return {
    syncword: (b(0) << 4) | (b(1) >> 4),
    id: (b(1) >> 3) & 1,
    layer: (b(1) >> 1) & 3,
    protectionAbsent: b(1) & 1,
    profile: b(2) >> 6,
    frequencyIndex: (b(2) >> 2) & 0x0f,
    channelConfiguration: ((b(2) & 1) << 2) | (b(3) >> 6),
    frameLength: ((b(3) & 3) << 11) | (b(4) << 3) | (b(5) >> 5),
    bufferFullness: ((b(5) & 0x1f) << 6) | (b(6) >> 2),
    rawDataBlocks: b(6) & 3,
  };
}

describe.runIf(needs('ffmpeg', 'ffprobe'))('ADTS from real FLV AAC', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const sources = [
    { name: 'mono 48 kHz', args: ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '2', '-c:a', 'aac', '-ac', '1', '-b:a', '64k'] },
    { name: 'stereo 44.1 kHz', args: ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', '2', '-c:a', 'aac', '-ac', '2', '-b:a', '128k'] },
    { name: '5.1 at 32 kHz', args: ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=32000', '-t', '2', '-c:a', 'aac', '-ac', '6', '-b:a', '192k'] },
  ];
  const outputs = new Map<string, { ours: string; theirs: string; config: AacConfig }>();

  beforeAll(async () => {
    temp = await makeTempDir();
    await Promise.all(
      sources.map(async (source, index) => {
        const { path, tags } = await encodeFlv(temp.dir, `audio-${index}`, source.args);
        const ours = join(temp.dir, `ours-${index}.aac`);
        const theirs = join(temp.dir, `theirs-${index}.aac`);
        const { config, bytes } = adtsFromTags(tags);
        await Promise.all([writeFile(ours, bytes), ffmpeg(['-i', path, '-c:a', 'copy', '-f', 'adts', theirs])]);
        outputs.set(source.name, { ours, theirs, config });
      }),
    );
  });

  afterAll(async () => {
    await temp.remove();
  });

  it.each(sources)('$name: byte-identical to ffmpeg -c:a copy -f adts', async ({ name }) => {
    const output = outputs.get(name);
    if (!output) throw new Error('not prepared');
    const [ours, theirs] = await Promise.all([readFile(output.ours), readFile(output.theirs)]);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.equals(theirs)).toBe(true);
  });

  it.each(sources)('$name: ffprobe reads codec, rate and channels; decodes cleanly', async ({ name }) => {
    const output = outputs.get(name);
    if (!output) throw new Error('not prepared');
    const probed = await probe(output.ours);
    expect(probed.streams).toEqual([
      expect.objectContaining({ codec: 'aac', sampleRate: output.config.sampleRate, channels: aacChannelCount(output.config.channelConfiguration) }),
    ]);
    expect(await decodeErrors(output.ours)).toBe('');
  });
});

describe('ADTS header fields', () => {
  it.each([
    { objectType: 2, frequencyIndex: 3, sampleRate: 48000, channelConfiguration: 2 },
    { objectType: 1, frequencyIndex: 4, sampleRate: 44100, channelConfiguration: 1 },
    { objectType: 4, frequencyIndex: 11, sampleRate: 8000, channelConfiguration: 7 },
    { objectType: 2, frequencyIndex: 6, sampleRate: 48000, channelConfiguration: 6 },
  ])('objectType $objectType, index $frequencyIndex, channels $channelConfiguration', (config) => {
    for (const rawLength of [0, 1, 255, 2047, ADTS_MAX_FRAME_SIZE - 7]) {
      const frame = toAdtsFrame(config, new Uint8Array(rawLength).fill(0xaa));
      expect(readHeader(frame)).toEqual({
        syncword: 0xfff,
        id: 0,
        layer: 0,
        protectionAbsent: 1,
        profile: config.objectType - 1,
        frequencyIndex: config.frequencyIndex,
        channelConfiguration: config.channelConfiguration,
        frameLength: rawLength + 7,
        bufferFullness: 0x7ff,
        rawDataBlocks: 0,
      });
      expect(frame.length).toBe(rawLength + 7);
    }
  });

  it('refuses frames beyond the 13-bit frame_length, naming the field', () => {
    const template = adtsHeaderTemplate({ objectType: 2, frequencyIndex: 3, sampleRate: 48000, channelConfiguration: 2 });
    expect(() => writeAdtsHeader(new Uint8Array(16), 0, template, ADTS_MAX_FRAME_SIZE - 6)).toThrow(/rawLength/);
  });
});
