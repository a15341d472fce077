/**
 * Real mux.js boxes for the MP4 unit tests, built with mux.js's own box writers from plain track descriptions
 * (the same writers its Transmuxer uses on live media).
 */
import muxjs from 'mux.js';
import type { GeneratorTrack } from 'mux.js';

/** H.264 320x180 (the SPS/PPS ffmpeg's libx264 writes for the test pattern) with track id 1. */
export const videoTrack = (extra: Partial<GeneratorTrack> = {}): GeneratorTrack => ({
  id: 1,
  type: 'video',
  width: 320,
  height: 180,
  profileIdc: 66,
  levelIdc: 13,
  profileCompatibility: 192,
  sps: [Uint8Array.from([0x67, 0x42, 0xc0, 0x0d, 0xd9, 0x01, 0x41, 0xfb, 0x01, 0x10, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0x20, 0xf1, 0x42, 0xa4, 0x80])],
  pps: [Uint8Array.from([0x68, 0xcb, 0x83, 0xcb, 0x20])],
  ...extra,
});

/** AAC-LC 44.1 kHz stereo with track id 2. */
export const audioTrack = (extra: Partial<GeneratorTrack> = {}): GeneratorTrack => ({
  id: 2,
  type: 'audio',
  samplerate: 44_100,
  channelcount: 2,
  audioobjecttype: 2,
  samplingfrequencyindex: 4,
  samplesize: 16,
  ...extra,
});

export const { generator } = muxjs.mp4;

/** Uniform video samples: `count` of `duration` ticks each, 100 bytes, the first a keyframe, as mux.js writes them. */
export function samples(count: number, duration: number): NonNullable<GeneratorTrack['samples']> {
  return Array.from({ length: count }, (_, index) => ({
    duration,
    size: 100,
    compositionTimeOffset: 0,
    flags: { isLeading: 0, dependsOn: index === 0 ? 2 : 1, isDependedOn: 0, hasRedundancy: 0, paddingValue: 0, isNonSyncSample: index === 0 ? 0 : 1, degradationPriority: 0 },
  }));
}

/** Audio samples as mux.js describes them: duration and size only (its audio trun has no flags or offsets). */
export function audioSamples(count: number, duration: number): NonNullable<GeneratorTrack['samples']> {
  return Array.from({ length: count }, () => ({ duration, size: 20 }));
}
