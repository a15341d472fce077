import { ADTS_HEADER_SIZE, ADTS_MAX_FRAME_SIZE, writeAdtsHeader } from './adts';

/**
 * MPEG-TS (ISO/IEC 13818-1) writer for one HLS segment: PAT + PMT first, then H.264 and AAC PES packets cut into
 * 188-byte transport packets. Packets are written straight into preallocated blocks; the segment is joined once.
 * Timestamps come in as unwrapped 90 kHz ticks and are written modulo 2^33.
 */

export const TS_PACKET_SIZE = 188;
export const PMT_PID = 0x1000;
export const VIDEO_PID = 0x100;
export const AUDIO_PID = 0x101;

const PAYLOAD_SIZE = TS_PACKET_SIZE - 4;
const SYNC_BYTE = 0x47;
const STREAM_TYPE_H264 = 0x1b;
const STREAM_TYPE_AAC_ADTS = 0x0f;
const STREAM_ID_VIDEO = 0xe0;
const STREAM_ID_AUDIO = 0xc0;
const PTS_WRAP = 2 ** 33;
/** 1024 packets (192 KB): a 5 s segment at 2.5 Mbps needs about eight blocks. */
const BLOCK_PACKETS = 1024;
/** PCR runs this far behind video DTS, as ffmpeg's default mux delay, so buffered audio is never "late". */
const PCR_LAG_TICKS = 0.7 * 90_000;
/** Audio PES size limit: ffmpeg's default pes_payload_size. */
const AUDIO_PES_MAX_PAYLOAD = 2930;
/** Audio is flushed once it is this far behind the newest sample, well inside {@link PCR_LAG_TICKS}. */
const AUDIO_PES_MAX_DELAY_TICKS = 0.35 * 90_000;

/** Continuity counters per PID; one instance per publish session keeps counters continuous across segments. */
export class ContinuityCounters {
  private readonly counters = new Map<number, number>();

  /** Returns the counter for the next packet with payload on `pid`. */
  next(pid: number): number {
    const value = this.counters.get(pid) ?? 0;
    this.counters.set(pid, (value + 1) & 0x0f);
    return value;
  }
}

/** One H.264 access unit, already Annex-B, as byte views. Times in unwrapped 90 kHz ticks. */
export interface VideoAccessUnitInput {
  pts: number;
  dts: number;
  keyframe: boolean;
  parts: readonly Uint8Array[];
  size: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[i] = crc >>> 0;
  }
  return table;
})();

/** CRC-32/MPEG-2 of a PSI section. */
export function crc32Mpeg2(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  return crc;
}

/** A 188-byte PSI packet (pointer field + section + CRC + 0xFF fill) with continuity counter 0. */
function psiPacket(pid: number, section: number[]): Uint8Array {
  const packet = new Uint8Array(TS_PACKET_SIZE).fill(0xff);
  packet.set([SYNC_BYTE, 0x40 | (pid >> 8), pid & 0xff, 0x10, 0x00]);
  const body = Uint8Array.from(section);
  const crc = crc32Mpeg2(body);
  packet.set(body, 5);
  packet.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], 5 + body.length);
  return packet;
}

/** Section header fields shared by PAT and PMT: syntax indicator, length, id, version 0, current. */
function sectionHeader(tableId: number, bodyLength: number, id: number): number[] {
  const length = 5 + bodyLength + 4;
  return [tableId, 0xb0 | (length >> 8), length & 0xff, id >> 8, id & 0xff, 0xc1, 0x00, 0x00];
}

const PAT = psiPacket(0, [...sectionHeader(0x00, 4, 1), 0x00, 0x01, 0xe0 | (PMT_PID >> 8), PMT_PID & 0xff]);

function pmtPacket(withAudio: boolean): Uint8Array {
  const stream = (type: number, pid: number): number[] => [type, 0xe0 | (pid >> 8), pid & 0xff, 0xf0, 0x00];
  const streams = [...stream(STREAM_TYPE_H264, VIDEO_PID), ...(withAudio ? stream(STREAM_TYPE_AAC_ADTS, AUDIO_PID) : [])];
  const program = [0xe0 | (VIDEO_PID >> 8), VIDEO_PID & 0xff, 0xf0, 0x00, ...streams];
  return psiPacket(PMT_PID, [...sectionHeader(0x02, program.length, 1), ...program]);
}

const PMT_VIDEO_ONLY = pmtPacket(false);
const PMT_VIDEO_AUDIO = pmtPacket(true);

/** Writes a 5-byte PES timestamp with its 4-bit prefix and marker bits. */
function writeTimestamp(target: Uint8Array, offset: number, prefix: number, ticks: number): void {
  const value = ((ticks % PTS_WRAP) + PTS_WRAP) % PTS_WRAP;
  const high = Math.floor(value / 2 ** 30);
  const low = value % 2 ** 30;
  target[offset] = (prefix << 4) | (high << 1) | 1;
  target[offset + 1] = (low >>> 22) & 0xff;
  target[offset + 2] = (((low >>> 15) & 0x7f) << 1) | 1;
  target[offset + 3] = (low >>> 7) & 0xff;
  target[offset + 4] = ((low & 0x7f) << 1) | 1;
}

