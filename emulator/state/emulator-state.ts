/**
 * Everything the emulator knows, per bucket: objects, LiveChannels (configuration, history) and live sessions.
 * The HTTP API and the RTMP ingest glue both work through this class; it enforces OSS's channel rules
 * (one publisher per channel, no change while Live, disabled channels refuse ingest and kick their publisher).
 *
 * Disk layout (see storage/object-store.ts for the objects area):
 *   <data>/buckets/<bucket>/objects|overflow|meta   objects
 *   <data>/buckets/<bucket>/channels/<name>.json    channel configuration + history
 *   <data>/buckets/<bucket>/sessions/<name>.json    marker of a session that is (or was, before a crash) live
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

import type { ChannelStatus, LiveChannelConfig, LiveChannelStat, LiveRecord } from '../../shared/live-channel';
import { validateBucketName, validatePlaylistName } from '../../shared/validation';
import { ERRORS, OssServiceError, validateAs } from '../errors';
import type { PlaylistEntry } from '../media/playlist';
import { ObjectStore } from '../storage/object-store';
import type { ChannelRecord } from './channel-store';
import { ChannelStore } from './channel-store';
import { LiveSession, recoverSessions } from './live-session';

type Log = (event: string, details: Record<string, unknown>) => void;

export interface Bucket {
  name: string;
  objects: ObjectStore;
  channels: ChannelStore;
  sessionsDir: string;
}

export interface EmulatorStateOptions {
  dataDir: string;
  /** Created when missing; others found under `<data>/buckets/` are opened too. */
  buckets: readonly string[];
  now: () => Date;
  log: Log;
  /** Delay between disabling a live channel and kicking its publisher (OSS: about 10 s). Default 0. */
  kickDelayMs?: number;
}

export interface BeginSessionOptions {
  /** `ip:port` of the publisher (GetLiveChannelStat RemoteAddr, history). */
  remoteAddr: string;
  /** The RTMP URL's `playlistName` parameter; absent = the channel's PlaylistName. */
  playlistName?: string;
}

/** Called when a live channel's publisher must be disconnected (the channel was disabled). */
export type KickHandler = (bucket: string, channel: string) => void;

const wholeSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);
const sessionKey = (bucket: string, channel: string): string => `${bucket}\n${channel}`;

export class EmulatorState {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly kickHandlers = new Set<KickHandler>();
  private readonly kickTimers = new Set<NodeJS.Timeout>();
  readonly now: () => Date;
  private readonly log: Log;
  private readonly kickDelayMs: number;

  private constructor(
    private readonly buckets: ReadonlyMap<string, Bucket>,
    options: EmulatorStateOptions,
  ) {
    this.now = options.now;
    this.log = options.log;
    this.kickDelayMs = options.kickDelayMs ?? 0;
  }

  /** Opens every bucket under `<data>/buckets/`, rebuilding indexes and closing sessions a crash left open. */
  static async open(options: EmulatorStateOptions): Promise<EmulatorState> {
    const root = path.join(options.dataDir, 'buckets');
    await mkdir(root, { recursive: true });
    const found = (await readdir(root, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const names = new Set([...options.buckets, ...found.filter((name) => isBucketName(name))]);
    const buckets = new Map<string, Bucket>();
    for (const name of names) {
      validateBucketName(name);
      const dir = path.join(root, name);
      const bucket: Bucket = {
        name,
        objects: await ObjectStore.open(dir, { now: options.now, log: options.log }),
        channels: await ChannelStore.open(dir, options.log),
        sessionsDir: path.join(dir, 'sessions'),
      };
      for (const { channel, record } of await recoverSessions(bucket.sessionsDir, bucket.objects, options.log)) {
        await bucket.channels.addHistory(channel, record);
      }
      buckets.set(name, bucket);
    }
    return new EmulatorState(buckets, options);
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()];
  }

  /** The bucket, or 404 NoSuchBucket. */
  bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new OssServiceError(ERRORS.noSuchBucket, undefined, [['BucketName', name]]);
    return bucket;
  }

