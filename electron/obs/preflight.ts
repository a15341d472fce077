/**
 * Encoder preflight: does OBS's profile produce what an OSS LiveChannel can segment well? OSS accepts H.264 + AAC
 * only, and it cuts an HLS segment at the first keyframe after FragDuration, so the keyframe interval must not exceed
 * FragDuration (with no keyframe for max(2×FragDuration, 60 s) it forces a cut, and playback stutters).
 *
 * Everything here is pure, over values read with GetProfileParameter and GetVideoSettings. What OBS 29 actually does
 * (obs-studio UI/window-basic-main-outputs.cpp, plugins/obs-x264/obs-x264.c):
 * - Simple output mode: `SimpleOutput::Update()` sets bitrate, rate control and, only when `UseAdvanced` is on,
 *   the preset and `x264opts` (= the profile's `x264Settings`). It never sets `keyint_sec`, so obs_x264 keeps its
 *   default 0 = x264's own default keyint of 250 frames, unless the x264 options contain `keyint=N` (applied last,
 *   through x264_param_parse). A `rtmp_common` service may add its recommended keyint, but the app streams through
 *   `rtmp_custom`, which adds none.
 * - Advanced output mode: the encoder's settings (keyframe interval included) live in the profile's
 *   streamEncoder.json, which obs-websocket cannot read.
 */

import type { LocalizedText } from '../../shared/messages';
import { msg, renderMessage } from '../../shared/messages';

export type OutputMode = 'Simple' | 'Advanced';
export type VideoCodec = 'H.264' | 'HEVC' | 'AV1' | 'unknown';
export type AudioCodec = 'AAC' | 'Opus' | 'unknown';

/** Profile values (each the value or OBS's default, null when neither exists) and the canvas frame rate. */
export interface EncoderProfile {
  outputMode: string | null;
  simpleStreamEncoder: string | null;
  simpleUseAdvanced: string | null;
  simpleX264Settings: string | null;
  /** OBS 30+ (Opus in Simple mode); absent in OBS 29, which streams AAC. */
  simpleAudioEncoder: string | null;
  advancedEncoder: string | null;
  /** OBS 30+; absent in OBS 29, which streams AAC. */
  advancedAudioEncoder: string | null;
  fpsNumerator: number;
  fpsDenominator: number;
}

/** Where each {@link EncoderProfile} field lives in the profile's basic.ini: [category, name]. */
export const PROFILE_PARAMETERS = {
  outputMode: ['Output', 'Mode'],
  simpleStreamEncoder: ['SimpleOutput', 'StreamEncoder'],
  simpleUseAdvanced: ['SimpleOutput', 'UseAdvanced'],
  simpleX264Settings: ['SimpleOutput', 'x264Settings'],
  simpleAudioEncoder: ['SimpleOutput', 'StreamAudioEncoder'],
  advancedEncoder: ['AdvOut', 'Encoder'],
  advancedAudioEncoder: ['AdvOut', 'AudioEncoder'],
} as const satisfies Record<string, readonly [string, string]>;

export type PreflightCheckId = 'video-codec' | 'keyframe-interval' | 'audio-codec';

export interface PreflightCheck {
  id: PreflightCheckId;
  /** true: fine; false: will cause trouble; null: cannot be checked from here (the message says what to check). */
  ok: boolean | null;
  /** English; rendered from `text`. */
  message: string;
  text: LocalizedText;
}

const check = (id: PreflightCheckId, ok: boolean | null, text: LocalizedText): PreflightCheck => ({ id, ok, message: renderMessage(text), text });

export interface PreflightReport {
  outputMode: OutputMode;
  /** Encoder id as the profile names it (Simple mode: `x264`, `nvenc`, …; Advanced: `obs_x264`, `jim_nvenc`, …). */
  videoEncoder: string;
  videoCodec: VideoCodec;
  /** Null when it cannot be known through obs-websocket (Advanced mode, hardware encoders in Simple mode). */
  keyframeIntervalSeconds: number | null;
  audioEncoder: string;
  audioCodec: AudioCodec;
  fps: number;
  checks: PreflightCheck[];
}

