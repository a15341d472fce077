/**
 * From a raw request (target + Host) to what it addresses: bucket, object key and query.
 *
 * Telling the three addressing styles apart, in this order:
 *  1. Virtual-hosted: the Host's first label names a known bucket (`local.localhost`, `local.oss-local.aliyuncs.com`
 *     — ali-oss sends the latter with an IP endpoint). Hosts under `.localhost` or `.aliyuncs.com` with a label
 *     before the service part always name a bucket, so an unknown one is 404 NoSuchBucket.
 *  2. Path-style: the first path segment equals a known bucket (`/local/channel?live`).
 *  3. Bucket-less: anything else goes to the default bucket with the whole path as the key (ali-oss with an IP
 *     endpoint and `cname: true` sends `/channel?live`).
 * So in the default bucket, a key whose first segment is another bucket's name is only reachable path-style or
 * virtual-hosted — a documented limit of serving several buckets on one IP.
 */
import { isIP } from 'node:net';

import { ERRORS, OssServiceError } from '../errors';

/** Query parameters, decoded; for a repeated name the first occurrence wins (as OSS does). Bare `k` → `''`. */
export type Query = Readonly<Record<string, string>>;

export interface RequestTarget {
  /** Decoded path, e.g. `/lc/test.m3u8` for `/lc%2Ftest.m3u8`. */
  path: string;
  query: Query;
}

export interface Address {
  bucket: string;
  /** Decoded object key; '' addresses the bucket itself. */
  key: string;
  style: 'virtual-hosted' | 'path' | 'bucket-less';
}

function decode(text: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    throw new OssServiceError(ERRORS.invalidUri, 'It contains invalid percent-encoding.');
  }
}

/** Splits and decodes a request target (`/path?query`); 400 InvalidURI for anything that is not one. */
export function parseTarget(url: string): RequestTarget {
  if (!url.startsWith('/')) throw new OssServiceError(ERRORS.invalidUri, 'The request target must start with /.');
  const queryAt = url.indexOf('?');
  const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1);
  const query: Record<string, string> = {};
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq), true);
    if (!Object.hasOwn(query, name)) query[name] = eq < 0 ? '' : decode(part.slice(eq + 1), true);
  }
  return { path: decode(rawPath, false), query };
}

/** The host name of a Host header: lower case, port and IPv6 brackets removed. */
export function hostName(host: string | undefined): string {
  const text = (host ?? '').trim().toLowerCase();
  if (text.startsWith('[')) return text.slice(1, text.indexOf(']') < 0 ? undefined : text.indexOf(']'));
  return text.replace(/:\d*$/, '');
}

/** The bucket a Host names by its first label, if it names one (see the module comment). */
function virtualHostBucket(hostname: string, isKnown: (bucket: string) => boolean): string | undefined {
  if (hostname === '' || isIP(hostname) !== 0) return undefined;
  const labels = hostname.split('.');
  const [first = ''] = labels;
  if (labels.length < 2) return undefined;
  if (isKnown(first)) return first;
  const alwaysBucket =
    (hostname.endsWith('.localhost') && labels.length >= 2) || (hostname.endsWith('.aliyuncs.com') && labels.length >= 4);
  if (alwaysBucket) throw new OssServiceError(ERRORS.noSuchBucket, undefined, [['BucketName', first]]);
  return undefined;
}

/** Which bucket and key a request addresses (see the module comment for the rule). */
export function resolveAddress(host: string | undefined, path: string, isKnown: (bucket: string) => boolean, defaultBucket: string): Address {
  const fromHost = virtualHostBucket(hostName(host), isKnown);
  if (fromHost !== undefined) return { bucket: fromHost, key: path.slice(1), style: 'virtual-hosted' };
  const slash = path.indexOf('/', 1);
  const first = slash < 0 ? path.slice(1) : path.slice(1, slash);
  if (first !== '' && isKnown(first)) return { bucket: first, key: slash < 0 ? '' : path.slice(slash + 1), style: 'path' };
  return { bucket: defaultBucket, key: path.slice(1), style: 'bucket-less' };
}
