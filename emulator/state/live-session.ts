/**
 * One ingest session of one channel: what the RTMP ingest glue drives while a publisher is connected.
 *
 * Crash safety: a marker file `sessions/<escaped channel>.json` exists from `begin` until `end` and is rewritten
 * after every segment with the playlist window. If the process dies mid-stream, start-up (`recoverSessions`) turns
 * each marker into a history record ending at the last finished segment and finishes the live playlist with
 * `#EXT-X-ENDLIST`, so no channel stays Live and players stop polling.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import type { LiveAudioStat, LiveRecord, LiveVideoStat } from '../../shared/live-channel';
import { writeFileAtomic } from '../../electron/fs/atomic-write';
import type { MediaInfo, Segment } from '../media/media-sink';
import type { LivePlaylistOptions, PlaylistEntry } from '../media/playlist';
import { livePlaylist } from '../media/playlist';
import { escapeComponent } from '../storage/key-path';
import type { ObjectStore } from '../storage/object-store';
import { RateMeter } from './rate-meter';

/** What the marker file records; enough to close the session after a crash. */
interface SessionMarker {
  channel: string;
  playlistName: string;
  fragCount: number;
  remoteAddr: string;
  startTime: string;
  /** Segments that slid out of the live window so far. */
  mediaSequence: number;
  /** The live window: the latest `fragCount` segments. */
  window: PlaylistEntry[];
  /** Wall-clock end of the last finished segment. */
  lastSegmentEnd?: string;
  /** What the live playlist's TARGETDURATION comes from (see playlist.ts), so recovery writes the same value. */
  fragDuration?: number;
  longestSegment?: number;
}

export interface LiveSessionInit {
  bucket: string;
  channel: string;
  playlistName: string;
  fragDuration: number;
  fragCount: number;
  remoteAddr: string;
  connectedTime: Date;
}

/** Where a session keeps things: the bucket's objects, its markers directory, its history, its clock. */
export interface SessionHost {
  objects: ObjectStore;
  sessionsDir: string;
  now: () => Date;
  /** Called once, when the session ends (normally or on shutdown): record history, forget the session. */
  finished(session: LiveSession, record: LiveRecord): Promise<void>;
}

const SEGMENT_CONTENT_TYPE = 'video/MP2T';
const PLAYLIST_CONTENT_TYPE = 'application/x-mpegURL';
/** Segments and playlists are written by the server itself; the cap only guards against a runaway segmenter. */
const MAX_SEGMENT_BYTES = 1024 * 1024 * 1024;

export const markerPath = (sessionsDir: string, channel: string): string => path.join(sessionsDir, `${escapeComponent(channel)}.json`);

export class LiveSession {
  readonly bucket: string;
  readonly channel: string;
  /** m3u8 name for this session: the RTMP `playlistName` param, else the channel's PlaylistName. */
  readonly playlistName: string;
  readonly fragDuration: number;
  readonly fragCount: number;
  readonly remoteAddr: string;
  readonly connectedTime: Date;
  private video?: NonNullable<MediaInfo['video']>;
  private audio?: NonNullable<MediaInfo['audio']>;
  private readonly videoRate: RateMeter;
  private readonly audioRate: RateMeter;
  private mediaSequence = 0;
  private window: PlaylistEntry[] = [];
  /** Seconds, over the whole session: keeps TARGETDURATION from shrinking as the window slides. */
  private longestSegment = 0;
  private lastSegmentEnd?: Date;
  /** Segment writes and the end run one after another, in call order. */
  private queue: Promise<void> = Promise.resolve();
  private ending?: Promise<void>;

  constructor(
    init: LiveSessionInit,
    private readonly host: SessionHost,
  ) {
    this.bucket = init.bucket;
    this.channel = init.channel;
    this.playlistName = init.playlistName;
    this.fragDuration = init.fragDuration;
    this.fragCount = init.fragCount;
    this.remoteAddr = init.remoteAddr;
    this.connectedTime = init.connectedTime;
    this.videoRate = new RateMeter(host.now);
    this.audioRate = new RateMeter(host.now);
  }

  /** True until `end` was called. */
  get live(): boolean {
    return this.ending === undefined;
  }

  /** Writes the first marker; called by the state before the session is handed out. */
  async start(): Promise<void> {
    await mkdir(this.host.sessionsDir, { recursive: true });
    await this.saveMarker();
  }

  /** Codec, size, frame rate and sample rate as the segmenter learns them (shown by GetLiveChannelStat). */
  recordMedia(info: MediaInfo): void {
    if (info.video) this.video = info.video;
    if (info.audio) this.audio = info.audio;
  }

  /** Payload bytes received, per track (GetLiveChannelStat Bandwidth, see rate-meter.ts for the unit). */
  countBytes(kind: 'video' | 'audio', bytes: number): void {
    (kind === 'video' ? this.videoRate : this.audioRate).add(bytes);
  }

  /** Video stat while live, once known. */
  videoStat(): LiveVideoStat | undefined {
    const { video } = this;
    return video && { width: video.width, height: video.height, frameRate: video.frameRate, bandwidth: this.videoRate.bytesPerSecond(), codec: video.codec };
  }

  audioStat(): LiveAudioStat | undefined {
    const { audio } = this;
    return audio && { bandwidth: this.audioRate.bytesPerSecond(), sampleRate: audio.sampleRate, codec: audio.codec };
  }

