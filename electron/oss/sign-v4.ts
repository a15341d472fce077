/**
 * OSS signature version 4 (OSS4-HMAC-SHA256), as pure functions: `Authorization` header and presigned URLs.
 *
 *   CanonicalRequest = VERB \n URIEncode(/bucket/key, keep '/') \n CanonicalQuery \n CanonicalHeaders \n
 *                      AdditionalHeaders \n HashedPayload
 *   CanonicalQuery   = every parameter, name and value RFC 3986 encoded, sorted; `k` when the value is empty
 *   CanonicalHeaders = content-type, content-md5, every x-oss-* and each additional header: `name:trimmed\n`, sorted
 *   StringToSign     = OSS4-HMAC-SHA256 \n x-oss-date \n <yyyymmdd>/<region>/oss/aliyun_v4_request \n hex(sha256(CR))
 *   SigningKey       = HMAC chain over "aliyun_v4"+secret, yyyymmdd, region, "oss", "aliyun_v4_request"
 */
import { createHash, createHmac } from 'node:crypto';

import type { Credentials } from './credentials';
import type { QueryParams } from './uri-encoding';
import { encodeKeyPath, encodeRfc3986 } from './uri-encoding';

export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const PRODUCT = 'oss';

/** `20231203T121212Z`: the V4 timestamp format (UTC). */
export function formatV4Date(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** `<yyyymmdd>/<region>/oss/aliyun_v4_request`. */
export function credentialScope(day: string, region: string): string {
  return `${day}/${region}/${PRODUCT}/aliyun_v4_request`;
}

/** What V4 signs of a request. `key` is the raw object key; '' addresses the bucket. */
export interface V4SigningInput {
  method: string;
  bucket: string;
  key: string;
  query: QueryParams;
  /** Request headers (any case). */
  headers: Readonly<Record<string, string>>;
  /** Extra header names to sign (lower case); content-type, content-md5 and x-oss-* are always signed. */
  additionalHeaders?: readonly string[];
}

export function canonicalQueryV4(query: QueryParams): string {
  return Object.entries(query)
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`))
    .join('&');
}

export function canonicalRequestV4(input: V4SigningInput): string {
  const headers = Object.fromEntries(Object.entries(input.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const additional = [...new Set(input.additionalHeaders ?? [])].sort();
  const signed = Object.keys(headers)
    .filter((name) => name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-') || additional.includes(name))
    .sort();
  const path = input.bucket ? `/${input.bucket}/${input.key}` : '/';
  return [
    input.method.toUpperCase(),
    encodeKeyPath(path),
    canonicalQueryV4(input.query),
    signed.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join(''),
    additional.join(';'),
    headers['x-oss-content-sha256'] ?? UNSIGNED_PAYLOAD,
  ].join('\n');
}

export function stringToSignV4(canonicalRequest: string, timestamp: string, region: string): string {
  const day = timestamp.slice(0, 8);
  const hash = createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  return [V4_ALGORITHM, timestamp, credentialScope(day, region), hash].join('\n');
}

/** hex(HMAC-SHA256(signingKey, stringToSign)). */
export function signatureV4(accessKeySecret: string, day: string, region: string, stringToSign: string): string {
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
  const signingKey = hmac(hmac(hmac(hmac(`aliyun_v4${accessKeySecret}`, day), region), PRODUCT), 'aliyun_v4_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

export interface V4Signed {
  authorization: string;
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * The `Authorization` header for a request whose headers already carry `x-oss-date` and `x-oss-content-sha256`
 * (and `x-oss-security-token` for STS credentials).
 */
export function authorizationV4(input: V4SigningInput, credentials: Credentials, region: string): V4Signed {
  const timestamp = Object.entries(input.headers).find(([name]) => name.toLowerCase() === 'x-oss-date')?.[1];
  if (!timestamp) throw new Error('V4 signing needs an x-oss-date header');
  const canonicalRequest = canonicalRequestV4(input);
  const stringToSign = stringToSignV4(canonicalRequest, timestamp, region);
  const day = timestamp.slice(0, 8);
  const signature = signatureV4(credentials.accessKeySecret, day, region, stringToSign);
  const additional = [...new Set(input.additionalHeaders ?? [])].sort();
  const authorization =
    `${V4_ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope(day, region)},` +
    `${additional.length > 0 ? `AdditionalHeaders=${additional.join(';')},` : ''}Signature=${signature}`;
  return { authorization, canonicalRequest, stringToSign };
}

export interface V4PresignInput {
  method: string;
  bucket: string;
  key: string;
  /** Extra parameters that must be part of the URL, e.g. `{ 'x-oss-process': 'hls/sign' }`. */
  query: QueryParams;
  /** Signing time. */
  date: Date;
  /** Lifetime in seconds from `date` (V4 allows at most 7 days). */
  expiresInSeconds: number;
  region: string;
  credentials: Credentials;
}

/**
 * The query of a V4 presigned URL: the given parameters, the `x-oss-*` signing parameters (security token included
 * for STS) and finally `x-oss-signature` over all of them.
 */
export function presignQueryV4(input: V4PresignInput): Record<string, string> {
  const timestamp = formatV4Date(input.date);
  const { credentials } = input;
  const query: Record<string, string> = {
    ...input.query,
    'x-oss-credential': `${credentials.accessKeyId}/${credentialScope(timestamp.slice(0, 8), input.region)}`,
    'x-oss-date': timestamp,
    'x-oss-expires': String(input.expiresInSeconds),
    'x-oss-signature-version': V4_ALGORITHM,
    ...(credentials.securityToken ? { 'x-oss-security-token': credentials.securityToken } : {}),
  };
  const canonicalRequest = canonicalRequestV4({ method: input.method, bucket: input.bucket, key: input.key, query, headers: {} });
  const stringToSign = stringToSignV4(canonicalRequest, timestamp, input.region);
  return { ...query, 'x-oss-signature': signatureV4(credentials.accessKeySecret, timestamp.slice(0, 8), input.region, stringToSign) };
}
