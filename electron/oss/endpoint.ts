import { isIP } from 'node:net';

import { ValidationError } from '../../shared/validation';
import type { QueryParams } from './uri-encoding';
import { encodeKeyPath, formatQuery } from './uri-encoding';

/** A parsed OSS endpoint and the addressing style it implies. */
export interface Endpoint {
  protocol: 'http:' | 'https:';
  /** Host name as URLs write it (IPv6 in brackets), lower case, no port. */
  hostname: string;
  /** Explicit port, absent for the protocol default. */
  port?: number;
  /**
   * Path-style (`/bucket/key`) for IP and `localhost` endpoints, which cannot carry a bucket sub-domain;
   * virtual-hosted (`bucket.host/key`) for domain endpoints, as OSS requires.
   */
  pathStyle: boolean;
}

/** Where one request goes: the host to connect to and the exact path + query to send. */
export interface RequestTarget {
  protocol: 'http:' | 'https:';
  /** Host to connect to (and to put in `Host`), brackets stripped from IPv6. */
  hostname: string;
  port?: number;
  /** Encoded path with query, e.g. `/test-channel?live&comp=stat`. */
  path: string;
}

const ENDPOINT_FIELD = 'endpoint';

/**
 * Parses `oss-cn-hangzhou.aliyuncs.com`, `https://host:8443` or `http://127.0.0.1:9000`.
 * No scheme means https; anything beyond scheme, host and port is rejected.
 */
export function parseEndpoint(endpoint: string): Endpoint {
  const text = typeof endpoint === 'string' ? endpoint.trim() : '';
  if (!text) throw new ValidationError(ENDPOINT_FIELD, 'must not be empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ValidationError(ENDPOINT_FIELD, `must be a host name or an http(s) URL (got '${text}')`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(ENDPOINT_FIELD, `must use http or https (got '${url.protocol.slice(0, -1)}')`);
  }
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ValidationError(ENDPOINT_FIELD, 'must be scheme, host and port only (no path, query or user)');
  }
  const bare = unbracket(url.hostname);
  const pathStyle = isIP(bare) !== 0 || bare === 'localhost';
  return { protocol: url.protocol, hostname: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), pathStyle };
}

const unbracket = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * The region of a standard endpoint `oss-<region>[-internal].aliyuncs.com`, or undefined when the host does not
 * name one (IP, custom domain, and the global `oss-accelerate[-overseas]` endpoints).
 */
export function regionFromHostname(hostname: string): string | undefined {
  const match = /^oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(hostname.toLowerCase());
  const region = match?.[1];
  if (!region || region.startsWith('accelerate')) return undefined;
  return region;
}

/** The region to sign V4 with: the explicit one (an `oss-` prefix is dropped), else the endpoint's. */
export function resolveRegion(explicit: string | undefined, endpoint: Endpoint): string | undefined {
  if (explicit !== undefined && explicit !== '') {
    const region = explicit.replace(/^oss-/, '');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(region)) {
      throw new ValidationError('region', `must be a region id such as cn-hangzhou (got '${explicit}')`);
    }
    return region;
  }
  return regionFromHostname(endpoint.hostname);
}

const authority = (hostname: string, port: number | undefined): string => (port === undefined ? hostname : `${hostname}:${port}`);

/** Host name that serves `bucket`: the endpoint itself (path-style) or `bucket.<endpoint>`. */
export function bucketHostname(endpoint: Endpoint, bucket: string): string {
  return endpoint.pathStyle ? endpoint.hostname : `${bucket}.${endpoint.hostname}`;
}

/** `/bucket/key` (path-style) or `/key` (virtual-hosted), key percent-encoded; bucket level when key is ''. */
export function objectPath(endpoint: Endpoint, bucket: string, key: string): string {
  const encodedKey = encodeKeyPath(key);
  return endpoint.pathStyle ? `/${bucket}/${encodedKey}` : `/${encodedKey}`;
}

/** Connection target and request path for `key` (or the bucket when key is '') with `query`. */
export function requestTarget(endpoint: Endpoint, bucket: string, key: string, query: QueryParams): RequestTarget {
  const search = formatQuery(query);
  return {
    protocol: endpoint.protocol,
    hostname: unbracket(bucketHostname(endpoint, bucket)),
    ...(endpoint.port !== undefined ? { port: endpoint.port } : {}),
    path: search ? `${objectPath(endpoint, bucket, key)}?${search}` : objectPath(endpoint, bucket, key),
  };
}

/** Absolute URL of `key` with `query`, e.g. for presigned links. */
export function objectUrl(endpoint: Endpoint, bucket: string, key: string, query: QueryParams): string {
  const search = formatQuery(query);
  const origin = `${endpoint.protocol}//${authority(bucketHostname(endpoint, bucket), endpoint.port)}`;
  return `${origin}${objectPath(endpoint, bucket, key)}${search ? `?${search}` : ''}`;
}

/**
 * Default RTMP publish base: `rtmp://<bucket>.<host>/live` for domain endpoints (OSS's own ingest),
 * `rtmp://<host>/<bucket>/live` for IP/localhost endpoints (the local emulator's app is `<bucket>/live`).
 * RTMP has its own port (1935, left implicit), so the HTTP port is never carried over. Transfer acceleration is for
 * HTTP only: with an accelerate endpoint, ingest goes to the bucket's region endpoint (when the region is known).
 */
export function defaultRtmpBase(endpoint: Endpoint, bucket: string, region?: string): string {
  if (endpoint.pathStyle) return `rtmp://${endpoint.hostname}/${bucket}/live`;
  const accelerated = /^oss-accelerate(-overseas)?\.aliyuncs\.com$/.test(endpoint.hostname);
  const host = accelerated && region ? `oss-${region}.aliyuncs.com` : endpoint.hostname;
  return `rtmp://${bucket}.${host}/live`;
}

/** Checks a configured RTMP base (`rtmp[s]://host[:port]/app`) and drops a trailing slash. */
export function normalizeRtmpBase(base: string): string {
  const trimmed = base.trim().replace(/\/+$/, '');
  if (!/^rtmps?:\/\/[^/?#\s]+\/[^?#\s]+$/i.test(trimmed)) {
    throw new ValidationError('rtmpBase', `must look like rtmp://host[:port]/app (got '${base}')`);
  }
  return trimmed;
}
