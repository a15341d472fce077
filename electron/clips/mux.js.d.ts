/**
 * mux.js (videojs's MPEG-TS → fragmented MP4 transmuxer) ships no types. Declared only as far as this app uses it:
 * the Transmuxer in the main process, and the MP4 box generator that tests use to build real mux.js boxes.
 */
declare module 'mux.js' {
  /** What one flush produces: the init segment (ftyp + moov) and the moof + mdat pairs of every track. */
  export interface TransmuxedSegment {
    type: 'video' | 'audio' | 'combined';
    initSegment: Uint8Array;
    data: Uint8Array;
  }

  export interface TransmuxerOptions {
    /** Where the output timeline starts, in 90 kHz ticks (default 0). */
    baseMediaDecodeTime?: number;
    keepOriginalTimestamps?: boolean;
    /** Audio and video in one output segment (default true). */
    remux?: boolean;
  }

  export class Transmuxer {
    constructor(options?: TransmuxerOptions);
    on(event: 'data', listener: (segment: TransmuxedSegment) => void): void;
    on(event: 'done', listener: () => void): void;
    off(event: 'data' | 'done', listener: (...args: never[]) => void): boolean;
    push(bytes: Uint8Array): void;
    /** Emits everything pushed so far (synchronously, as `data` then `done`). */
    flush(): void;
    dispose(): void;
  }

  export interface GeneratorSample {
    duration: number;
    size: number;
    compositionTimeOffset?: number;
    flags?: { isLeading: number; dependsOn: number; isDependedOn: number; hasRedundancy: number; paddingValue: number; isNonSyncSample: number; degradationPriority: number };
  }

  /** The track fields mux.js's box writers read; video needs sps/pps/size, audio its AAC config. */
  export interface GeneratorTrack {
    id: number;
    type: 'video' | 'audio';
    duration?: number;
    baseMediaDecodeTime?: number;
    samples?: GeneratorSample[];
    width?: number;
    height?: number;
    sps?: Uint8Array[];
    pps?: Uint8Array[];
    profileIdc?: number;
    levelIdc?: number;
    profileCompatibility?: number;
    samplerate?: number;
    channelcount?: number;
    audioobjecttype?: number;
    samplingfrequencyindex?: number;
    samplesize?: number;
  }

  const muxjs: {
    mp4: {
      Transmuxer: typeof Transmuxer;
      generator: {
        initSegment(tracks: GeneratorTrack[]): Uint8Array;
        moof(sequenceNumber: number, tracks: GeneratorTrack[]): Uint8Array;
        mdat(data: Uint8Array): Uint8Array;
      };
    };
  };
  export default muxjs;
}
