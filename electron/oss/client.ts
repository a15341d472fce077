/**
 * OssLiveClient: the nine LiveChannel operations, RTMP and presigned URL signing, and the object reads clips need.
 * Validates every input before a request is made, signs V4 (default) or V1, and returns typed results.
 */
import { createHash } from 'node:crypto';
import type { LookupFunction } from 'node:net';

import type {
  ByteRange,
  ChannelStatus,
  ListLiveChannelsQuery,
  ListLiveChannelsResult,
  ListObjectsQuery,
  ListObjectsResult,
  LiveChannelConfig,
  LiveChannelInput,
  LiveChannelStat,
  LiveChannelSummary,
  LiveChannelUrls,
  LiveRecord,
  ObjectContent,
  ObjectHead,
  SignedRtmpUrl,
  VodRange,
} from '../../shared/live-channel';
import { validateSignatureVersion } from '../../shared/profile-validation';
import {
  ValidationError,
  validateBucketName,
  validateChannelName,
  validateChannelStatus,
  validateLiveChannelInput,
  validateMaxKeys,
  validateObjectKey,
  validatePlaylistName,
  validateVodRange,
} from '../../shared/validation';
import type { Credentials, CredentialsSource } from './credentials';
import { checkCredentials, resolveCredentials } from './credentials';
import type { Endpoint } from './endpoint';
import { defaultRtmpBase, normalizeRtmpBase, objectUrl, parseEndpoint, requestTarget, resolveRegion } from './endpoint';
import { OssError, errorFromResponse } from './errors';
import type { WireRequest, WireResponse } from './http';
import { sendWithRetries } from './http';
import { authorizationV1, presignQueryV1 } from './sign-v1';
import { rtmpPublishUrl, signRtmpQuery } from './sign-rtmp';
import { UNSIGNED_PAYLOAD, authorizationV4, formatV4Date, presignQueryV4 } from './sign-v4';
import type { QueryParams } from './uri-encoding';
import {
  XmlShapeError,
  buildLiveChannelConfiguration,
  parseCreateLiveChannelResult,
  parseListBucketResult,
  parseListLiveChannelResult,
  parseLiveChannelConfiguration,
  parseLiveChannelHistory,
  parseLiveChannelStat,
} from './xml';

export type { Credentials, CredentialsSource } from './credentials';

export interface OssLiveClientOptions {
  /** `oss-cn-hangzhou.aliyuncs.com`, `https://host:port` or `http://127.0.0.1:port` (no scheme = https). */
  endpoint: string;
  bucket: string;
  /** Region id for V4 (`cn-hangzhou`); derived from `oss-<region>[-internal].aliyuncs.com` endpoints when omitted. */
  region?: string;
  /** Request signature version, default 'v4'. RTMP URLs are always signed with the V1 scheme. */
  signatureVersion?: 'v1' | 'v4';
  /** Absent = anonymous (no signature). A provider is called for every request, so STS refreshes are picked up. */
  credentials?: CredentialsSource;
  /** RTMP publish base (what OBS calls "Server"); default derived from the endpoint, see `defaultRtmpBase`. */
  rtmpBase?: string;
  /** Per attempt, default 15 000. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls on network errors and 5xx, default 2. */
  retries?: number;
  /** First retry delay, doubled per retry with jitter, default 200. */
  retryBaseDelayMs?: number;
  /** Upper bound of one retry delay, default 5 000. */
  retryMaxDelayMs?: number;
  /** Clock for signatures and expiries (tests freeze it). */
  now?: () => Date;
  /** DNS lookup override, e.g. to route a domain endpoint to a local server in tests. */
  lookup?: LookupFunction;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's retry count for this call (a poller that asks again anyway wants 0). */
  retries?: number;
}

/** Expiry of a signed URL: relative (default 3600 s) or absolute; it must lie in the future. */
export interface ExpiryOptions {
  expiresInSeconds?: number;
  expiresAt?: Date;
  /** Signing time; defaults to the client clock. */
  now?: Date;
}

