/** The contract between RTMP ingest and the media pipeline: what goes in, what comes out. */

/** One publish session's media, fed with RTMP message payloads in arrival order (timestamps in ms, RTMP clock). */
export interface MediaSink {
  /** RTMP type 9 message / FLV video tag body. Never throws: bad payloads are dropped and counted. */
  onVideo(timestampMs: number, payload: Uint8Array): void;
  /** RTMP type 8 message / FLV audio tag body. Never throws: bad payloads are dropped and counted. */
  onAudio(timestampMs: number, payload: Uint8Array): void;
  /**
   * Publisher stopped: flush the last (partial) segment as a finished segment and wait until `onSegment` handled
   * every segment. Rejects with the first error `onSegment` threw or rejected with.
   */
  end(): Promise<void>;
}

/** A finished MPEG-TS segment. */
export interface Segment {
  /** Object name relative to the channel "directory", e.g. "1700000000123.ts" (see playlist.ts). */
  name: string;
  /** Wall-clock start of the segment. */
  startTime: Date;
  /** Seconds, from PTS: up to the next segment's start, or to the end of the last sample for the final one. */
  duration: number;
  /** Complete MPEG-TS: PAT, PMT, then PES packets. */
  data: Uint8Array;
}

export interface MediaInfo {
  video?: { codec: 'H264'; width: number; height: number; frameRate: number; profile?: string };
  audio?: { codec: 'AAC'; sampleRate: number; channels: number };
  /** Codecs the publisher sent that OSS does not take (dropped), e.g. "MP3", "HEVC". */
  unsupported?: string[];
}

export interface SegmenterOptions {
  /** Seconds (1-100): a segment is cut at the first keyframe after this much media. */
  fragDuration: number;
  /** Wall clock (tests). */
  now?: () => Date;
  /** Called in order, one at a time (awaited before the next). */
  onSegment(segment: Segment): Promise<void> | void;
  /**
   * Codec, size, frame rate, sample rate as soon as known and whenever they change (GetLiveChannelStat).
   * Called synchronously from onVideo/onAudio; it must not throw (that would count the payload as invalid).
   */
  onMediaInfo?(info: MediaInfo): void;
}

/** Counters for one session: what was muxed, what was dropped and why. */
export interface SegmenterStats {
  /** Payload bytes received per track, muxed or not (for GetLiveChannelStat bandwidth). */
  videoBytes: number;
  audioBytes: number;
  /** Frames written into segments. */
  videoFrames: number;
  audioFrames: number;
  segments: number;
  /** Segments cut without a keyframe because none came within max(2 × FragDuration, 60 s). */
  forcedCuts: number;
  /** Times the timestamp clock was rebased after a jump. */
  timestampJumps: number;
  dropped: {
    /** Malformed payloads (truncated, bad lengths, garbage). */
    invalid: number;
    /** Codecs other than H.264 / AAC. */
    unsupported: number;
    /** Frames that came before their sequence header (AVC or AAC config). */
    noConfig: number;
    /** Video before the first keyframe, and audio before the first segment's start. */
    beforeKeyframe: number;
  };
}

/** A {@link MediaSink} that also exposes its counters. */
export interface Segmenter extends MediaSink {
  readonly stats: Readonly<SegmenterStats>;
}
