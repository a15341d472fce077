/**
 * Parses RTMP video/audio message payloads, which are byte-for-byte FLV tag bodies (FLV spec v10.1, Annex E), plus
 * the Enhanced RTMP video header for FourCC 'avc1'. Pure functions: they return a tagged result, never throw.
 */

/** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.2.4.1) reduced to what muxing needs. */
export interface AvcConfig {
  /** Bytes per NAL unit length prefix in the frames that follow (1, 2 or 4). */
  nalLengthSize: number;
  /** SPS NAL units, each with its NAL header byte. */
  sps: Uint8Array[];
  /** PPS NAL units, each with its NAL header byte. */
  pps: Uint8Array[];
}

/** AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1) reduced to what ADTS needs. */
export interface AacConfig {
  /** Audio object type of the AAC core (2 = LC); HE-AAC signalled explicitly is reduced to its core. */
  objectType: number;
  /** Index into the standard sampling frequency table, of the AAC core. */
  frequencyIndex: number;
  /** Output sample rate in Hz (the SBR rate for explicitly signalled HE-AAC). */
  sampleRate: number;
  channelConfiguration: number;
}

export type VideoPayload =
  | { kind: 'avc-config'; config: AvcConfig }
  | { kind: 'avc-frame'; keyframe: boolean; compositionTimeMs: number; data: Uint8Array }
  /** End of sequence, video info/command frames: valid but nothing to mux. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'unsupported'; codec: string }
  | { kind: 'invalid'; reason: string };

export type AudioPayload =
  | { kind: 'aac-config'; config: AacConfig }
  | { kind: 'aac-frame'; data: Uint8Array }
  | { kind: 'unsupported'; codec: string }
  | { kind: 'invalid'; reason: string };

export const AAC_SAMPLE_RATES: readonly number[] = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

const VIDEO_CODECS: Readonly<Record<number, string>> = {
  1: 'JPEG',
  2: 'Sorenson H.263',
  3: 'Screen video',
  4: 'On2 VP6',
  5: 'On2 VP6 with alpha',
  6: 'Screen video v2',
  12: 'HEVC',
};

const AUDIO_CODECS: Readonly<Record<number, string>> = {
  0: 'Linear PCM',
  1: 'ADPCM',
  2: 'MP3',
  3: 'Linear PCM (little endian)',
  4: 'Nellymoser 16 kHz',
  5: 'Nellymoser 8 kHz',
  6: 'Nellymoser',
  7: 'G.711 A-law',
  8: 'G.711 mu-law',
  9: 'Enhanced RTMP audio',
  11: 'Speex',
  14: 'MP3 8 kHz',
  15: 'Device-specific sound',
};

const FLV_CODEC_AVC = 7;
const FLV_SOUND_AAC = 10;
const FRAME_TYPE_KEY = 1;
const FRAME_TYPE_COMMAND = 5;
const AVC_SEQUENCE_HEADER = 0;
const AVC_NALU = 1;
const AVC_END_OF_SEQUENCE = 2;
// Enhanced RTMP (veovera/enhanced-rtmp v1) packet types.
const EX_SEQUENCE_START = 0;
const EX_CODED_FRAMES = 1;
const EX_SEQUENCE_END = 2;
const EX_CODED_FRAMES_X = 3;

/** Reads a signed 24-bit big-endian integer (the FLV CompositionTime field). */
function readSi24(bytes: Uint8Array, offset: number): number {
  const value = ((bytes[offset] ?? 0) << 16) | ((bytes[offset + 1] ?? 0) << 8) | (bytes[offset + 2] ?? 0);
  return value & 0x800000 ? value - 0x1000000 : value;
}

