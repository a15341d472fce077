import { describe, expect, it } from 'vitest';

import {
  X264_DEFAULT_KEYINT,
  audioCodecOf,
  preflight,
  videoCodecOf,
  x264KeyintFrames,
} from '../../../electron/obs/preflight';
import type { EncoderProfile, PreflightCheckId, PreflightReport } from '../../../electron/obs/preflight';

/** What GetProfileParameter gives for a profile like the one the OBS test helper seeds. */
const simpleX264: EncoderProfile = {
  outputMode: 'Simple',
  simpleStreamEncoder: 'x264',
  simpleUseAdvanced: 'true',
  simpleX264Settings: 'keyint=60',
  simpleAudioEncoder: null,
  advancedEncoder: 'obs_x264',
  advancedAudioEncoder: null,
  fpsNumerator: 30,
  fpsDenominator: 1,
};

const check = (report: PreflightReport, id: PreflightCheckId): { ok: boolean | null; message: string } => {
  const found = report.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no ${id} check`);
  return found;
};

describe('videoCodecOf', () => {
  it.each([
    ['x264', 'H.264'],
    ['x264_lowcpu', 'H.264'],
    ['nvenc', 'H.264'],
    ['qsv', 'H.264'],
    ['amd', 'H.264'],
    ['apple_h264', 'H.264'],
    ['obs_x264', 'H.264'],
    ['jim_nvenc', 'H.264'],
    ['ffmpeg_nvenc', 'H.264'],
    ['obs_nvenc_h264_tex', 'H.264'],
    ['obs_qsv11_v2', 'H.264'],
    ['h264_texture_amf', 'H.264'],
    ['ffmpeg_vaapi', 'H.264'],
    ['com.apple.videotoolbox.videoencoder.ave.avc', 'H.264'],
    ['nvenc_hevc', 'HEVC'],
    ['amd_hevc', 'HEVC'],
    ['jim_hevc_nvenc', 'HEVC'],
    ['h265_texture_amf', 'HEVC'],
    ['com.apple.videotoolbox.videoencoder.ave.hevc', 'HEVC'],
    ['qsv_av1', 'AV1'],
    ['nvenc_av1', 'AV1'],
    ['ffmpeg_svt_av1', 'AV1'],
    ['obs_qsv11_av1', 'AV1'],
    ['some_future_encoder', 'unknown'],
  ])('%s produces %s', (id, codec) => {
    expect(videoCodecOf(id)).toBe(codec);
  });
});

describe('audioCodecOf', () => {
  it('tells AAC from Opus by id', () => {
    const aac = ['aac', 'ffmpeg_aac', 'CoreAudio_AAC', 'libfdk_aac'];
    expect(aac.map(audioCodecOf)).toEqual(aac.map(() => 'AAC'));
    expect(['opus', 'ffmpeg_opus'].map(audioCodecOf)).toEqual(['Opus', 'Opus']);
    expect(audioCodecOf('pcm')).toBe('unknown');
  });
});

describe('x264KeyintFrames', () => {
  it.each<[string, number | 'infinite' | null]>([
    ['keyint=60', 60],
    ['bframes=0 keyint=120 keyint=60', 60],
    ['keyint_max=90', 90],
    ['keyint-max=90 tune=zerolatency', 90],
    ['keyint=infinite', 'infinite'],
    ['keyint=60,bframes=0', 60],
    ['min-keyint=30', null],
    ['KEYINT=60', null],
    ['keyint=', null],
    ['keyint=abc', null],
    ['keyint 60', null],
    ['', null],
  ])('%j → %j', (settings, frames) => {
    expect(x264KeyintFrames(settings)).toBe(frames);
  });
});

describe('preflight', () => {
  it('passes the seeded test profile: x264, keyint 60 at 30 fps = 2 s, AAC', () => {
    const report = preflight(simpleX264, 2);
    expect(report).toMatchObject({
      outputMode: 'Simple',
      videoEncoder: 'x264',
      videoCodec: 'H.264',
      keyframeIntervalSeconds: 2,
      audioEncoder: 'aac',
      audioCodec: 'AAC',
      fps: 30,
    });
    expect(report.checks.map((entry) => entry.ok)).toEqual([true, true, true]);
  });

  it('flags a keyframe interval longer than FragDuration and says how to fix it in Simple mode', () => {
    const keyframes = check(preflight(simpleX264, 1), 'keyframe-interval');
    expect(keyframes.ok).toBe(false);
    expect(keyframes.message).toMatch(/2 s .* longer than the channel’s FragDuration of 1 s/);
    expect(keyframes.message).toMatch(/keyint=30/);
  });

  it('uses x264’s default 250 frames when the x264 options are off or set no keyint', () => {
    const ignored = preflight({ ...simpleX264, simpleUseAdvanced: 'false' }, 5);
    expect(ignored.keyframeIntervalSeconds).toBeCloseTo(X264_DEFAULT_KEYINT / 30);
    expect(check(ignored, 'keyframe-interval').ok).toBe(false);
    expect(check(ignored, 'keyframe-interval').message).toMatch(/default of 250 frames/);
    const unset = preflight({ ...simpleX264, simpleX264Settings: null, simpleStreamEncoder: null }, 10);
    expect(unset.videoEncoder).toBe('x264');
    expect(unset.keyframeIntervalSeconds).toBeCloseTo(250 / 30);
    expect(check(unset, 'keyframe-interval').ok).toBe(true);
  });

  it('allows one frame of slack at fractional frame rates', () => {
    const ntsc = { ...simpleX264, fpsNumerator: 30_000, fpsDenominator: 1001 };
    const report = preflight(ntsc, 2);
    expect(report.keyframeIntervalSeconds).toBeCloseTo(60 / (30_000 / 1001));
    expect(check(report, 'keyframe-interval').ok).toBe(true);
    expect(check(preflight({ ...ntsc, simpleX264Settings: 'keyint=62' }, 2), 'keyframe-interval').ok).toBe(false);
  });

  it('fails keyint=infinite', () => {
    const report = preflight({ ...simpleX264, simpleX264Settings: 'keyint=infinite' }, 10);
    expect(report.keyframeIntervalSeconds).toBe(Number.POSITIVE_INFINITY);
    expect(check(report, 'keyframe-interval')).toMatchObject({ ok: false, message: expect.stringMatching(/infinite/) });
  });

  it('cannot know the interval in Advanced mode or for a hardware encoder in Simple mode, and says so', () => {
    const advanced = preflight({ ...simpleX264, outputMode: 'Advanced', advancedEncoder: 'jim_nvenc' }, 2);
    expect(advanced).toMatchObject({
      outputMode: 'Advanced',
      videoEncoder: 'jim_nvenc',
      keyframeIntervalSeconds: null,
    });
    expect(check(advanced, 'keyframe-interval')).toMatchObject({
      ok: null,
      message: expect.stringMatching(/streamEncoder\.json.*Keyframe Interval to 2 s/s),
    });
    expect(advanced.audioEncoder).toBe('ffmpeg_aac');
    const nvenc = preflight({ ...simpleX264, simpleStreamEncoder: 'nvenc' }, 2);
    expect(check(nvenc, 'keyframe-interval').ok).toBeNull();
    expect(check(nvenc, 'video-codec').ok).toBe(true);
  });

  it('fails HEVC, AV1 and Opus, which OSS does not accept', () => {
    const hevc = preflight({ ...simpleX264, simpleStreamEncoder: 'nvenc_hevc' }, 2);
    expect(check(hevc, 'video-codec')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/HEVC.*H\.264 only/),
    });
    const av1 = preflight({ ...simpleX264, outputMode: 'Advanced', advancedEncoder: 'ffmpeg_svt_av1' }, 2);
    expect(check(av1, 'video-codec').ok).toBe(false);
    const opus = preflight({ ...simpleX264, simpleAudioEncoder: 'opus' }, 2);
    expect(check(opus, 'audio-codec')).toMatchObject({ ok: false, message: expect.stringMatching(/Opus.*AAC/) });
    expect(check(preflight({ ...simpleX264, simpleStreamEncoder: 'mystery' }, 2), 'video-codec').ok).toBeNull();
  });

  it('names the field of a bad FragDuration or frame rate', () => {
    expect(() => preflight(simpleX264, 0)).toThrow(/fragDuration/);
    expect(() => preflight(simpleX264, 2.5)).toThrow(/fragDuration/);
    expect(() => preflight({ ...simpleX264, fpsDenominator: 0 }, 2)).toThrow(/fps/);
  });
});