export interface SignRtmpUrlOptions extends ExpiryOptions {
  /** m3u8 name for this session (overrides the channel's PlaylistName). */
  playlistName?: string;
}

export interface PresignOptions extends ExpiryOptions {
  /** `x-oss-process` value, e.g. `hls/sign` so OSS signs the ts URIs inside a private m3u8. */
  process?: string;
  method?: 'GET' | 'HEAD';
}

/** Default lifetime of signed URLs, in seconds. */
export const DEFAULT_EXPIRES_SECONDS = 3600;
/** V4 presigned URLs live at most 7 days. */
const MAX_V4_PRESIGN_SECONDS = 7 * 24 * 3600;

const DEFAULTS = { timeoutMs: 15_000, retries: 2, retryBaseDelayMs: 200, retryMaxDelayMs: 5_000 } as const;

/** One API call before signing: what to address, with which query, headers and body. */
interface ApiRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  /** Raw object key; '' addresses the bucket. */
  key: string;
  query: QueryParams;
  headers?: Record<string, string>;
  xmlBody?: string;
}

function nonNegativeInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) throw new ValidationError(field, `must be a non-negative integer (got ${String(value)})`);
}

/** Absolute expiry in Unix seconds from relative or absolute options; must be in the future. */
function expiryFrom(options: ExpiryOptions, now: Date): { expires: number; expiresInSeconds: number } {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (options.expiresAt !== undefined && options.expiresInSeconds !== undefined) {
    throw new ValidationError('expiresAt', 'give either expiresInSeconds or expiresAt, not both');
  }
  if (options.expiresAt !== undefined) {
    const at = options.expiresAt.getTime();
    if (!Number.isFinite(at)) throw new ValidationError('expiresAt', 'must be a valid Date');
    const expires = Math.floor(at / 1000);
    if (expires <= nowSeconds) throw new ValidationError('expiresAt', 'must be in the future');
    return { expires, expiresInSeconds: expires - nowSeconds };
  }
  const seconds = options.expiresInSeconds ?? DEFAULT_EXPIRES_SECONDS;
  if (!Number.isInteger(seconds) || seconds <= 0) {
    throw new ValidationError('expiresInSeconds', `must be a positive integer, so the expiry is in the future (got ${String(seconds)})`);
  }
  return { expires: nowSeconds + seconds, expiresInSeconds: seconds };
}

/** The query of Get/PostVodPlaylist: `?vod&endTime=…&startTime=…`. */
const vodQuery = (range: VodRange): QueryParams => ({ vod: '', endTime: String(range.endTime), startTime: String(range.startTime) });

const md5Base64 = (body: Uint8Array): string => createHash('md5').update(body).digest('base64');
const decoder = new TextDecoder();
const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/**
 * Typed client for one bucket. Async calls reject with `ValidationError` (bad input, nothing sent) or `OssError`
 * (service errors and transport failures alike). `signRtmpUrl` is synchronous and so needs static credentials;
 * with a credentials provider use `signRtmpUrlAsync`.
 */
export class OssLiveClient {
  private readonly endpoint: Endpoint;
  private readonly bucket: string;
  private readonly region: string | undefined;
  private readonly signatureVersion: 'v1' | 'v4';
  private readonly credentials: CredentialsSource | undefined;
  private readonly rtmpBase: string;
  private readonly now: () => Date;
  private readonly transport: { timeoutMs: number; retries: number; baseDelayMs: number; maxDelayMs: number; lookup?: LookupFunction };