/** PES header: start code, stream id, length (0 = unbounded), flags and PTS[/DTS]. */
function pesHeader(streamId: number, payloadSize: number, pts: number, dts?: number): Uint8Array {
  const withDts = dts !== undefined && dts !== pts;
  const timestampBytes = withDts ? 10 : 5;
  const header = new Uint8Array(9 + timestampBytes);
  const pesLength = 3 + timestampBytes + payloadSize;
  // Video PES length is left 0 (allowed only for video in TS), as ffmpeg does: frames often exceed 64 KB.
  const boundedLength = streamId === STREAM_ID_VIDEO || pesLength > 0xffff ? 0 : pesLength;
  header.set([0x00, 0x00, 0x01, streamId, boundedLength >> 8, boundedLength & 0xff, 0x80, withDts ? 0xc0 : 0x80, timestampBytes]);
  writeTimestamp(header, 9, withDts ? 0x3 : 0x2, pts);
  if (withDts) writeTimestamp(header, 14, 0x1, dts);
  return header;
}

/** Transport-stream writer for one segment. Call {@link finish} once to get the bytes. */
export class TsSegmentMuxer {
  private readonly blocks: Uint8Array[] = [];
  private block: Uint8Array = Buffer.allocUnsafe(BLOCK_PACKETS * TS_PACKET_SIZE);
  private used = 0;
  private readonly audioBuffer = new Uint8Array(AUDIO_PES_MAX_PAYLOAD + ADTS_MAX_FRAME_SIZE);
  private audioBytes = 0;
  private audioFirstPts = 0;
  private withAudio: boolean;
  private finished = false;

  /**
   * Starts the segment with PAT and PMT. The PMT lists the AAC stream when `withAudio` is set, or once any audio is
   * written: the PMT packet is patched in place, so an AudioSpecificConfig arriving mid-segment loses no audio.
   */
  constructor(
    private readonly counters: ContinuityCounters,
    withAudio: boolean,
  ) {
    this.withAudio = withAudio;
    this.writePsi(PAT, 0);
    this.writePsi(withAudio ? PMT_VIDEO_AUDIO : PMT_VIDEO_ONLY, PMT_PID);
  }

  /** Bytes written so far (whole packets). */
  get byteLength(): number {
    return this.blocks.length * this.block.length + this.used;
  }

  /** Writes one H.264 access unit as a PES; the first packet carries the PCR and, on keyframes, random access. */
  writeVideo(unit: VideoAccessUnitInput): void {
    if (this.audioBytes > 0 && unit.dts - this.audioFirstPts >= AUDIO_PES_MAX_DELAY_TICKS) this.flushAudio();
    const header = pesHeader(STREAM_ID_VIDEO, unit.size, unit.pts, unit.dts);
    this.writePes(VIDEO_PID, [header, ...unit.parts], header.length + unit.size, unit.dts - PCR_LAG_TICKS, unit.keyframe);
  }

  /**
   * Queues one raw AAC frame as ADTS; frames are grouped into PES packets of up to 2930 bytes or 0.35 s.
   * `adtsHeader` is the session's template from {@link adtsHeaderTemplate}.
   */
  writeAudio(pts: number, adtsHeader: Uint8Array, raw: Uint8Array): void {
    if (!this.withAudio) this.listAudioInPmt();
    const frameSize = ADTS_HEADER_SIZE + raw.length;
    if (this.audioBytes > 0 && (this.audioBytes + frameSize > AUDIO_PES_MAX_PAYLOAD || pts - this.audioFirstPts >= AUDIO_PES_MAX_DELAY_TICKS)) {
      this.flushAudio();
    }
    if (this.audioBytes === 0) this.audioFirstPts = pts;
    writeAdtsHeader(this.audioBuffer, this.audioBytes, adtsHeader, raw.length);
    this.audioBuffer.set(raw, this.audioBytes + ADTS_HEADER_SIZE);
    this.audioBytes += frameSize;
  }

  /** Flushes queued audio and returns the complete segment. The muxer cannot be used afterwards. */
  finish(): Uint8Array {
    if (this.finished) throw new Error('finish: segment already finished');
    this.flushAudio();
    this.finished = true;
    const total = this.byteLength;
    const data = Buffer.allocUnsafe(total);
    let offset = 0;
    for (const block of this.blocks) {
      data.set(block, offset);
      offset += block.length;
    }
    data.set(this.block.subarray(0, this.used), offset);
    return data;
  }

