/**
 * Transport-stream structure, read back with a small independent packet reader: sync bytes, continuity counters
 * across segments, PSI CRCs, PCR and random access on video, exact PES reassembly over every stuffing edge case.
 */
import { describe, expect, it } from 'vitest';
import { adtsHeaderTemplate } from '../../../../emulator/media/adts';
import { AUDIO_PID, ContinuityCounters, PMT_PID, TS_PACKET_SIZE, TsSegmentMuxer, VIDEO_PID, crc32Mpeg2 } from '../../../../emulator/media/mpegts-muxer';

interface Packet {
  pid: number;
  unitStart: boolean;
  continuity: number;
  hasPayload: boolean;
  randomAccess: boolean;
  pcr?: number;
  payload: Uint8Array;
}

function readPackets(ts: Uint8Array): Packet[] {
  expect(ts.length % TS_PACKET_SIZE).toBe(0);
  const packets: Packet[] = [];
  for (let offset = 0; offset < ts.length; offset += TS_PACKET_SIZE) {
    const p = ts.subarray(offset, offset + TS_PACKET_SIZE);
    expect(p[0]).toBe(0x47);
    const b1 = p[1] ?? 0;
    const b3 = p[3] ?? 0;
    const hasAdaptation = (b3 & 0x20) !== 0;
    let payloadStart = 4;
    let randomAccess = false;
    let pcr: number | undefined;
    if (hasAdaptation) {
      const length = p[4] ?? 0;
      if (length > 0) {
        const flags = p[5] ?? 0;
        randomAccess = (flags & 0x40) !== 0;
        if (flags & 0x10) {
          pcr = (p[6] ?? 0) * 2 ** 25 + (p[7] ?? 0) * 2 ** 17 + (p[8] ?? 0) * 2 ** 9 + (p[9] ?? 0) * 2 + ((p[10] ?? 0) >> 7);
        }
      }
      payloadStart = 5 + length;
    }
    packets.push({
      pid: ((b1 & 0x1f) << 8) | (p[2] ?? 0),
      unitStart: (b1 & 0x40) !== 0,
      continuity: b3 & 0x0f,
      hasPayload: (b3 & 0x10) !== 0,
      randomAccess,
      ...(pcr === undefined ? {} : { pcr }),
      payload: p.subarray(payloadStart),
    });
  }
  return packets;
}

/** Joins the payloads of each PES (from one unit start to the next) on `pid`. */
function reassemble(packets: readonly Packet[], pid: number): Uint8Array[] {
  const units: number[][] = [];
  for (const packet of packets.filter((candidate) => candidate.pid === pid)) {
    if (packet.unitStart) units.push([]);
    units.at(-1)?.push(...packet.payload);
  }
  return units.map((unit) => Uint8Array.from(unit));
}

function readPts(pes: Uint8Array, at: number): number {
  const b = (i: number): number => pes[at + i] ?? 0;
  return ((b(0) >> 1) & 0x07) * 2 ** 30 + b(1) * 2 ** 22 + (b(2) >> 1) * 2 ** 15 + b(3) * 2 ** 7 + (b(4) >> 1);
}

