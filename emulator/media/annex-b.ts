/**
 * AVCC (length-prefixed NAL units, as FLV/RTMP carry H.264) → Annex-B (start-code delimited, as MPEG-TS carries it).
 * The access unit becomes a list of byte views to copy, so NAL data is copied once: straight into TS packets.
 */

/** The NAL units of one access unit, validated, as views into the payload. */
export interface AvccAccessUnit {
  nalUnits: Uint8Array[];
  hasSps: boolean;
  hasIdr: boolean;
  startsWithAud: boolean;
}

export interface AnnexBAccessUnit {
  parts: Uint8Array[];
  /** Total bytes over all parts. */
  size: number;
}

const NAL_IDR = 5;
const NAL_SPS = 7;
const NAL_AUD = 9;
const START_CODE = Uint8Array.of(0, 0, 0, 1);
/** Access unit delimiter, primary_pic_type 7 ("any slice type"), as ffmpeg's h264_mp4toannexb + mpegts write it. */
const AUD = Uint8Array.of(0, 0, 0, 1, NAL_AUD, 0xf0);

function readLength(data: Uint8Array, offset: number, size: number): number {
  let length = 0;
  for (let i = 0; i < size; i++) length = length * 256 + (data[offset + i] ?? 0);
  return length;
}

/**
 * Splits an AVCC access unit into its NAL units. Returns a reason string when a length prefix runs past the
 * payload or there is no NAL unit at all, so a broken frame is dropped before it touches any state.
 */
export function splitAvcc(data: Uint8Array, nalLengthSize: number): AvccAccessUnit | string {
  const nalUnits: Uint8Array[] = [];
  let hasSps = false;
  let hasIdr = false;
  let startsWithAud = false;
  let offset = 0;
  while (offset < data.length) {
    if (offset + nalLengthSize > data.length) return `NAL unit length: expected ${nalLengthSize} bytes at offset ${offset}, payload ends`;
    const length = readLength(data, offset, nalLengthSize);
    offset += nalLengthSize;
    if (offset + length > data.length) {
      return `NAL unit length: ${length} bytes at offset ${offset} runs past the ${data.length}-byte payload`;
    }
    if (length > 0) {
      const unit = data.subarray(offset, offset + length);
      const type = (unit[0] ?? 0) & 0x1f;
      if (type === NAL_SPS) hasSps = true;
      else if (type === NAL_IDR) hasIdr = true;
      else if (type === NAL_AUD && nalUnits.length === 0) startsWithAud = true;
      nalUnits.push(unit);
    }
    offset += length;
  }
  if (nalUnits.length === (startsWithAud ? 1 : 0)) return 'access unit: no NAL units besides a delimiter';
  return { nalUnits, hasSps, hasIdr, startsWithAud };
}

/**
 * Lays out an access unit as Annex-B. An AUD goes first (MPEG-TS requires one per H.264 access unit);
 * `parameterSets` (SPS then PPS NAL units) follow it unless the access unit carries its own SPS, so a decoder
 * can start at this frame.
 */
export function toAnnexB(unit: AvccAccessUnit, parameterSets?: readonly Uint8Array[]): AnnexBAccessUnit {
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (part: Uint8Array): void => {
    parts.push(part);
    size += part.length;
  };
  const [first, ...rest] = unit.nalUnits;
  const body = unit.startsWithAud ? rest : unit.nalUnits;
  if (unit.startsWithAud && first) {
    push(START_CODE);
    push(first);
  } else {
    push(AUD);
  }
  if (parameterSets && !unit.hasSps) {
    for (const parameterSet of parameterSets) {
      push(START_CODE);
      push(parameterSet);
    }
  }
  for (const nalUnit of body) {
    push(START_CODE);
    push(nalUnit);
  }
  return { parts, size };
}
