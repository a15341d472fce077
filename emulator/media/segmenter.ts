import { ValidationError } from '../../shared/validation';
import { ADTS_HEADER_SIZE, ADTS_MAX_FRAME_SIZE, adtsHeaderTemplate } from './adts';
import { splitAvcc, toAnnexB } from './annex-b';
import type { AacConfig, AvcConfig } from './flv-payload';
import { AAC_SAMPLE_RATES, aacChannelCount, parseAudioPayload, parseVideoPayload } from './flv-payload';
import { parseSps } from './h264-sps';
import { MediaClock } from './media-clock';
import type { MediaInfo, Segment, Segmenter, SegmenterOptions, SegmenterStats } from './media-sink';
import { ContinuityCounters, TsSegmentMuxer } from './mpegts-muxer';
import { segmentName } from './playlist';

/** OSS forces a cut after max(2 × FragDuration, 60 s) without a keyframe (spec §2.1). */
const FORCED_CUT_FLOOR_MS = 60_000;
/**
 * Added to session times in PES timestamps, like ffmpeg's mpegts muxer (1.4 s): keeps the PCR lag and negative
 * composition offsets above zero at the start of a stream.
 */
const TS_CLOCK_OFFSET_MS = 1_400;
const TICKS_PER_MS = 90;
/** Without VUI timing, the frame rate is measured over this much video. */
const FRAME_RATE_PROBE_MS = 1_000;
const AAC_FRAME_SAMPLES = 1024;

interface VideoState {
  config: AvcConfig;
  /** SPS then PPS, inserted before every IDR and at the start of every segment. */
  parameterSets: Uint8Array[];
  /** A new sequence header arrived mid-segment: cut at the next keyframe so the new SPS starts a segment. */
  changed: boolean;
  /** From the SPS VUI; otherwise measured from DTS. */
  frameRate?: number;
  probe?: { firstDts: number; frames: number };
}

interface AudioState {
  config: AacConfig;
  adtsHeader: Uint8Array;
  frameMs: number;
}

interface OpenSegment {
  muxer: TsSegmentMuxer;
  /** Session ms where the segment starts (the PTS of its first keyframe, or the time of a forced cut). */
  startMs: number;
  /** Session ms where its last sample ends. */
  endMs: number;
  /** No video written yet: the first frame gets SPS/PPS even if it is not a keyframe (forced cuts). */
  awaitingVideo: boolean;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);