/** x264's default maximum keyframe interval in frames (x264_param_default: i_keyint_max = 250). */
export const X264_DEFAULT_KEYINT = 250;

/** Encoder ids whose names do not say their codec; all of them are H.264. */
const H264_WITHOUT_MARKER = new Set([
  'qsv',
  'nvenc',
  'amd',
  'jim_nvenc',
  'ffmpeg_nvenc',
  'obs_qsv11',
  'obs_qsv11_v2',
  'obs_qsv11_soft',
  'obs_qsv11_soft_v2',
  'ffmpeg_vaapi',
  'ffmpeg_vaapi_tex',
  'com.apple.videotoolbox.videoencoder.ave.avc',
]);

/** The codec family an OBS video encoder id produces (Simple-mode ids and Advanced-mode encoder ids alike). */
export function videoCodecOf(encoderId: string): VideoCodec {
  const id = encoderId.toLowerCase();
  if (H264_WITHOUT_MARKER.has(id)) return 'H.264';
  if (/av1/.test(id)) return 'AV1';
  if (/hevc|265/.test(id)) return 'HEVC';
  if (/264|avc/.test(id)) return 'H.264';
  return 'unknown';
}

/** The codec family an OBS audio encoder id produces (`aac`, `ffmpeg_aac`, `CoreAudio_AAC`, `opus`, …). */
export function audioCodecOf(encoderId: string): AudioCodec {
  if (/aac/i.test(encoderId)) return 'AAC';
  if (/opus/i.test(encoderId)) return 'Opus';
  return 'unknown';
}

/**
 * The keyframe interval an x264 options string sets, in frames: the last `keyint=` (or `keyint-max=`/`keyint_max=`)
 * wins, as OBS applies options in order. 'infinite' for `keyint=infinite`, null when none is set. Options are
 * separated by single spaces and need `name=value`, as OBS's option parser splits them; like x264's atoi, a value is
 * read up to its first non-digit.
 */
export function x264KeyintFrames(x264Settings: string): number | 'infinite' | null {
  let keyint: number | 'infinite' | null = null;
  for (const word of x264Settings.split(' ')) {
    const assign = word.indexOf('=');
    if (assign <= 0) continue;
    const name = word.slice(0, assign).replaceAll('_', '-');
    const value = word.slice(assign + 1);
    if (name !== 'keyint' && name !== 'keyint-max') continue;
    if (value === 'infinite') keyint = 'infinite';
    else if (/^\d+/.test(value)) keyint = Number.parseInt(value, 10);
  }
  return keyint;
}

interface Derived {
  mode: OutputMode;
  videoEncoder: string;
  audioEncoder: string;
  fps: number;
  keyint: { seconds: number | null; how: LocalizedText };
}

const isTrue = (value: string | null): boolean => value !== null && /^(true|1)$/i.test(value.trim());

function derive(profile: EncoderProfile): Derived {
  const fps = profile.fpsNumerator / profile.fpsDenominator;
  if (!(fps > 0 && Number.isFinite(fps))) {
    throw new RangeError(`fps: must be positive and finite (got ${profile.fpsNumerator}/${profile.fpsDenominator})`);
  }
  const mode: OutputMode = profile.outputMode === 'Advanced' ? 'Advanced' : 'Simple';
  if (mode === 'Advanced') {
    return {
      mode,
      fps,
      videoEncoder: profile.advancedEncoder ?? 'obs_x264',
      audioEncoder: profile.advancedAudioEncoder ?? 'ffmpeg_aac',
      keyint: { seconds: null, how: msg('preflight.howAdvancedMode') },
    };
  }
  const videoEncoder = profile.simpleStreamEncoder ?? 'x264';
  return {
    mode,
    fps,
    videoEncoder,
    audioEncoder: profile.simpleAudioEncoder ?? 'aac',
    keyint: simpleModeKeyint(videoEncoder, profile, fps),
  };
}