  /**
   * Stores `<channel>/<segment.name>` with its timing, then atomically rewrites `<channel>/<playlistName>` with the
   * latest FragCount segments, then the marker. Ignored after `end`.
   */
  writeSegment(segment: Segment): Promise<void> {
    if (!this.live) return Promise.resolve();
    return this.enqueue(async () => {
      const startTime = segment.startTime.getTime();
      await this.host.objects.put(`${this.channel}/${segment.name}`, segment.data, {
        contentType: SEGMENT_CONTENT_TYPE,
        maxBytes: MAX_SEGMENT_BYTES,
        segment: { startTime, duration: segment.duration },
      });
      this.window.push({ name: segment.name, duration: segment.duration });
      this.longestSegment = Math.max(this.longestSegment, segment.duration);
      if (this.window.length > this.fragCount) {
        this.mediaSequence += this.window.length - this.fragCount;
        this.window = this.window.slice(-this.fragCount);
      }
      this.lastSegmentEnd = new Date(startTime + Math.round(segment.duration * 1000));
      await this.writePlaylist(false);
      await this.saveMarker();
    });
  }

  /**
   * The publisher is gone: final playlist with `#EXT-X-ENDLIST` (when any segment was written), a history record,
   * marker removed, channel no longer Live. Waits for segment writes still under way; safe to call twice.
   */
  end(): Promise<void> {
    this.ending ??= this.enqueue(async () => {
      if (this.window.length > 0) await this.writePlaylist(true);
      await this.host.finished(this, { startTime: this.connectedTime, endTime: this.host.now(), remoteAddr: this.remoteAddr });
      await rm(markerPath(this.host.sessionsDir, this.channel), { force: true });
    });
    return this.ending;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private writePlaylist(ended: boolean): Promise<unknown> {
    const text = livePlaylist(this.window, {
      fragCount: this.fragCount,
      ended,
      mediaSequence: this.mediaSequence,
      fragDuration: this.fragDuration,
      longestSegment: this.longestSegment,
    });
    return this.host.objects.put(`${this.channel}/${this.playlistName}`, text, { contentType: PLAYLIST_CONTENT_TYPE, maxBytes: MAX_SEGMENT_BYTES });
  }

  private saveMarker(): Promise<void> {
    const marker: SessionMarker = {
      channel: this.channel,
      playlistName: this.playlistName,
      fragCount: this.fragCount,
      remoteAddr: this.remoteAddr,
      startTime: this.connectedTime.toISOString(),
      mediaSequence: this.mediaSequence,
      window: this.window,
      ...(this.lastSegmentEnd ? { lastSegmentEnd: this.lastSegmentEnd.toISOString() } : {}),
      fragDuration: this.fragDuration,
      longestSegment: this.longestSegment,
    };
    return writeFileAtomic(markerPath(this.host.sessionsDir, this.channel), JSON.stringify(marker));
  }
}

function parseMarker(text: string): SessionMarker | undefined {
  try {
    const value = JSON.parse(text) as Partial<SessionMarker> | null;
    if (!value || typeof value.channel !== 'string' || typeof value.playlistName !== 'string' || typeof value.startTime !== 'string') return undefined;
    if (!Number.isInteger(value.fragCount) || !Number.isInteger(value.mediaSequence) || !Array.isArray(value.window)) return undefined;
    return value as SessionMarker;
  } catch {
    return undefined;
  }
}

/** The TARGETDURATION inputs the live playlist had; a marker without valid ones leaves it to the window alone. */
function targetDurationInputs(marker: SessionMarker): Pick<LivePlaylistOptions, 'fragDuration' | 'longestSegment'> {
  const { fragDuration, longestSegment } = marker;
  return {
    fragDuration: typeof fragDuration === 'number' && Number.isInteger(fragDuration) && fragDuration >= 1 ? fragDuration : 1,
    ...(typeof longestSegment === 'number' && Number.isFinite(longestSegment) && longestSegment >= 0 ? { longestSegment } : {}),
  };
}

/**
 * Closes every session a crash left open in `sessionsDir`: a history record from its start to its last finished
 * segment (its start when none finished), and the live playlist finished with ENDLIST. Removes markers and temp
 * leftovers. Returns the records made, per channel.
 */
export async function recoverSessions(
  sessionsDir: string,
  objects: ObjectStore,
  log: (event: string, details: Record<string, unknown>) => void,
): Promise<Array<{ channel: string; record: LiveRecord }>> {
  const names = await readdir(sessionsDir).catch(() => []);
  const recovered: Array<{ channel: string; record: LiveRecord }> = [];
  for (const name of names) {
    const file = path.join(sessionsDir, name);
    const marker = name.endsWith('.json') ? parseMarker(await readFile(file, 'utf8').catch(() => '')) : undefined;
    if (marker) {
      if (marker.window.length > 0) {
        const text = livePlaylist(marker.window, {
          fragCount: marker.fragCount,
          ended: true,
          mediaSequence: marker.mediaSequence,
          ...targetDurationInputs(marker),
        });
        await objects.put(`${marker.channel}/${marker.playlistName}`, text, { contentType: PLAYLIST_CONTENT_TYPE, maxBytes: MAX_SEGMENT_BYTES });
      }
      const startTime = new Date(marker.startTime);
      const endTime = marker.lastSegmentEnd ? new Date(marker.lastSegmentEnd) : startTime;
      recovered.push({ channel: marker.channel, record: { startTime, endTime, remoteAddr: marker.remoteAddr } });
      log('state.session-recovered', { channel: marker.channel, segments: marker.mediaSequence + marker.window.length });
    }
    await rm(file, { force: true, recursive: true });
  }
  return recovered;
}