/** Deterministic bytes so a mismatch points at an offset. */
const pattern = (length: number, seed: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe('TsSegmentMuxer', () => {
  it('starts with PAT and PMT whose CRC-32/MPEG-2 verifies, listing audio only when asked', () => {
    for (const withAudio of [false, true]) {
      const packets = readPackets(new TsSegmentMuxer(new ContinuityCounters(), withAudio).finish());
      expect(packets.map((packet) => packet.pid)).toEqual([0, PMT_PID]);
      for (const packet of packets) {
        const sectionLength = (((packet.payload[2] ?? 0) & 0x0f) << 8) | (packet.payload[3] ?? 0);
        const section = packet.payload.subarray(1, 4 + sectionLength);
        // A CRC over a section including its own CRC is 0.
        expect(crc32Mpeg2(section)).toBe(0);
      }
      const pmt = packets[1]?.payload ?? new Uint8Array();
      const streamTypes = pmt.length > 13 ? [pmt[13], ...(withAudio ? [pmt[18]] : [])] : [];
      expect(streamTypes).toEqual(withAudio ? [0x1b, 0x0f] : [0x1b]);
    }
  });

  it('lists audio in the PMT once audio is written into a segment started without it', () => {
    const muxer = new TsSegmentMuxer(new ContinuityCounters(), false);
    for (let frame = 0; frame < 2_000; frame++) {
      muxer.writeVideo({ pts: frame * 3000, dts: frame * 3000, keyframe: frame === 0, parts: [pattern(100, frame)], size: 100 });
    }
    const header = adtsHeaderTemplate({ objectType: 2, frequencyIndex: 3, sampleRate: 48000, channelConfiguration: 2 });
    muxer.writeAudio(6_000_000, header, pattern(300, 1));
    const packets = readPackets(muxer.finish());
    const pmt = packets[1];
    expect(pmt?.pid).toBe(PMT_PID);
    const sectionLength = (((pmt?.payload[2] ?? 0) & 0x0f) << 8) | (pmt?.payload[3] ?? 0);
    expect(crc32Mpeg2(pmt?.payload.subarray(1, 4 + sectionLength) ?? new Uint8Array())).toBe(0);
    expect([pmt?.payload[13], pmt?.payload[18]]).toEqual([0x1b, 0x0f]);
    expect(reassemble(packets, AUDIO_PID)).toHaveLength(1);
  });

  it('reassembles PES byte-exact for every payload size around the stuffing edge cases', () => {
    // Sizes around one packet (184/183/182 payload bytes, 176 with PCR) and a few packets.
    const sizes = [1, 2, 100, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 174, 175, 176, 177, 178, 182, 183, 184, 185, 350, 351, 352, 353, 360, 361, 362, 368, 369, 370, 5000];
    const muxer = new TsSegmentMuxer(new ContinuityCounters(), false);
    const inputs = sizes.map((size, index) => {
      const [first, second] = [Math.ceil(size / 3), Math.floor(size / 3)];
      const parts = [pattern(first, index), pattern(second, index + 1), pattern(size - first - second, index + 2)];
      muxer.writeVideo({ pts: 900_000 + index * 3000, dts: 900_000 + index * 3000, keyframe: index % 2 === 0, parts, size });
      return Uint8Array.from(parts.flatMap((part) => [...part]));
    });
    const packets = readPackets(muxer.finish());
    const pes = reassemble(packets, VIDEO_PID);
    expect(pes).toHaveLength(sizes.length);
    pes.forEach((unit, index) => {
      const headerLength = 9 + (unit[8] ?? 0);
      expect([...unit.subarray(0, 4)]).toEqual([0, 0, 1, 0xe0]);
      expect(readPts(unit, 9)).toBe(900_000 + index * 3000);
      expect(unit.subarray(headerLength)).toEqual(inputs[index]);
    });
    // Every PES's first packet carries a PCR; random access marks exactly the keyframes.
    const firsts = packets.filter((packet) => packet.pid === VIDEO_PID && packet.unitStart);
    expect(firsts.every((packet) => packet.pcr !== undefined)).toBe(true);
    expect(firsts.map((packet) => packet.randomAccess)).toEqual(sizes.map((_, index) => index % 2 === 0));
    const pcrs = firsts.map((packet) => packet.pcr ?? 0);
    expect(pcrs.every((pcr, index) => pcr <= 900_000 + index * 3000 && (index === 0 || pcr > (pcrs[index - 1] ?? 0)))).toBe(true);
  });

  it('writes PTS and DTS separately for B-frames, modulo 2^33', () => {
    const muxer = new TsSegmentMuxer(new ContinuityCounters(), false);
    const dts = 2 ** 33 + 12_345;
    muxer.writeVideo({ pts: dts + 6000, dts, keyframe: true, parts: [pattern(10, 1)], size: 10 });
    const [pes] = reassemble(readPackets(muxer.finish()), VIDEO_PID);
    expect(pes?.[7]).toBe(0xc0);
    expect(pes ? [readPts(pes, 9), readPts(pes, 14)] : []).toEqual([12_345 + 6000, 12_345]);
  });

  it('groups ADTS frames into bounded audio PES with a length and the first frame PTS', () => {
    const muxer = new TsSegmentMuxer(new ContinuityCounters(), true);
    const header = adtsHeaderTemplate({ objectType: 2, frequencyIndex: 3, sampleRate: 48000, channelConfiguration: 2 });
    const frames = Array.from({ length: 40 }, (_, index) => pattern(200 + index, index));
    frames.forEach((frame, index) => muxer.writeAudio(180_000 + index * 1920, header, frame));
    const pes = reassemble(readPackets(muxer.finish()), AUDIO_PID);
    expect(pes.length).toBeGreaterThan(1);
    let next = 0;
    for (const unit of pes) {
      const declared = ((unit[4] ?? 0) << 8) | (unit[5] ?? 0);
      expect(declared).toBe(unit.length - 6);
      expect(readPts(unit, 9)).toBe(180_000 + next * 1920);
      // Walk the ADTS frames inside: each header's frame_length leads to the next sync word.
      let offset = 14;
      while (offset < unit.length) {
        const frameLength = (((unit[offset + 3] ?? 0) & 0x03) << 11) | ((unit[offset + 4] ?? 0) << 3) | ((unit[offset + 5] ?? 0) >> 5);
        expect([unit[offset], (unit[offset + 1] ?? 0) & 0xf0]).toEqual([0xff, 0xf0]);
        expect(unit.subarray(offset + 7, offset + frameLength)).toEqual(frames[next]);
        offset += frameLength;
        next++;
      }
      expect(unit.length - 14).toBeLessThanOrEqual(2930);
    }
    expect(next).toBe(frames.length);
  });

  it('keeps continuity counters running across segments of one session', () => {
    const counters = new ContinuityCounters();
    const segments = [0, 1, 2].map((segmentIndex) => {
      const muxer = new TsSegmentMuxer(counters, false);
      for (let frame = 0; frame < 7; frame++) {
        const size = 300 + frame * 97;
        muxer.writeVideo({ pts: (segmentIndex * 7 + frame) * 3000, dts: (segmentIndex * 7 + frame) * 3000, keyframe: frame === 0, parts: [pattern(size, frame)], size });
      }
      return muxer.finish();
    });
    const packets = segments.flatMap(readPackets);
    for (const pid of [0, PMT_PID, VIDEO_PID]) {
      const counts = packets.filter((packet) => packet.pid === pid && packet.hasPayload).map((packet) => packet.continuity);
      expect(counts.length).toBeGreaterThan(2);
      expect(counts).toEqual(counts.map((_, index) => index % 16));
    }
  });
});
