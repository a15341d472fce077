/**
 * The RTMP ingest server's public contract with the emulator's ingest glue: who may publish (onPublish) and where
 * the media goes (PublishMedia). Everything here is protocol-neutral; the RTMP details stay inside emulator/rtmp.
 */

/** What a publisher asked for, taken from its `connect` and `publish` commands. */
export interface PublishRequest {
  /** Application path, e.g. `live` or `mybucket/live`: everything before the last path part of the publish URL. */
  app: string;
  /** Channel name, percent-decoded, without the query. */
  streamName: string;
  /** The publish name's `?...` query; if it has none, the tcUrl's query. */
  query: URLSearchParams;
  /** The tcUrl as sent in `connect` (may carry a signed query: never log it). */
  tcUrl: string;
  /** Host part of the tcUrl, without port (virtual-hosted bucket: `bucket.host`); empty when the tcUrl has none. */
  host: string;
  /** `ip:port` of the publisher (`[ip]:port` for IPv6). */
  remoteAddress: string;
}

/** Why a publish ended. */
export type PublishEndReason = 'unpublished' | 'disconnected' | 'kicked' | 'server-stopped' | 'protocol-error';

/** Where an accepted publish's media goes (implemented by the segmenter glue). Calls are synchronous and in order. */
export interface PublishMedia {
  /** One RTMP video message: an FLV VIDEODATA body (first byte frame type + codec id). */
  onVideo(timestampMs: number, payload: Uint8Array): void;
  /** One RTMP audio message: an FLV AUDIODATA body (first byte sound format + rate + size + type). */
  onAudio(timestampMs: number, payload: Uint8Array): void;
  /** `@setDataFrame onMetaData` / `onMetaData` properties (width, height, framerate, videocodecid, ...). */
  onMetadata?(metadata: Record<string, unknown>): void;
  /** Called exactly once when the publish ends for any reason (unpublish, socket closed, kicked, server stop). */
  end(reason: PublishEndReason): Promise<void> | void;
}

/**
 * The glue's verdict on a publish. On refusal, `code` is the RTMP status code sent in `onStatus`
 * (default `NetStream.Publish.BadName`) and `reason` its description, e.g. "signature does not match".
 */
export type PublishDecision = { accept: true; media: PublishMedia } | { accept: false; code?: string; reason: string };

export interface RtmpServerOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Port to bind; default 0 (ephemeral). */
  port?: number;
  /** Decides whether a publish may start (signature, channel state, one publisher per channel). */
  onPublish(request: PublishRequest): Promise<PublishDecision>;
  /** Concurrent connections; more are closed at once. Default 100. */
  maxSessions?: number;
  /** Time from accept until the `publish` command (handshake, connect, createStream, publish). Default 10 000 ms. */
  handshakeTimeoutMs?: number;
  /** A connection that sends nothing for this long is closed. Default 30 000 ms. */
  idleTimeoutMs?: number;
  /** Largest RTMP message accepted; also bounds the bytes buffered for partial messages. Default 8 MiB. */
  maxMessageSize?: number;
  /** Structured events (no secrets: queries and tcUrls are never passed). */
  log?: (event: string, details: Record<string, unknown>) => void;
}

export interface RtmpServer {
  readonly port: number;
  readonly host: string;
  /** Kick a live publisher (e.g. channel disabled): ends its publish with reason 'kicked'. Returns how many. */
  kick(predicate: (request: PublishRequest) => boolean, reason: string): number;
  /** Ends every publish with 'server-stopped', closes sockets, and resolves once every `end()` has settled. */
  close(): Promise<void>;
}