function simpleModeKeyint(encoder: string, profile: EncoderProfile, fps: number): Derived['keyint'] {
  if (encoder !== 'x264' && encoder !== 'x264_lowcpu') {
    return { seconds: null, how: msg('preflight.howEncoderDefault', { encoder }) };
  }
  const custom = isTrue(profile.simpleUseAdvanced) ? x264KeyintFrames(profile.simpleX264Settings ?? '') : null;
  if (custom === 'infinite') return { seconds: Number.POSITIVE_INFINITY, how: msg('preflight.howInfinite') };
  const frames = custom ?? X264_DEFAULT_KEYINT;
  const how = msg(custom === null ? 'preflight.howX264Default' : 'preflight.howX264Options', { frames, fps: formatNumber(fps) });
  return { seconds: frames / fps, how };
}

const formatNumber = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * Checks an OBS profile against a channel's FragDuration (seconds, 1–100). A keyframe can only land on a frame, so
 * an interval up to one frame longer than FragDuration still passes.
 */
export function preflight(profile: EncoderProfile, fragDuration: number): PreflightReport {
  if (!Number.isInteger(fragDuration) || fragDuration < 1 || fragDuration > 100) {
    throw new RangeError(`fragDuration: must be an integer from 1 to 100 (got ${fragDuration})`);
  }
  const derived = derive(profile);
  const videoCodec = videoCodecOf(derived.videoEncoder);
  const audioCodec = audioCodecOf(derived.audioEncoder);
  return {
    outputMode: derived.mode,
    videoEncoder: derived.videoEncoder,
    videoCodec,
    keyframeIntervalSeconds: derived.keyint.seconds,
    audioEncoder: derived.audioEncoder,
    audioCodec,
    fps: derived.fps,
    checks: [
      videoCheck(derived.videoEncoder, videoCodec),
      keyframeCheck(derived, fragDuration),
      audioCheck(derived.audioEncoder, audioCodec),
    ],
  };
}

function videoCheck(encoder: string, codec: VideoCodec): PreflightCheck {
  if (codec === 'H.264') return check('video-codec', true, msg('preflight.videoOk', { encoder }));
  if (codec === 'unknown') return check('video-codec', null, msg('preflight.videoUnknown', { encoder }));
  return check('video-codec', false, msg('preflight.videoWrong', { encoder, codec }));
}

function keyframeCheck(derived: Derived, fragDuration: number): PreflightCheck {
  const { seconds, how } = derived.keyint;
  const frames = Math.max(1, Math.floor(fragDuration * derived.fps));
  const fix =
    derived.mode === 'Simple' && derived.videoEncoder.startsWith('x264')
      ? msg('preflight.fixX264', { frames })
      : msg('preflight.fixAdvanced', { fragDuration });
  if (seconds === null) return check('keyframe-interval', null, msg('preflight.keyframeUnknown', { how, fragDuration, fix }));
  const interval = Number.isFinite(seconds) ? msg('preflight.intervalSeconds', { seconds: formatNumber(seconds) }) : msg('preflight.intervalInfinite');
  if (seconds <= fragDuration + 1 / derived.fps) {
    return check('keyframe-interval', true, msg('preflight.keyframeOk', { interval, how, fragDuration }));
  }
  return check('keyframe-interval', false, msg('preflight.keyframeTooLong', { interval, how, fragDuration, fix }));
}

function audioCheck(encoder: string, codec: AudioCodec): PreflightCheck {
  if (codec === 'AAC') return check('audio-codec', true, msg('preflight.audioOk', { encoder }));
  if (codec === 'unknown') return check('audio-codec', null, msg('preflight.audioUnknown', { encoder }));
  return check('audio-codec', false, msg('preflight.audioWrong', { encoder, codec }));
}
