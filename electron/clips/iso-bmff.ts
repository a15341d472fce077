/**
 * ISO base media file format (ISO/IEC 14496-12) boxes, as far as the MP4 export needs them: walk the boxes of a byte
 * range and write a box around a payload. A box is `size (u32) | type (4 ASCII) | payload`; size 1 means a 64-bit
 * size follows the type, size 0 means "up to the end of the enclosing range".
 */

export interface Box {
  type: string;
  /** Offset of the box's first byte (its size field). */
  start: number;
  /** Offset of the payload: after size, type and any 64-bit size. */
  payloadStart: number;
  /** Offset just past the box. */
  end: number;
}

export const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const typeName = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));

/** The boxes that tile `bytes[start, end)`, in order. Throws when a size does not fit the range. */
export function* readBoxes(bytes: Uint8Array, start = 0, end = bytes.length): Generator<Box> {
  const view = viewOf(bytes);
  let offset = start;
  while (offset < end) {
    if (end - offset < 8) throw new Error(`MP4: ${end - offset} stray bytes at offset ${offset} (a box header needs 8)`);
    const type = typeName(bytes, offset + 4);
    let size = view.getUint32(offset);
    let header = 8;
    if (size === 1) {
      if (end - offset < 16) throw new Error(`MP4: box '${type}' at ${offset} is cut short in its 64-bit size`);
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) throw new Error(`MP4: box '${type}' at ${offset} claims ${size} bytes; only ${end - offset} remain`);
    yield { type, start: offset, payloadStart: offset + header, end: offset + size };
    offset += size;
  }
}

/** The children of a container box (moov, trak, mdia, mvex, moof, traf…). */
export const childBoxes = (bytes: Uint8Array, parent: Box): Box[] => [...readBoxes(bytes, parent.payloadStart, parent.end)];

/** The first box of `type` directly inside `bytes[start, end)`. */
export function findBox(bytes: Uint8Array, type: string, start = 0, end = bytes.length): Box | undefined {
  for (const box of readBoxes(bytes, start, end)) if (box.type === type) return box;
  return undefined;
}

/** A payload view of `box`. */
export const payloadOf = (bytes: Uint8Array, box: Box): Uint8Array => bytes.subarray(box.payloadStart, box.end);

/** `size | type | payload…`, with a 32-bit size (init segments and fragments stay far below 4 GiB). */
export function writeBox(type: string, ...payload: Uint8Array[]): Uint8Array {
  if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`MP4: box type must be 4 printable ASCII characters (got '${type}')`);
  const size = 8 + payload.reduce((sum, part) => sum + part.byteLength, 0);
  if (size > 0xffff_ffff) throw new Error(`MP4: box '${type}' of ${size} bytes needs a 64-bit size`);
  const out = new Uint8Array(size);
  viewOf(out).setUint32(0, size);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  let offset = 8;
  for (const part of payload) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** Reads an unsigned big-endian integer of 4 or 8 bytes (8-byte values above 2^53 lose precision). */
export function readUint(bytes: Uint8Array, at: number, width: 4 | 8): number {
  const view = viewOf(bytes);
  return width === 4 ? view.getUint32(at) : Number(view.getBigUint64(at));
}