/** Parses an AVCDecoderConfigurationRecord; returns a reason string when it is malformed. */
export function parseAvcConfig(record: Uint8Array): AvcConfig | string {
  if (record.length < 7) return `AVCDecoderConfigurationRecord: expected at least 7 bytes, got ${record.length}`;
  if (record[0] !== 1) return `AVCDecoderConfigurationRecord.configurationVersion: expected 1, got ${record[0] ?? 0}`;
  const nalLengthSize = ((record[4] ?? 0) & 0x03) + 1;
  if (nalLengthSize === 3) return 'AVCDecoderConfigurationRecord.lengthSizeMinusOne: expected 0, 1 or 3, got 2';
  let offset = 5;
  const readSet = (count: number, name: string): Uint8Array[] | string => {
    const units: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      if (offset + 2 > record.length) return `AVCDecoderConfigurationRecord.${name}: truncated length`;
      const length = ((record[offset] ?? 0) << 8) | (record[offset + 1] ?? 0);
      offset += 2;
      if (length === 0 || offset + length > record.length) {
        return `AVCDecoderConfigurationRecord.${name}: expected ${length} bytes, ${record.length - offset} left`;
      }
      // Copy: the config outlives the RTMP message buffer it came in (Buffer#slice would only make a view).
      units.push(new Uint8Array(record.subarray(offset, offset + length)));
      offset += length;
    }
    return units;
  };
  const sps = readSet((record[offset++] ?? 0) & 0x1f, 'sequenceParameterSet');
  if (typeof sps === 'string') return sps;
  if (offset >= record.length) return 'AVCDecoderConfigurationRecord.numOfPictureParameterSets: missing';
  const pps = readSet(record[offset++] ?? 0, 'pictureParameterSet');
  if (typeof pps === 'string') return pps;
  if (sps.length === 0 || pps.length === 0) return 'AVCDecoderConfigurationRecord: expected at least one SPS and one PPS';
  if (sps.some((unit) => ((unit[0] ?? 0) & 0x1f) !== 7)) return 'AVCDecoderConfigurationRecord: SPS entry is not NAL type 7';
  return { nalLengthSize, sps, pps };
}

/** Parses an AudioSpecificConfig; returns a reason string when ADTS cannot carry it. */
export function parseAacConfig(asc: Uint8Array): AacConfig | string {
  if (asc.length < 2) return `AudioSpecificConfig: expected at least 2 bytes, got ${asc.length}`;
  const bits = ((asc[0] ?? 0) << 24) | ((asc[1] ?? 0) << 16) | ((asc[2] ?? 0) << 8) | (asc[3] ?? 0);
  let objectType = bits >>> 27;
  const frequencyIndex = (bits >>> 23) & 0x0f;
  const channelConfiguration = (bits >>> 19) & 0x0f;
  if (objectType === 31) return 'AudioSpecificConfig.audioObjectType: escape values (>= 32) cannot be carried in ADTS';
  if (frequencyIndex >= AAC_SAMPLE_RATES.length) {
    return `AudioSpecificConfig.samplingFrequencyIndex: expected a standard rate (0-12), got ${frequencyIndex}`;
  }
  let sampleRate = AAC_SAMPLE_RATES[frequencyIndex] ?? 0;
  // Explicit HE-AAC (SBR = 5, PS = 29): the index above is the core's; then come the SBR rate and the core type.
  if (objectType === 5 || objectType === 29) {
    if (asc.length < 3) return 'AudioSpecificConfig: truncated HE-AAC extension';
    const extensionIndex = (bits >>> 15) & 0x0f;
    sampleRate = AAC_SAMPLE_RATES[extensionIndex] ?? sampleRate;
    objectType = (bits >>> 10) & 0x1f;
  }
  if (objectType < 1 || objectType > 4) {
    return `AudioSpecificConfig.audioObjectType: expected 1-4 (Main, LC, SSR, LTP) for ADTS, got ${objectType}`;
  }
  if (channelConfiguration === 0 || channelConfiguration > 7) {
    return `AudioSpecificConfig.channelConfiguration: expected 1-7, got ${channelConfiguration}`;
  }
  return { objectType, frequencyIndex, sampleRate, channelConfiguration };
}

/** Channel count for an AAC channel configuration (ISO/IEC 14496-3 Table 1.19). */
export function aacChannelCount(channelConfiguration: number): number {
  return channelConfiguration === 7 ? 8 : channelConfiguration;
}