  /** Rewrites the segment's PMT (always its second packet) to list the audio stream, keeping its counter. */
  private listAudioInPmt(): void {
    const firstBlock = this.blocks[0] ?? this.block;
    const counter = firstBlock[TS_PACKET_SIZE + 3] ?? 0x10;
    firstBlock.set(PMT_VIDEO_AUDIO, TS_PACKET_SIZE);
    firstBlock[TS_PACKET_SIZE + 3] = counter;
    this.withAudio = true;
  }

  private flushAudio(): void {
    if (this.audioBytes === 0) return;
    const payload = this.audioBuffer.subarray(0, this.audioBytes);
    const header = pesHeader(STREAM_ID_AUDIO, payload.length, this.audioFirstPts);
    this.writePes(AUDIO_PID, [header, payload], header.length + payload.length, undefined, false);
    this.audioBytes = 0;
  }

  /** Returns the offset of a fresh 188-byte packet in {@link block}. */
  private allocatePacket(): number {
    if (this.finished) throw new Error('write: segment already finished');
    if (this.used === this.block.length) {
      this.blocks.push(this.block);
      this.block = Buffer.allocUnsafe(BLOCK_PACKETS * TS_PACKET_SIZE);
      this.used = 0;
    }
    const offset = this.used;
    this.used += TS_PACKET_SIZE;
    return offset;
  }

  private writePsi(template: Uint8Array, pid: number): void {
    const offset = this.allocatePacket();
    this.block.set(template, offset);
    this.block[offset + 3] = 0x10 | this.counters.next(pid);
  }

  /**
   * Splits a PES into transport packets. The first packet may carry an adaptation field with PCR and
   * random_access_indicator; the last is padded with adaptation-field stuffing so the payload ends exactly.
   */
  private writePes(pid: number, parts: readonly Uint8Array[], totalSize: number, pcr: number | undefined, randomAccess: boolean): void {
    let remaining = totalSize;
    let partIndex = 0;
    let partOffset = 0;
    let first = true;
    while (remaining > 0) {
      const offset = this.allocatePacket();
      // Read after allocating: the packet may be the first of a new block.
      const block = this.block;
      // Adaptation field bytes after its length byte: flags + PCR on the first packet when needed.
      const withPcr = first && pcr !== undefined;
      let fieldLength = first && (withPcr || randomAccess) ? 1 + (withPcr ? 6 : 0) : -1;
      const room = PAYLOAD_SIZE - (fieldLength >= 0 ? 1 + fieldLength : 0);
      if (remaining < room) fieldLength = fieldLength >= 0 ? fieldLength + room - remaining : PAYLOAD_SIZE - remaining - 1;
      const payloadSize = PAYLOAD_SIZE - (fieldLength >= 0 ? 1 + fieldLength : 0);

      block[offset] = SYNC_BYTE;
      block[offset + 1] = (first ? 0x40 : 0x00) | ((pid >> 8) & 0x1f);
      block[offset + 2] = pid & 0xff;
      block[offset + 3] = (fieldLength >= 0 ? 0x30 : 0x10) | this.counters.next(pid);
      let cursor = offset + 4;
      if (fieldLength >= 0) {
        block[cursor++] = fieldLength;
        if (fieldLength > 0) {
          const flagsAt = cursor++;
          block[flagsAt] = (first && randomAccess ? 0x40 : 0x00) | (withPcr ? 0x10 : 0x00);
          if (withPcr) {
            writePcr(block, cursor, pcr);
            cursor += 6;
          }
          const stuffingEnd = offset + 4 + 1 + fieldLength;
          block.fill(0xff, cursor, stuffingEnd);
          cursor = stuffingEnd;
        }
      }

      // Copy the payload from the parts, one contiguous run at a time.
      let toCopy = payloadSize;
      while (toCopy > 0) {
        const part = parts[partIndex];
        if (!part) throw new Error('writePes: parts hold fewer bytes than totalSize');
        const run = Math.min(toCopy, part.length - partOffset);
        block.set(run === part.length ? part : part.subarray(partOffset, partOffset + run), cursor);
        cursor += run;
        toCopy -= run;
        partOffset += run;
        if (partOffset === part.length) {
          partIndex++;
          partOffset = 0;
        }
      }
      remaining -= payloadSize;
      first = false;
    }
  }
}

/** Writes a PCR: 33-bit base (90 kHz), 6 reserved bits, 9-bit extension 0. */
function writePcr(target: Uint8Array, offset: number, ticks: number): void {
  const base = ((Math.floor(ticks) % PTS_WRAP) + PTS_WRAP) % PTS_WRAP;
  target[offset] = Math.floor(base / 2 ** 25) & 0xff;
  target[offset + 1] = Math.floor(base / 2 ** 17) & 0xff;
  target[offset + 2] = Math.floor(base / 2 ** 9) & 0xff;
  target[offset + 3] = Math.floor(base / 2) & 0xff;
  target[offset + 4] = ((base & 1) << 7) | 0x7e;
  target[offset + 5] = 0x00;
}