  /**
   * Validates the options (endpoint, bucket, credentials shape); throws ValidationError. A missing region is reported
   * only by what needs it (a V4 signed request or presign), so RTMP signing, which is always V1, works without one.
   */
  constructor(options: OssLiveClientOptions) {
    this.endpoint = parseEndpoint(options.endpoint);
    validateBucketName(options.bucket);
    this.bucket = options.bucket;
    this.signatureVersion = options.signatureVersion ?? 'v4';
    validateSignatureVersion(this.signatureVersion);
    this.region = resolveRegion(options.region, this.endpoint);
    if (typeof options.credentials === 'object') checkCredentials(options.credentials);
    this.credentials = options.credentials;
    this.rtmpBase = options.rtmpBase ? normalizeRtmpBase(options.rtmpBase) : defaultRtmpBase(this.endpoint, this.bucket, this.region);
    this.now = options.now ?? (() => new Date());
    const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    const retries = options.retries ?? DEFAULTS.retries;
    const baseDelayMs = options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs;
    const maxDelayMs = options.retryMaxDelayMs ?? DEFAULTS.retryMaxDelayMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ValidationError('timeoutMs', 'must be a positive number of milliseconds');
    nonNegativeInteger(retries, 'retries');
    if (!(baseDelayMs >= 0)) throw new ValidationError('retryBaseDelayMs', 'must be a non-negative number of milliseconds');
    if (!(maxDelayMs >= 0)) throw new ValidationError('retryMaxDelayMs', 'must be a non-negative number of milliseconds');
    this.transport = { timeoutMs, retries, baseDelayMs, maxDelayMs, ...(options.lookup ? { lookup: options.lookup } : {}) };
  }

  // ---- LiveChannel operations -------------------------------------------------------------------------------

  /** PutLiveChannel: creates the channel, or replaces the configuration of an idle one. Returns its URLs. */
  async putLiveChannel(channel: string, input: LiveChannelInput = {}, o?: CallOptions): Promise<LiveChannelUrls> {
    validateLiveChannelInput(channel, input);
    const response = await this.send({ method: 'PUT', key: channel, query: { live: '' }, xmlBody: buildLiveChannelConfiguration(input) }, o);
    return this.parse(response, parseCreateLiveChannelResult);
  }

  /** ListLiveChannel: one page (max-keys 1-1000, default 100 on the server). */
  async listLiveChannels(query: ListLiveChannelsQuery = {}, o?: CallOptions): Promise<ListLiveChannelsResult> {
    if (query.maxKeys !== undefined) validateMaxKeys(query.maxKeys);
    const params: Record<string, string> = { live: '' };
    if (query.prefix) params.prefix = query.prefix;
    if (query.marker) params.marker = query.marker;
    if (query.maxKeys !== undefined) params['max-keys'] = String(query.maxKeys);
    const response = await this.send({ method: 'GET', key: '', query: params }, o);
    return this.parse(response, parseListLiveChannelResult);
  }

  /** Every channel (matching `prefix`, after `marker` when given), page after page, in the server's (ascending) order. */
  async *listAllLiveChannels(query: ListLiveChannelsQuery = {}, o?: CallOptions): AsyncIterable<LiveChannelSummary> {
    let { marker } = query;
    for (;;) {
      const page = await this.listLiveChannels({ ...query, ...(marker !== undefined ? { marker } : {}) }, o);
      yield* page.channels;
      if (!page.isTruncated) return;
      // Servers that omit NextMarker when truncated still sort by name: continue after the last one.
      const next = page.nextMarker ?? page.channels.at(-1)?.name;
      if (next === undefined || next === marker) {
        throw new OssError({ status: 200, code: 'InvalidResponse', message: 'ListLiveChannelResult: truncated page without a marker to continue from' });
      }
      marker = next;
    }
  }

  /** DeleteLiveChannel. A retry answered 404 means an earlier attempt deleted it (its response was lost). */
  async deleteLiveChannel(channel: string, o?: CallOptions): Promise<void> {
    validateChannelName(channel);
    const response = await this.sendRaw({ method: 'DELETE', key: channel, query: { live: '' } }, o);
    if (isSuccess(response.status) || (response.status === 404 && response.attempt > 1)) return;
    throw errorFromResponse(response);
  }