function parseEnhancedVideo(payload: Uint8Array): VideoPayload {
  if (payload.length < 5) return { kind: 'invalid', reason: `enhanced video header: expected 5 bytes, got ${payload.length}` };
  const frameType = ((payload[0] ?? 0) >> 4) & 0x07;
  const packetType = (payload[0] ?? 0) & 0x0f;
  const fourCc = String.fromCharCode(...payload.subarray(1, 5));
  if (frameType === FRAME_TYPE_COMMAND) return { kind: 'ignored', reason: 'video command frame' };
  if (fourCc !== 'avc1') return { kind: 'unsupported', codec: fourCc === 'hvc1' ? 'HEVC' : `FourCC ${JSON.stringify(fourCc)}` };
  switch (packetType) {
    case EX_SEQUENCE_START: {
      const config = parseAvcConfig(payload.subarray(5));
      return typeof config === 'string' ? { kind: 'invalid', reason: config } : { kind: 'avc-config', config };
    }
    case EX_CODED_FRAMES:
      if (payload.length < 8) return { kind: 'invalid', reason: 'enhanced AVC frame: missing composition time' };
      return { kind: 'avc-frame', keyframe: frameType === FRAME_TYPE_KEY, compositionTimeMs: readSi24(payload, 5), data: payload.subarray(8) };
    case EX_CODED_FRAMES_X:
      return { kind: 'avc-frame', keyframe: frameType === FRAME_TYPE_KEY, compositionTimeMs: 0, data: payload.subarray(5) };
    case EX_SEQUENCE_END:
      return { kind: 'ignored', reason: 'end of sequence' };
    default:
      return { kind: 'ignored', reason: `enhanced video packet type ${packetType}` };
  }
}

/** Parses one RTMP type 9 message / FLV video tag body. */
export function parseVideoPayload(payload: Uint8Array): VideoPayload {
  const header = payload[0];
  if (header === undefined) return { kind: 'invalid', reason: 'video payload: empty' };
  if (header & 0x80) return parseEnhancedVideo(payload);
  const frameType = header >> 4;
  const codecId = header & 0x0f;
  if (frameType === FRAME_TYPE_COMMAND) return { kind: 'ignored', reason: 'video info/command frame' };
  if (codecId !== FLV_CODEC_AVC) return { kind: 'unsupported', codec: VIDEO_CODECS[codecId] ?? `FLV video codec ${codecId}` };
  if (payload.length < 5) return { kind: 'invalid', reason: `AVC video payload: expected at least 5 bytes, got ${payload.length}` };
  const packetType = payload[1];
  if (packetType === AVC_SEQUENCE_HEADER) {
    const config = parseAvcConfig(payload.subarray(5));
    return typeof config === 'string' ? { kind: 'invalid', reason: config } : { kind: 'avc-config', config };
  }
  if (packetType === AVC_NALU) {
    return { kind: 'avc-frame', keyframe: frameType === FRAME_TYPE_KEY, compositionTimeMs: readSi24(payload, 2), data: payload.subarray(5) };
  }
  if (packetType === AVC_END_OF_SEQUENCE) return { kind: 'ignored', reason: 'end of sequence' };
  return { kind: 'invalid', reason: `AVCPacketType: expected 0, 1 or 2, got ${packetType ?? 'none'}` };
}

/** Parses one RTMP type 8 message / FLV audio tag body. */
export function parseAudioPayload(payload: Uint8Array): AudioPayload {
  const header = payload[0];
  if (header === undefined) return { kind: 'invalid', reason: 'audio payload: empty' };
  const soundFormat = header >> 4;
  if (soundFormat !== FLV_SOUND_AAC) return { kind: 'unsupported', codec: AUDIO_CODECS[soundFormat] ?? `FLV sound format ${soundFormat}` };
  if (payload.length < 2) return { kind: 'invalid', reason: 'AAC audio payload: missing AACPacketType' };
  if (payload[1] === 0) {
    if (payload.length < 4) return { kind: 'invalid', reason: `AudioSpecificConfig: expected at least 2 bytes, got ${payload.length - 2}` };
    // A complete config that ADTS cannot carry (xHE-AAC, odd rates, PCE layouts) is a codec OSS does not take.
    const config = parseAacConfig(payload.subarray(2));
    return typeof config === 'string' ? { kind: 'unsupported', codec: `AAC (${config})` } : { kind: 'aac-config', config };
  }
  if (payload[1] === 1) {
    if (payload.length < 3) return { kind: 'invalid', reason: 'AAC raw frame: empty' };
    return { kind: 'aac-frame', data: payload.subarray(2) };
  }
  return { kind: 'invalid', reason: `AACPacketType: expected 0 or 1, got ${payload[1] ?? 'none'}` };
}
