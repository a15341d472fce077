/**
 * The timestamps of an MPEG-TS segment (ISO/IEC 13818-1): PES PTS/DTS and the adaptation field's PCR/OPCR, all on
 * the 90 kHz clock and 33 bits wide. The export reads them to see where a segment starts, and shifts them to splice
 * segments of different RTMP connections into one timeline. Nothing else in the packets changes.
 */

export const TICKS_PER_SECOND = 90_000;
/** PTS, DTS and PCR base wrap around at 2^33 ticks (~26.5 hours). */
export const TIMESTAMP_WRAP = 2 ** 33;

const PACKET_SIZE = 188;
const SYNC_BYTE = 0x47;
/** Stream ids whose PES packets have no optional header, hence no PTS/DTS (13818-1 table 2-21). */
const NO_PES_HEADER = new Set([0xbc, 0xbe, 0xbf, 0xf0, 0xf1, 0xf2, 0xf8, 0xff]);

type Field = { kind: 'clock'; at: number } | { kind: 'pes'; pts: number; dts?: number };

/** Byte offsets of every timestamp in `segment`. Packets without the sync byte are left alone. */
function* timestampFields(segment: Uint8Array): Generator<Field> {
  for (let packet = 0; packet + PACKET_SIZE <= segment.length; packet += PACKET_SIZE) {
    if (segment[packet] !== SYNC_BYTE) continue;
    const end = packet + PACKET_SIZE;
    const unitStart = ((segment[packet + 1] ?? 0) & 0x40) !== 0;
    const control = ((segment[packet + 3] ?? 0) >> 4) & 0x3;
    let payload = packet + 4;
    if (control & 0x2) {
      const fieldLength = segment[packet + 4] ?? 0;
      const flags = segment[packet + 5] ?? 0;
      let at = packet + 6;
      // PCR then OPCR, 6 bytes each, when flagged and inside the field.
      for (const flag of [0x10, 0x08]) {
        if (fieldLength > 0 && flags & flag && at + 6 <= packet + 5 + fieldLength) {
          yield { kind: 'clock', at };
          at += 6;
        }
      }
      payload = packet + 5 + fieldLength;
    }
    if (!(control & 0x1) || !unitStart || payload + 9 > end) continue;
    // A PES starts with 00 00 01 (PSI sections start with a pointer field and table id instead).
    if (segment[payload] !== 0 || segment[payload + 1] !== 0 || segment[payload + 2] !== 1) continue;
    if (NO_PES_HEADER.has(segment[payload + 3] ?? 0) || ((segment[payload + 6] ?? 0) & 0xc0) !== 0x80) continue;
    const timestamps = (segment[payload + 7] ?? 0) >> 6;
    if (timestamps & 0x2 && payload + 14 <= end) {
      yield timestamps === 0x3 && payload + 19 <= end ? { kind: 'pes', pts: payload + 9, dts: payload + 14 } : { kind: 'pes', pts: payload + 9 };
    }
  }
}

const byte = (bytes: Uint8Array, at: number): number => bytes[at] ?? 0;

/** A 33-bit PES timestamp: 3 + 15 + 15 bits between marker bits. */
function readPesTime(bytes: Uint8Array, at: number): number {
  const high = (byte(bytes, at) >> 1) & 0x07;
  const low = (byte(bytes, at + 1) << 22) | ((byte(bytes, at + 2) >> 1) << 15) | (byte(bytes, at + 3) << 7) | (byte(bytes, at + 4) >> 1);
  return high * 2 ** 30 + low;
}

function writePesTime(bytes: Uint8Array, at: number, value: number): void {
  const high = Math.floor(value / 2 ** 30);
  const low = value % 2 ** 30;
  bytes[at] = (byte(bytes, at) & 0xf0) | (high << 1) | 1; // keeps the '0010'/'0011'/'0001' prefix
  bytes[at + 1] = (low >>> 22) & 0xff;
  bytes[at + 2] = (((low >>> 15) & 0x7f) << 1) | 1;
  bytes[at + 3] = (low >>> 7) & 0xff;
  bytes[at + 4] = ((low & 0x7f) << 1) | 1;
}

/** The 33-bit base of a PCR/OPCR (its 9-bit 27 MHz extension is left as it is). */
function readClockBase(bytes: Uint8Array, at: number): number {
  return byte(bytes, at) * 2 ** 25 + ((byte(bytes, at + 1) << 17) | (byte(bytes, at + 2) << 9) | (byte(bytes, at + 3) << 1) | (byte(bytes, at + 4) >> 7));
}

function writeClockBase(bytes: Uint8Array, at: number, value: number): void {
  const low = value % 2 ** 25;
  bytes[at] = Math.floor(value / 2 ** 25) & 0xff;
  bytes[at + 1] = (low >>> 17) & 0xff;
  bytes[at + 2] = (low >>> 9) & 0xff;
  bytes[at + 3] = (low >>> 1) & 0xff;
  bytes[at + 4] = ((low & 1) << 7) | (byte(bytes, at + 4) & 0x7f);
}

/** `value` plus the multiple of 2^33 that brings it closest to `reference`. */
export function unwrapTimestamp(value: number, reference: number): number {
  return value + Math.round((reference - value) / TIMESTAMP_WRAP) * TIMESTAMP_WRAP;
}

export interface TimestampSpan {
  /** Earliest decode time (DTS, or PTS when a PES has no DTS), in 90 kHz ticks. */
  first: number;
  /** Latest decode time, unwrapped relative to `first` (so a wrap inside the segment still gives last > first). */
  last: number;
}

/** Where the segment's samples start and end on its own clock; undefined when it holds no timed PES. */
export function timestampSpan(segment: Uint8Array): TimestampSpan | undefined {
  let span: TimestampSpan | undefined;
  let previous: number | undefined;
  for (const field of timestampFields(segment)) {
    if (field.kind !== 'pes') continue;
    const raw = readPesTime(segment, field.dts ?? field.pts);
    const time = previous === undefined ? raw : unwrapTimestamp(raw, previous);
    previous = time;
    span = span ? { first: Math.min(span.first, time), last: Math.max(span.last, time) } : { first: time, last: time };
  }
  return span;
}

/** A copy of `segment` with every PTS, DTS, PCR and OPCR moved by `offset` ticks (modulo 2^33). */
export function shiftTimestamps(segment: Uint8Array, offset: number): Uint8Array {
  // new Uint8Array copies (Buffer#slice would not: it returns a view on the same memory).
  const shifted = new Uint8Array(segment);
  const delta = ((offset % TIMESTAMP_WRAP) + TIMESTAMP_WRAP) % TIMESTAMP_WRAP;
  if (delta === 0) return shifted;
  for (const field of timestampFields(segment)) {
    if (field.kind === 'clock') {
      writeClockBase(shifted, field.at, (readClockBase(segment, field.at) + delta) % TIMESTAMP_WRAP);
      continue;
    }
    for (const at of field.dts === undefined ? [field.pts] : [field.pts, field.dts]) {
      writePesTime(shifted, at, (readPesTime(segment, at) + delta) % TIMESTAMP_WRAP);
    }
  }
  return shifted;
}
