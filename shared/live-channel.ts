/**
 * OSS LiveChannel data as the app sees it: typed (numbers as numbers, times as Date), independent of XML.
 * Used by the main-process client, the emulator, the CLI and (as DTOs) the renderer.
 */

/** Configuration status, as Put/Get/ListLiveChannel show it (lower case). */
export type ChannelStatus = 'enabled' | 'disabled';

export const CHANNEL_DEFAULTS = {
  fragDuration: 5,
  fragCount: 3,
  playlistName: 'playlist.m3u8',
} as const;

export interface LiveChannelTarget {
  type: 'HLS';
  fragDuration: number;
  fragCount: number;
  playlistName: string;
}

export interface LiveChannelSnapshot {
  roleName: string;
  destBucket: string;
  notifyTopic: string;
  interval: number;
}

/** What GetLiveChannelInfo returns, defaults filled in. */
export interface LiveChannelConfig {
  description: string;
  status: ChannelStatus;
  target: LiveChannelTarget;
  snapshot?: LiveChannelSnapshot;
}

/** What PutLiveChannel accepts; absent fields take the OSS defaults. FragDuration and FragCount: both or neither. */
export interface LiveChannelInput {
  description?: string;
  status?: ChannelStatus;
  fragDuration?: number;
  fragCount?: number;
  playlistName?: string;
  snapshot?: LiveChannelSnapshot;
}

export interface LiveChannelUrls {
  publishUrls: string[];
  playUrls: string[];
}

export interface LiveChannelSummary extends LiveChannelUrls {
  name: string;
  description: string;
  status: ChannelStatus;
  lastModified: Date;
}

export interface ListLiveChannelsQuery {
  prefix?: string;
  marker?: string;
  maxKeys?: number;
}

export interface ListLiveChannelsResult {
  prefix: string;
  marker: string;
  maxKeys: number;
  isTruncated: boolean;
  /** Name to pass as `marker` for the next page; present when truncated. */
  nextMarker?: string;
  channels: LiveChannelSummary[];
}

export interface LiveVideoStat {
  width: number;
  height: number;
  frameRate: number;
  bandwidth: number;
  codec: string;
}

export interface LiveAudioStat {
  bandwidth: number;
  sampleRate: number;
  codec: string;
}

/** GetLiveChannelStat: ConnectedTime, RemoteAddr, Video and Audio exist only while Live (media only once it arrived). */
export type LiveChannelStat =
  | { status: 'Idle' }
  | { status: 'Disabled' }
  | { status: 'Live'; connectedTime: Date; remoteAddr: string; video?: LiveVideoStat; audio?: LiveAudioStat };

export interface LiveRecord {
  startTime: Date;
  endTime: Date;
  remoteAddr: string;
}

/** A VOD time range in Unix seconds; start < end, span at most one day. */
export interface VodRange {
  startTime: number;
  endTime: number;
}

/** A signed RTMP ingest URL, split the way OBS wants it: `server + "/" + streamKey === url`. */
export interface SignedRtmpUrl {
  url: string;
  /** OBS "Server": the RTMP publish base, e.g. `rtmp://bucket.oss-cn-hangzhou.aliyuncs.com/live`. */
  server: string;
  /** OBS "Stream key": `<percent-encoded channel>?<query>`. */
  streamKey: string;
  /** When OSS stops accepting new connections with this URL (it checks only at connect time). */
  expiresAt: Date;
}

/** One object of a ListObjects (v2) page. */
export interface ObjectSummary {
  key: string;
  size: number;
  /** As the server sends it, quotes included. */
  etag: string;
  lastModified: Date;
}

export interface ListObjectsQuery {
  prefix?: string;
  delimiter?: string;
  continuationToken?: string;
  maxKeys?: number;
}

export interface ListObjectsResult {
  objects: ObjectSummary[];
  /** Key prefixes rolled up by `delimiter` (the "folders"). */
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Pass as `continuationToken` for the next page; present when truncated. */
  nextContinuationToken?: string;
}

/** HeadObject: object metadata. */
export interface ObjectHead {
  contentLength: number;
  contentType: string;
  etag: string;
  lastModified: Date;
}

/** GetObject: the bytes (or the requested range of them) and their metadata. */
export interface ObjectContent {
  body: Uint8Array;
  contentType: string;
  etag: string;
  lastModified: Date;
  /** `bytes start-end/total`, present when a range was requested and served. */
  contentRange?: string;
}

/** A byte range, both ends inclusive; `end` absent means "to the end of the object". */
export interface ByteRange {
  start: number;
  end?: number;
}
