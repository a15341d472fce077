/**
 * OSS signature version 1 (HMAC-SHA1), as pure functions: header `Authorization: OSS <id>:<sig>` and presigned URLs.
 *
 *   StringToSign = VERB \n Content-MD5 \n Content-Type \n Date-or-Expires \n CanonicalizedOSSHeaders CanonicalizedResource
 *   CanonicalizedOSSHeaders = every `x-oss-*` header as `name:trimmed-value\n`, sorted by name
 *   CanonicalizedResource   = `/bucket/key` + `?` + the sub-resources only, sorted, raw values, `k` when empty
 */
import { createHmac } from 'node:crypto';

import type { Credentials } from './credentials';
import type { QueryParams } from './uri-encoding';

/** Query parameters OSS counts as sub-resources in V1 (the rest, e.g. prefix/marker/max-keys, is not signed). */
export const V1_SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl', 'append', 'bucketInfo', 'callback', 'callback-var', 'comp', 'continuation-token', 'cors', 'delete', 'endTime',
  'lifecycle', 'live', 'location', 'logging', 'objectMeta', 'partNumber', 'policy', 'position', 'referer', 'restore',
  'response-cache-control', 'response-content-disposition', 'response-content-encoding', 'response-content-language',
  'response-content-type', 'response-expires', 'security-token', 'startTime', 'stat', 'status', 'symlink', 'tagging',
  'uploadId', 'uploads', 'versionId', 'versioning', 'versions', 'vod', 'website', 'x-oss-process', 'x-oss-traffic-limit',
]);

/** What V1 signs of a request. `key` is the raw (decoded) object key; '' addresses the bucket. */
export interface V1SigningInput {
  method: string;
  bucket: string;
  key: string;
  query: QueryParams;
  /** Request headers (any case); only Content-MD5, Content-Type, Date/x-oss-date and x-oss-* matter. */
  headers: Readonly<Record<string, string>>;
}

const lowerCaseKeys = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

/** `/bucket/key?sub=resources` with raw values; bucket-level resources end in `/`. */
export function canonicalizedResourceV1(bucket: string, key: string, query: QueryParams): string {
  const subResources = Object.keys(query)
    .filter((name) => V1_SUB_RESOURCES.has(name))
    .sort()
    .map((name) => (query[name] ? `${name}=${query[name]}` : name));
  const path = bucket ? `/${bucket}/${key}` : '/';
  return subResources.length > 0 ? `${path}?${subResources.join('&')}` : path;
}

/**
 * The V1 string to sign. `dateOrExpires` replaces the Date line (presigned URLs put `Expires` there);
 * otherwise `x-oss-date` wins over `Date`, as OSS reads them.
 */
export function stringToSignV1(input: V1SigningInput, dateOrExpires?: string): string {
  const headers = lowerCaseKeys(input.headers);
  const date = dateOrExpires ?? headers['x-oss-date'] ?? headers.date ?? '';
  const ossHeaders = Object.keys(headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${(headers[name] ?? '').trim()}\n`)
    .join('');
  return [
    input.method.toUpperCase(),
    headers['content-md5'] ?? '',
    headers['content-type'] ?? '',
    date,
    `${ossHeaders}${canonicalizedResourceV1(input.bucket, input.key, input.query)}`,
  ].join('\n');
}

/** base64(HMAC-SHA1(secret, stringToSign)). */
export function signatureV1(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha1', accessKeySecret).update(stringToSign, 'utf8').digest('base64');
}

/** The `Authorization` header value and the string it signed (kept for SignatureDoesNotMatch diagnostics). */
export function authorizationV1(input: V1SigningInput, credentials: Credentials): { authorization: string; stringToSign: string } {
  const stringToSign = stringToSignV1(input);
  return { authorization: `OSS ${credentials.accessKeyId}:${signatureV1(credentials.accessKeySecret, stringToSign)}`, stringToSign };
}

/** What a V1 presigned URL signs: the request without headers, plus the absolute expiry. */
export interface V1PresignInput {
  method: string;
  bucket: string;
  key: string;
  /** Extra parameters that must be part of the URL, e.g. `{ 'x-oss-process': 'hls/sign' }`. */
  query: QueryParams;
  /** Absolute expiry, Unix seconds. */
  expires: number;
  credentials: Credentials;
}

/**
 * The query of a V1 presigned URL: `OSSAccessKeyId`, `Expires`, `Signature`, then the given parameters and
 * `security-token` (a sub-resource, hence signed) for STS credentials.
 */
export function presignQueryV1(input: V1PresignInput): Record<string, string> {
  const { credentials } = input;
  const query: Record<string, string> = { ...input.query };
  if (credentials.securityToken) query['security-token'] = credentials.securityToken;
  const stringToSign = stringToSignV1({ method: input.method, bucket: input.bucket, key: input.key, query, headers: {} }, String(input.expires));
  return {
    OSSAccessKeyId: credentials.accessKeyId,
    Expires: String(input.expires),
    Signature: signatureV1(credentials.accessKeySecret, stringToSign),
    ...query,
  };
}