  /** PutLiveChannelStatus: `disabled` forbids ingest and disconnects a live publisher (after about 10 s). */
  async putLiveChannelStatus(channel: string, status: ChannelStatus, o?: CallOptions): Promise<void> {
    validateChannelName(channel);
    validateChannelStatus(status);
    await this.send({ method: 'PUT', key: channel, query: { live: '', status } }, o);
  }

  /** GetLiveChannelInfo: the configuration, defaults filled in. */
  async getLiveChannelInfo(channel: string, o?: CallOptions): Promise<LiveChannelConfig> {
    validateChannelName(channel);
    return this.parse(await this.send({ method: 'GET', key: channel, query: { live: '' } }, o), parseLiveChannelConfiguration);
  }

  /** GetLiveChannelStat: Idle, Disabled, or Live with connection and (once media arrived) stream details. */
  async getLiveChannelStat(channel: string, o?: CallOptions): Promise<LiveChannelStat> {
    validateChannelName(channel);
    return this.parse(await this.send({ method: 'GET', key: channel, query: { live: '', comp: 'stat' } }, o), parseLiveChannelStat);
  }

  /** GetLiveChannelHistory: the last (at most 10) ingest sessions, oldest first. */
  async getLiveChannelHistory(channel: string, o?: CallOptions): Promise<LiveRecord[]> {
    validateChannelName(channel);
    return this.parse(await this.send({ method: 'GET', key: channel, query: { live: '', comp: 'history' } }, o), parseLiveChannelHistory);
  }

  /**
   * PostVodPlaylist: writes `<channel>/<playlistName>` listing the ts whose start lies in the range.
   * Never retried: a POST whose response was lost may have been applied.
   */
  async postVodPlaylist(channel: string, playlistName: string, range: VodRange, o?: CallOptions): Promise<{ etag?: string }> {
    validateChannelName(channel);
    validatePlaylistName(playlistName);
    validateVodRange(range.startTime, range.endTime);
    const response = await this.send({ method: 'POST', key: `${channel}/${playlistName}`, query: vodQuery(range) }, o);
    const etag = response.headers.etag;
    return etag ? { etag } : {};
  }

  /** GetVodPlaylist: the m3u8 text for a range, without storing it (a dry run of PostVodPlaylist). */
  async getVodPlaylist(channel: string, range: VodRange, o?: CallOptions): Promise<string> {
    validateChannelName(channel);
    validateVodRange(range.startTime, range.endTime);
    return decoder.decode((await this.send({ method: 'GET', key: channel, query: vodQuery(range) }, o)).body);
  }

  // ---- Signed URLs --------------------------------------------------------------------------------------------

  /**
   * Signs the RTMP ingest URL (synchronous, so static credentials only; see `signRtmpUrlAsync` for a provider).
   * Anonymous clients get the unsigned URL with only the params; its `expiresAt` is then only what was asked for,
   * the URL itself carries no expiry.
   */
  signRtmpUrl(channel: string, options: SignRtmpUrlOptions = {}): SignedRtmpUrl {
    if (typeof this.credentials === 'function') {
      throw new ValidationError('credentials', 'signRtmpUrl needs static credentials; use signRtmpUrlAsync with a credentials provider');
    }
    return this.buildRtmpUrl(channel, options, this.credentials && checkCredentials(this.credentials));
  }

  /** Same as `signRtmpUrl`, resolving the credentials (provider or static) first. */
  async signRtmpUrlAsync(channel: string, options: SignRtmpUrlOptions = {}): Promise<SignedRtmpUrl> {
    validateChannelName(channel);
    return this.buildRtmpUrl(channel, options, await resolveCredentials(this.credentials));
  }