  // ---- LiveChannel configuration ----------------------------------------------------------------------------

  /** The channel, or 404 NoSuchLiveChannel. */
  channel(bucket: string, name: string): ChannelRecord {
    const channel = this.bucket(bucket).channels.get(name);
    if (!channel) throw new OssServiceError(ERRORS.noSuchLiveChannel);
    return channel;
  }

  /** PutLiveChannel: create or replace (history kept); 409 ChannelStillLive while a publisher is connected. */
  async putChannel(bucket: string, name: string, config: LiveChannelConfig): Promise<void> {
    const { channels } = this.bucket(bucket);
    if (this.session(bucket, name)) throw new OssServiceError(ERRORS.channelStillLive);
    await channels.put(name, config, wholeSeconds(this.now()));
  }

  /**
   * PutLiveChannelStatus. Disabling a live channel kicks its publisher after the kick delay (the session ends when
   * the ingest glue closes it). Identical repeated switches succeed while no publisher is connected; while one is,
   * only `disabled` is allowed (spec §2.4, §8.1), so `enabled` gets 409 ChannelStillLive.
   */
  async setChannelStatus(bucket: string, name: string, status: ChannelStatus): Promise<void> {
    this.channel(bucket, name);
    if (status !== 'disabled' && this.session(bucket, name)) {
      throw new OssServiceError(ERRORS.channelStillLive, 'Only a switch to disabled is allowed while a stream is live.');
    }
    const { channels } = this.bucket(bucket);
    const lastModified = wholeSeconds(this.now());
    await channels.update(name, (channel) => ({ ...channel, config: { ...channel.config, status }, lastModified }));
    if (status === 'disabled' && this.session(bucket, name)) this.scheduleKick(bucket, name);
  }

  /** DeleteLiveChannel: 409 ChannelStillLive while live; the channel's objects stay. */
  async deleteChannel(bucket: string, name: string): Promise<void> {
    this.channel(bucket, name);
    if (this.session(bucket, name)) throw new OssServiceError(ERRORS.channelStillLive);
    await this.bucket(bucket).channels.delete(name);
  }

  /** GetLiveChannelStat: Disabled when the config is, else Live with a publisher, else Idle. */
  stat(bucket: string, name: string): LiveChannelStat {
    const channel = this.channel(bucket, name);
    if (channel.config.status === 'disabled') return { status: 'Disabled' };
    const session = this.session(bucket, name);
    if (!session) return { status: 'Idle' };
    const video = session.videoStat();
    const audio = session.audioStat();
    return { status: 'Live', connectedTime: session.connectedTime, remoteAddr: session.remoteAddr, ...(video ? { video } : {}), ...(audio ? { audio } : {}) };
  }

  /** GetLiveChannelHistory: the latest 10 records, oldest first. */
  history(bucket: string, name: string): LiveRecord[] {
    return this.channel(bucket, name).history;
  }

  /**
   * The ts segments of `channel` whose start lies in [startTime, endTime] (Unix seconds, both inclusive), in time
   * order, for GetVodPlaylist/PostVodPlaylist; 400 "No ts file found in specified time span." when none. Start and
   * duration come from the segment's stored timing. A deleted channel's segments count too (OSS keeps them).
   */
  vodSegments(bucket: string, channel: string, startTime: number, endTime: number): PlaylistEntry[] {
    const prefix = `${channel}/`;
    const from = startTime * 1000;
    const to = endTime * 1000;
    const entries = this.bucket(bucket)
      .objects.recordsUnder(prefix)
      .flatMap((record) => {
        const name = record.key.slice(prefix.length);
        const timing = record.segment;
        if (!timing || name.includes('/') || timing.startTime < from || timing.startTime > to) return [];
        return [{ name, duration: timing.duration, startTime: timing.startTime }];
      })
      .sort((a, b) => a.startTime - b.startTime);
    if (entries.length === 0) throw new OssServiceError(ERRORS.noTsInSpan);
    return entries.map(({ name, duration }) => ({ name, duration }));
  }