const sameUnits = (a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean =>
  a.length === b.length && a.every((unit, i) => {
    const other = b[i];
    return other !== undefined && sameBytes(unit, other);
  });

function sameAvcConfig(a: AvcConfig, b: AvcConfig): boolean {
  return a.nalLengthSize === b.nalLengthSize && sameUnits(a.sps, b.sps) && sameUnits(a.pps, b.pps);
}

function sameAacConfig(a: AacConfig, b: AacConfig): boolean {
  return (
    a.objectType === b.objectType &&
    a.frequencyIndex === b.frequencyIndex &&
    a.sampleRate === b.sampleRate &&
    a.channelConfiguration === b.channelConfiguration
  );
}

const toTicks = (ms: number): number => (ms + TS_CLOCK_OFFSET_MS) * TICKS_PER_MS;
const roundRate = (rate: number): number => Math.round(rate * 100) / 100;

class SegmenterSession implements Segmenter {
  readonly stats: SegmenterStats = {
    videoBytes: 0,
    audioBytes: 0,
    videoFrames: 0,
    audioFrames: 0,
    segments: 0,
    forcedCuts: 0,
    timestampJumps: 0,
    dropped: { invalid: 0, unsupported: 0, noConfig: 0, beforeKeyframe: 0 },
  };
  private readonly clock = new MediaClock();
  private readonly counters = new ContinuityCounters();
  private readonly fragMs: number;
  private readonly forceMs: number;
  private readonly now: () => Date;
  private video?: VideoState;
  private audio?: AudioState;
  private segment?: OpenSegment;
  private firstStartMs?: number;
  /** Wall clock at the first segment's start; later starts follow the media timeline from there. */
  private wallAnchor?: { wallMs: number; sessionMs: number };
  private lastStartWallMs = -1;
  private readonly info: { video?: NonNullable<MediaInfo['video']>; audio?: NonNullable<MediaInfo['audio']>; unsupported: string[] } = {
    unsupported: [],
  };
  private delivery: Promise<void> = Promise.resolve();
  private deliveryError?: { error: unknown };
  private ended = false;

  constructor(private readonly options: SegmenterOptions) {
    const { fragDuration } = options;
    if (!Number.isInteger(fragDuration) || fragDuration < 1 || fragDuration > 100) {
      throw new ValidationError('fragDuration', `must be an integer from 1 to 100 seconds (got ${String(fragDuration)})`);
    }
    this.fragMs = fragDuration * 1000;
    this.forceMs = Math.max(2 * this.fragMs, FORCED_CUT_FLOOR_MS);
    this.now = options.now ?? (() => new Date());
  }

  onVideo(timestampMs: number, payload: Uint8Array): void {
    if (this.ended) return;
    this.stats.videoBytes += payload.length;
    try {
      this.handleVideo(timestampMs, payload);
    } catch {
      // Parsers reject garbage with RangeError; whatever else slips through must not take the session down.
      this.stats.dropped.invalid++;
    }
  }

  onAudio(timestampMs: number, payload: Uint8Array): void {
    if (this.ended) return;
    this.stats.audioBytes += payload.length;
    try {
      this.handleAudio(timestampMs, payload);
    } catch {
      this.stats.dropped.invalid++;
    }
  }

  async end(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      const segment = this.segment;
      if (segment) this.finishSegment(segment, segment.endMs);
    }
    await this.delivery;
    if (this.deliveryError) throw this.deliveryError.error;
  }

  private handleVideo(timestampMs: number, payload: Uint8Array): void {
    const parsed = parseVideoPayload(payload);
    switch (parsed.kind) {
      case 'avc-config':
        return this.setVideoConfig(parsed.config);
      case 'avc-frame':
        return this.writeVideo(timestampMs, parsed.keyframe, parsed.compositionTimeMs, parsed.data);
      case 'unsupported':
        return this.reportUnsupported(parsed.codec);
      case 'invalid':
        this.stats.dropped.invalid++;
        return;
      case 'ignored':
        return;
    }
  }

  private handleAudio(timestampMs: number, payload: Uint8Array): void {
    const parsed = parseAudioPayload(payload);
    switch (parsed.kind) {
      case 'aac-config':
        return this.setAudioConfig(parsed.config);
      case 'aac-frame':
        return this.writeAudio(timestampMs, parsed.data);
      case 'unsupported':
        return this.reportUnsupported(parsed.codec);
      case 'invalid':
        this.stats.dropped.invalid++;
        return;
    }
  }

  private setVideoConfig(config: AvcConfig): void {
    if (this.video && sameAvcConfig(this.video.config, config)) return;
    const firstSps = config.sps[0];
    if (!firstSps) throw new RangeError('AVCDecoderConfigurationRecord: no SPS');
    const sps = parseSps(firstSps);
    this.video = {
      config,
      parameterSets: [...config.sps, ...config.pps],
      changed: this.segment !== undefined,
      ...(sps.frameRate === undefined ? {} : { frameRate: roundRate(sps.frameRate) }),
    };
    this.info.video = { codec: 'H264', width: sps.width, height: sps.height, frameRate: this.video.frameRate ?? 0, profile: sps.profile };
    this.publishInfo();
  }

  private setAudioConfig(config: AacConfig): void {
    if (this.audio && sameAacConfig(this.audio.config, config)) return;
    // Each AAC frame is 1024 samples of the core codec, whatever the SBR output rate.
    const coreRate = AAC_SAMPLE_RATES[config.frequencyIndex] ?? config.sampleRate;
    this.audio = { config, adtsHeader: adtsHeaderTemplate(config), frameMs: (AAC_FRAME_SAMPLES * 1000) / coreRate };
    this.info.audio = { codec: 'AAC', sampleRate: config.sampleRate, channels: aacChannelCount(config.channelConfiguration) };
    this.publishInfo();
  }

  private writeVideo(timestampMs: number, keyframe: boolean, compositionTimeMs: number, data: Uint8Array): void {
    const video = this.video;
    if (!video) {
      this.stats.dropped.noConfig++;
      return;
    }
    const accessUnit = splitAvcc(data, video.config.nalLengthSize);
    if (typeof accessUnit === 'string') {
      this.stats.dropped.invalid++;
      return;
    }
    const dts = this.mapTime('video', timestampMs);
    // A negative composition offset would put PTS before DTS, which no decoder accepts.
    const pts = dts + Math.max(0, compositionTimeMs);
    this.measureFrameRate(video, dts);

    const current = this.segment;
    if (!current && !keyframe) {
      this.stats.dropped.beforeKeyframe++;
      return;
    }
    let cut: { at: number; forced: boolean } | undefined;
    if (current && keyframe && pts > current.startMs && (pts - current.startMs >= this.fragMs || video.changed)) {
      cut = { at: pts, forced: false };
    } else if (current && dts - current.startMs >= this.forceMs) {
      cut = { at: dts, forced: true };
    }
    const startsSegment = !current || cut !== undefined || current.awaitingVideo;
    const unit = toAnnexB(accessUnit, keyframe || startsSegment ? video.parameterSets : undefined);
    const segment = !current ? this.openSegment(pts) : cut ? this.cutSegment(current, cut.at, cut.forced) : current;
    if (keyframe) video.changed = false;
    segment.awaitingVideo = false;
    segment.muxer.writeVideo({ pts: toTicks(pts), dts: toTicks(dts), keyframe, parts: unit.parts, size: unit.size });
    segment.endMs = Math.max(segment.endMs, pts + this.clock.lastStep('video'));
    this.stats.videoFrames++;
  }

  private writeAudio(timestampMs: number, raw: Uint8Array): void {
    const audio = this.audio;
    if (!audio) {
      this.stats.dropped.noConfig++;
      return;
    }
    if (raw.length + ADTS_HEADER_SIZE > ADTS_MAX_FRAME_SIZE) {
      this.stats.dropped.invalid++;
      return;
    }
    const time = this.mapTime('audio', timestampMs);
    const current = this.segment;
    // Segments start with a keyframe: audio before the first one has nothing to play against.
    if (!current || this.firstStartMs === undefined || time < this.firstStartMs) {
      this.stats.dropped.beforeKeyframe++;
      return;
    }
    const segment = time - current.startMs >= this.forceMs ? this.cutSegment(current, time, true) : current;
    segment.muxer.writeAudio(toTicks(time), audio.adtsHeader, raw);
    segment.endMs = Math.max(segment.endMs, time + audio.frameMs);
    this.stats.audioFrames++;
  }

  private mapTime(track: 'video' | 'audio', timestampMs: number): number {
    const rebases = this.clock.rebases;
    const time = this.clock.map(track, timestampMs);
    this.stats.timestampJumps += this.clock.rebases - rebases;
    return time;
  }

  private measureFrameRate(video: VideoState, dts: number): void {
    if (video.frameRate !== undefined) return;
    video.probe ??= { firstDts: dts, frames: 0 };
    video.probe.frames++;
    const span = dts - video.probe.firstDts;
    if (span < FRAME_RATE_PROBE_MS) return;
    video.frameRate = roundRate(((video.probe.frames - 1) * 1000) / span);
    if (this.info.video) this.info.video = { ...this.info.video, frameRate: video.frameRate };
    this.publishInfo();
  }

  private openSegment(startMs: number): OpenSegment {
    this.firstStartMs ??= startMs;
    this.wallAnchor ??= { wallMs: this.now().getTime(), sessionMs: startMs };
    const segment: OpenSegment = {
      muxer: new TsSegmentMuxer(this.counters, this.audio !== undefined),
      startMs,
      endMs: startMs,
      awaitingVideo: true,
    };
    this.segment = segment;
    return segment;
  }

  private cutSegment(current: OpenSegment, atMs: number, forced: boolean): OpenSegment {
    this.finishSegment(current, atMs);
    if (forced) this.stats.forcedCuts++;
    return this.openSegment(atMs);
  }

  /** Closes `segment` at session time `endMs` and queues it for `onSegment`. */
  private finishSegment(segment: OpenSegment, endMs: number): void {
    this.segment = undefined;
    const data = segment.muxer.finish();
    const anchor = this.wallAnchor ?? { wallMs: this.now().getTime(), sessionMs: segment.startMs };
    // Names are start times in ms; keep them strictly increasing so no two segments share an object name.
    const wallMs = Math.max(Math.round(anchor.wallMs + segment.startMs - anchor.sessionMs), this.lastStartWallMs + 1);
    this.lastStartWallMs = wallMs;
    const startTime = new Date(wallMs);
    const finished: Segment = {
      name: segmentName(startTime),
      startTime,
      // Millisecond precision: what the RTMP clock carries and what EXTINF shows.
      duration: Math.round(Math.max(0, endMs - segment.startMs)) / 1000,
      data,
    };
    this.stats.segments++;
    this.delivery = this.delivery.then(async () => {
      try {
        await this.options.onSegment(finished);
      } catch (error) {
        this.deliveryError ??= { error };
      }
    });
  }

  private reportUnsupported(codec: string): void {
    this.stats.dropped.unsupported++;
    if (this.info.unsupported.includes(codec)) return;
    this.info.unsupported.push(codec);
    this.publishInfo();
  }

  private publishInfo(): void {
    const { video, audio, unsupported } = this.info;
    this.options.onMediaInfo?.({
      ...(video ? { video: { ...video } } : {}),
      ...(audio ? { audio: { ...audio } } : {}),
      ...(unsupported.length > 0 ? { unsupported: [...unsupported] } : {}),
    });
  }
}

/**
 * Creates the media pipeline for one publish session: RTMP/FLV H.264 + AAC payloads in, finished MPEG-TS
 * segments out, cut like OSS does (first keyframe after `fragDuration`, forced after max(2 × fragDuration, 60 s)).
 * Throws ValidationError when `fragDuration` is not an integer from 1 to 100.
 */
export function createSegmenter(options: SegmenterOptions): Segmenter {
  return new SegmenterSession(options);
}
