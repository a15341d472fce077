import type { AacConfig } from './flv-payload';

/** ADTS header size without CRC (protection_absent = 1), as ffmpeg's ADTS muxer writes it. */
export const ADTS_HEADER_SIZE = 7;
/** frame_length is 13 bits and includes the header. */
export const ADTS_MAX_FRAME_SIZE = 0x1fff;

/**
 * Builds the 7-byte ADTS header (ISO/IEC 13818-7 §6.2) for one config with frame_length 0; patch the length per
 * frame with {@link writeAdtsHeader}. MPEG-4 ID, no CRC, buffer fullness 0x7FF (VBR), one raw data block.
 */
export function adtsHeaderTemplate(config: AacConfig): Uint8Array {
  const profile = config.objectType - 1;
  const channels = config.channelConfiguration;
  return Uint8Array.of(
    0xff,
    0xf1,
    ((profile & 0x03) << 6) | ((config.frequencyIndex & 0x0f) << 2) | ((channels >> 2) & 0x01),
    (channels & 0x03) << 6,
    0x00,
    0x1f,
    0xfc,
  );
}

/**
 * Writes an ADTS header for a raw AAC frame of `rawLength` bytes into `target` at `offset`.
 * Throws RangeError when the frame is too large for ADTS (callers check {@link ADTS_MAX_FRAME_SIZE} first).
 */
export function writeAdtsHeader(target: Uint8Array, offset: number, template: Uint8Array, rawLength: number): void {
  const frameLength = rawLength + ADTS_HEADER_SIZE;
  if (frameLength > ADTS_MAX_FRAME_SIZE) throw new RangeError(`rawLength: expected at most ${ADTS_MAX_FRAME_SIZE - ADTS_HEADER_SIZE} bytes, got ${rawLength}`);
  target.set(template, offset);
  target[offset + 3] = (template[3] ?? 0) | ((frameLength >> 11) & 0x03);
  target[offset + 4] = (frameLength >> 3) & 0xff;
  target[offset + 5] = ((frameLength & 0x07) << 5) | 0x1f;
}

/** Wraps one raw AAC frame (FLV AACPacketType 1 body) in an ADTS header. */
export function toAdtsFrame(config: AacConfig, raw: Uint8Array): Uint8Array {
  const frame = new Uint8Array(ADTS_HEADER_SIZE + raw.length);
  writeAdtsHeader(frame, 0, adtsHeaderTemplate(config), raw.length);
  frame.set(raw, ADTS_HEADER_SIZE);
  return frame;
}