  private buildRtmpUrl(channel: string, options: SignRtmpUrlOptions, credentials: Credentials | undefined): SignedRtmpUrl {
    validateChannelName(channel);
    if (options.playlistName !== undefined) validatePlaylistName(options.playlistName);
    const now = options.now ?? this.now();
    const { expires } = expiryFrom(options, now);
    const params: Record<string, string> = options.playlistName ? { playlistName: options.playlistName } : {};
    const query = signRtmpQuery({ bucket: this.bucket, channel, expires, params, ...(credentials ? { credentials } : {}) });
    return { ...rtmpPublishUrl(this.rtmpBase, channel, query), expiresAt: new Date(expires * 1000) };
  }

  /**
   * A presigned GET (or HEAD) URL for `key`, signed with the client's signature version. With
   * `process: 'hls/sign'` OSS signs the ts URIs inside the returned m3u8 the same way (private-bucket playback).
   */
  async presignUrl(key: string, options: PresignOptions = {}): Promise<string> {
    validateObjectKey(key);
    const method = options.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') throw new ValidationError('method', "must be 'GET' or 'HEAD'");
    if (options.process === '') throw new ValidationError('process', 'must not be empty when given');
    const now = options.now ?? this.now();
    const { expires, expiresInSeconds } = expiryFrom(options, now);
    const query: Record<string, string> = options.process ? { 'x-oss-process': options.process } : {};
    const credentials = await resolveCredentials(this.credentials);
    if (!credentials) return objectUrl(this.endpoint, this.bucket, key, query);
    if (this.signatureVersion === 'v1') {
      return objectUrl(this.endpoint, this.bucket, key, presignQueryV1({ method, bucket: this.bucket, key, query, expires, credentials }));
    }
    if (expiresInSeconds > MAX_V4_PRESIGN_SECONDS) {
      throw new ValidationError('expiresInSeconds', `must be at most ${MAX_V4_PRESIGN_SECONDS} (7 days) for V4 presigned URLs`);
    }
    const region = this.requireRegion();
    return objectUrl(this.endpoint, this.bucket, key, presignQueryV4({ method, bucket: this.bucket, key, query, date: now, expiresInSeconds, region, credentials }));
  }

  // ---- Objects (clips) ----------------------------------------------------------------------------------------

  /** GetObject, optionally a byte range (both ends inclusive). */
  async getObject(key: string, options: { range?: ByteRange } = {}, o?: CallOptions): Promise<ObjectContent> {
    validateObjectKey(key);
    const headers: Record<string, string> = {};
    if (options.range) {
      const { start, end } = options.range;
      nonNegativeInteger(start, 'range.start');
      if (end !== undefined) {
        nonNegativeInteger(end, 'range.end');
        if (end < start) throw new ValidationError('range.end', 'must not be less than range.start');
      }
      headers.range = `bytes=${start}-${end ?? ''}`;
    }
    const response = await this.send({ method: 'GET', key, query: {}, headers }, o);
    const contentRange = response.headers['content-range'];
    return { body: response.body, ...this.objectMeta(response), ...(contentRange ? { contentRange } : {}) };
  }

  /** HeadObject: size, type, ETag and modification time (errors decoded from `x-oss-err`). */
  async headObject(key: string, o?: CallOptions): Promise<ObjectHead> {
    validateObjectKey(key);
    const response = await this.send({ method: 'HEAD', key, query: {} }, o);
    const length = Number(response.headers['content-length'] ?? '');
    if (!Number.isInteger(length) || length < 0) {
      throw this.invalidResponse(response, `Content-Length: expected a byte count (got '${response.headers['content-length'] ?? ''}')`);
    }
    return { contentLength: length, ...this.objectMeta(response) };
  }

  /** ListObjects (v2): one page of keys under `prefix`, rolled up at `delimiter`. */
  async listObjects(query: ListObjectsQuery = {}, o?: CallOptions): Promise<ListObjectsResult> {
    if (query.maxKeys !== undefined) validateMaxKeys(query.maxKeys);
    const params: Record<string, string> = { 'list-type': '2' };
    if (query.prefix) params.prefix = query.prefix;
    if (query.delimiter) params.delimiter = query.delimiter;
    if (query.continuationToken) params['continuation-token'] = query.continuationToken;
    if (query.maxKeys !== undefined) params['max-keys'] = String(query.maxKeys);
    return this.parse(await this.send({ method: 'GET', key: '', query: params }, o), parseListBucketResult);
  }

