import { describe, expect, it } from 'vitest';

import { trackEnds } from '../../../electron/clips/fragment-timing';
import { writeBox } from '../../../electron/clips/iso-bmff';
import { audioSamples, audioTrack, generator, samples, videoTrack } from './mux-fixtures';

const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

describe('trackEnds', () => {
  it('adds the trun sample durations to tfdt, per track, as mux.js writes its fragments', () => {
    const video = videoTrack({ baseMediaDecodeTime: 180_000, samples: samples(25, 3600) });
    const audio = audioTrack({ baseMediaDecodeTime: 88_200, samples: audioSamples(43, 1024) });
    const fragments = concat(generator.moof(1, [audio]), generator.mdat(new Uint8Array(8)), generator.moof(2, [video]), generator.mdat(new Uint8Array(8)));
    expect(trackEnds(fragments)).toEqual(new Map([[2, 88_200 + 43 * 1024], [1, 180_000 + 25 * 3600]]));
  });

  it('keeps the furthest end when a track has several fragments, and reads 64-bit decode times', () => {
    const late = 2 ** 33 + 7; // past 32 bits: a long clip on a 90 kHz clock
    const fragments = concat(
      generator.moof(1, [videoTrack({ baseMediaDecodeTime: late, samples: samples(2, 3000) })]),
      generator.moof(2, [videoTrack({ baseMediaDecodeTime: 0, samples: samples(1, 3000) })]),
    );
    expect(trackEnds(fragments).get(1)).toBe(late + 6000);
  });

  it("uses tfhd's default sample duration when the trun carries none", () => {
    const tfhd = writeBox('tfhd', Uint8Array.from([0, 0, 0, 0x08, 0, 0, 0, 3, 0, 0, 0x04, 0x00])); // track 3, default 1024
    const tfdt = writeBox('tfdt', Uint8Array.from([0, 0, 0, 0, 0, 0, 0x10, 0x00])); // version 0: 4096
    const trun = writeBox('trun', Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 5])); // 5 samples, no per-sample fields
    const moof = writeBox('moof', writeBox('mfhd', new Uint8Array(8)), writeBox('traf', tfhd, tfdt, trun));
    expect(trackEnds(moof)).toEqual(new Map([[3, 4096 + 5 * 1024]]));
  });

  it('ignores boxes other than moof, and refuses a trun shorter than its sample count', () => {
    expect(trackEnds(generator.mdat(new Uint8Array(16)))).toEqual(new Map());
    const tfhd = writeBox('tfhd', Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]));
    const tfdt = writeBox('tfdt', new Uint8Array(8));
    const trun = writeBox('trun', Uint8Array.from([0, 0, 0x01, 0, 0, 0, 0, 9, 0, 0, 0, 1])); // claims 9 durations, holds 1
    expect(() => trackEnds(writeBox('moof', writeBox('traf', tfhd, tfdt, trun)))).toThrow(/trun lists 9 samples/);
  });
});
