/**
 * MPEG-TS segments with known timestamps for the clip tests, written by the emulator's own TS muxer (the writer that
 * produces every segment the embedded emulator stores).
 */
import { adtsHeaderTemplate } from '../../../emulator/media/adts';
import { ContinuityCounters, TsSegmentMuxer } from '../../../emulator/media/mpegts-muxer';

export interface SegmentPlan {
  /** First video DTS (90 kHz, may exceed 2^33: the muxer writes modulo 2^33). */
  start: number;
  frames: number;
  /** Ticks between frames (3600 = 25 fps). */
  frameTicks?: number;
  /** PTS − DTS of every frame (B-frame reordering delay). */
  ptsDelay?: number;
  /** Also write one AAC frame per video frame, at the frame's DTS. */
  audio?: boolean;
}

const FAKE_NAL = Uint8Array.from([0, 0, 0, 1, 0x65, 0x88, 0x84, 0x00, 0x33]);
const ADTS = adtsHeaderTemplate({ objectType: 2, frequencyIndex: 4, sampleRate: 44_100, channelConfiguration: 2 });

/** One segment per plan; continuity counters carry over, as in one publish session. */
export function tsSegment(plan: SegmentPlan, counters = new ContinuityCounters()): Uint8Array {
  const muxer = new TsSegmentMuxer(counters, plan.audio ?? false);
  const step = plan.frameTicks ?? 3600;
  for (let frame = 0; frame < plan.frames; frame++) {
    const dts = plan.start + frame * step;
    muxer.writeVideo({ dts, pts: dts + (plan.ptsDelay ?? 0), keyframe: frame === 0, parts: [FAKE_NAL], size: FAKE_NAL.length });
    if (plan.audio) muxer.writeAudio(dts, ADTS, new Uint8Array(20));
  }
  return muxer.finish();
}