  // ---- Plumbing -----------------------------------------------------------------------------------------------

  private objectMeta(response: WireResponse): { contentType: string; etag: string; lastModified: Date } {
    const lastModified = new Date(response.headers['last-modified'] ?? '');
    if (Number.isNaN(lastModified.getTime())) {
      throw this.invalidResponse(response, `Last-Modified: expected an HTTP date (got '${response.headers['last-modified'] ?? ''}')`);
    }
    return { contentType: response.headers['content-type'] ?? 'application/octet-stream', etag: response.headers.etag ?? '', lastModified };
  }

  private requireRegion(): string {
    if (this.region === undefined) {
      throw new ValidationError('region', `is required for V4 signatures: '${this.endpoint.hostname}' does not name one (e.g. cn-hangzhou)`);
    }
    return this.region;
  }

  /** Sends and throws OssError for any non-2xx answer. */
  private async send(api: ApiRequest, o?: CallOptions): Promise<WireResponse> {
    const response = await this.sendRaw(api, o);
    if (!isSuccess(response.status)) throw errorFromResponse(response);
    return response;
  }

  /** Sends with retries (idempotent methods only); each attempt is signed afresh. */
  private sendRaw(api: ApiRequest, o?: CallOptions): Promise<WireResponse> {
    return sendWithRetries(() => this.prepare(api), {
      ...this.transport,
      ...(o?.signal ? { signal: o.signal } : {}),
      ...(o?.retries !== undefined ? { retries: o.retries } : {}),
      idempotent: api.method !== 'POST',
    });
  }

  private async prepare(api: ApiRequest): Promise<WireRequest> {
    const body = api.xmlBody === undefined ? undefined : new TextEncoder().encode(api.xmlBody);
    const headers: Record<string, string> = { 'user-agent': 'oss-live-companion', ...api.headers };
    if (body) {
      headers['content-type'] = 'application/xml';
      headers['content-md5'] = md5Base64(body);
    }
    // Explicit zero length: otherwise Node sends an empty PUT/POST chunked.
    if (body || api.method === 'PUT' || api.method === 'POST') headers['content-length'] = String(body?.length ?? 0);
    const credentials = await resolveCredentials(this.credentials);
    const now = this.now();
    if (this.signatureVersion === 'v4') {
      headers['x-oss-date'] = formatV4Date(now);
      headers['x-oss-content-sha256'] = UNSIGNED_PAYLOAD;
    } else {
      headers.date = headers['x-oss-date'] = now.toUTCString();
    }
    if (credentials) {
      if (credentials.securityToken) headers['x-oss-security-token'] = credentials.securityToken;
      const signing = { method: api.method, bucket: this.bucket, key: api.key, query: api.query, headers };
      headers.authorization =
        this.signatureVersion === 'v4'
          ? authorizationV4(signing, credentials, this.requireRegion()).authorization
          : authorizationV1(signing, credentials).authorization;
    }
    return { method: api.method, target: requestTarget(this.endpoint, this.bucket, api.key, api.query), headers, ...(body ? { body } : {}) };
  }

  private parse<T>(response: WireResponse, parse: (xml: string) => T): T {
    try {
      return parse(decoder.decode(response.body));
    } catch (error) {
      if (error instanceof XmlShapeError) throw this.invalidResponse(response, error.message, error);
      throw error;
    }
  }

  private invalidResponse(response: WireResponse, message: string, cause?: unknown): OssError {
    const requestId = response.headers['x-oss-request-id'];
    return new OssError({
      status: response.status,
      code: 'InvalidResponse',
      message,
      ...(requestId ? { requestId } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
  }
}