  // ---- Ingest (the RTMP glue) -------------------------------------------------------------------------------

  /** The live session of a channel, if a publisher is connected. */
  session(bucket: string, channel: string): LiveSession | undefined {
    return this.sessions.get(sessionKey(bucket, channel));
  }

  /**
   * Starts an ingest session. Refuses with the OSS error: NoSuchBucket / NoSuchLiveChannel (404),
   * LiveChannelDisabled (409), ChannelStillLive (409, another publisher is connected), InvalidArgument (400, a bad
   * `playlistName`).
   */
  async beginSession(bucket: string, channel: string, options: BeginSessionOptions): Promise<LiveSession> {
    const record = this.channel(bucket, channel);
    if (record.config.status === 'disabled') throw new OssServiceError(ERRORS.liveChannelDisabled);
    const key = sessionKey(bucket, channel);
    if (this.sessions.has(key)) throw new OssServiceError(ERRORS.channelStillLive, 'Another publisher is connected.');
    const playlistName = options.playlistName || record.config.target.playlistName;
    validateAs(ERRORS.invalidPlaylistName, () => validatePlaylistName(playlistName));
    const { objects, sessionsDir } = this.bucket(bucket);
    const session = new LiveSession(
      {
        bucket,
        channel,
        playlistName,
        fragDuration: record.config.target.fragDuration,
        fragCount: record.config.target.fragCount,
        remoteAddr: options.remoteAddr,
        connectedTime: wholeSeconds(this.now()),
      },
      { objects, sessionsDir, now: this.now, finished: (ended, history) => this.finishSession(ended, history) },
    );
    // Claimed before the first await so a concurrent second publisher is refused.
    this.sessions.set(key, session);
    try {
      await session.start();
    } catch (error) {
      this.sessions.delete(key);
      throw error;
    }
    this.log('state.session-began', { bucket, channel, playlistName });
    return session;
  }

  /** Registers what disconnects a publisher (the ingest glue calls `rtmp.kick`). Returns an unregister function. */
  onKick(handler: KickHandler): () => void {
    this.kickHandlers.add(handler);
    return () => this.kickHandlers.delete(handler);
  }

  /** Ends every live session (final playlists, history) and waits for pending writes: part of stopping. */
  async close(): Promise<void> {
    for (const timer of this.kickTimers) clearTimeout(timer);
    this.kickTimers.clear();
    await Promise.allSettled([...this.sessions.values()].map((session) => session.end()));
    await Promise.allSettled([...this.buckets.values()].flatMap((bucket) => [bucket.objects.settle(), bucket.channels.settle()]));
  }

  private async finishSession(session: LiveSession, record: LiveRecord): Promise<void> {
    const key = sessionKey(session.bucket, session.channel);
    if (this.sessions.get(key) === session) this.sessions.delete(key);
    // The channel may have been deleted meanwhile (not while live, but a recreated one keeps history).
    await this.bucket(session.bucket).channels.addHistory(session.channel, record);
    this.log('state.session-ended', { bucket: session.bucket, channel: session.channel });
  }

  private scheduleKick(bucket: string, channel: string): void {
    const timer = setTimeout(() => {
      this.kickTimers.delete(timer);
      if (!this.session(bucket, channel)) return;
      this.log('state.kick', { bucket, channel });
      for (const handler of this.kickHandlers) {
        try {
          handler(bucket, channel);
        } catch (error) {
          this.log('state.kick-failed', { bucket, channel, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }, this.kickDelayMs);
    timer.unref();
    this.kickTimers.add(timer);
  }
}

function isBucketName(name: string): boolean {
  try {
    validateBucketName(name);
    return true;
  } catch {
    return false;
  }
}
