import { readFile } from 'node:fs/promises';

/** One FLV tag: its body is exactly the payload of the RTMP message of the same type. */
export interface FlvTag {
  type: 'video' | 'audio' | 'script';
  /** Milliseconds (24-bit timestamp + 8-bit extension, as RTMP carries it). */
  timestampMs: number;
  payload: Uint8Array;
}

const FLV_SIGNATURE = 'FLV';
const TAG_HEADER_SIZE = 11;
const PREVIOUS_TAG_SIZE = 4;
const TAG_TYPES: Readonly<Record<number, FlvTag['type']>> = { 8: 'audio', 9: 'video', 18: 'script' };

/**
 * Splits FLV bytes (FLV spec v10.1 Annex E: header, then tags each followed by PreviousTagSize) into tags.
 * Throws when the signature is wrong or a tag runs past the end; unknown tag types are skipped.
 */
export function parseFlv(bytes: Uint8Array): FlvTag[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 9 || String.fromCharCode(...bytes.subarray(0, 3)) !== FLV_SIGNATURE) {
    throw new Error('flv: expected the "FLV" signature');
  }
  const tags: FlvTag[] = [];
  let offset = view.getUint32(5) + PREVIOUS_TAG_SIZE;
  while (offset + TAG_HEADER_SIZE <= bytes.length) {
    const typeByte = view.getUint8(offset) & 0x1f;
    const dataSize = view.getUint32(offset) & 0x00ffffff;
    const timestampMs = ((view.getUint8(offset + 7) << 24) | (view.getUint32(offset + 4) >>> 8)) >>> 0;
    const start = offset + TAG_HEADER_SIZE;
    if (start + dataSize > bytes.length) throw new Error(`flv: tag at offset ${offset} runs past the end of the file`);
    const type = TAG_TYPES[typeByte];
    if (type) tags.push({ type, timestampMs, payload: bytes.subarray(start, start + dataSize) });
    offset = start + dataSize + PREVIOUS_TAG_SIZE;
  }
  return tags;
}

/** Reads an FLV file into tags (see {@link parseFlv}). */
export async function readFlvFile(path: string): Promise<FlvTag[]> {
  return parseFlv(await readFile(path));
}
