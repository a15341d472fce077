/**
 * RTMP ingest URL signing (pure): the V1 HMAC-SHA1 scheme of the OSS docs, used even by V4 clients.
 *
 *   StringToSign = Expires \n [ `key:value\n` for each param, sorted by key ] /bucket/channel
 *
 * STS: like oss2 (`AuthBase._sign_rtmp_url`) and the Java SDK, `security-token` is one of the params, so it is both
 * carried in the URL and signed. (ali-oss drops the token entirely, which fails against STS-only buckets.)
 */
import type { Credentials } from './credentials';
import { signatureV1 } from './sign-v1';
import { encodeRfc3986, formatQuery } from './uri-encoding';

/** Query keys that are the signature itself, never part of the signed params (oss2's exclusion list). */
const NOT_SIGNED = new Set(['OSSAccessKeyId', 'Expires', 'Signature', 'SecurityToken']);

export interface RtmpSigningInput {
  bucket: string;
  /** Raw channel name; the signature always uses `/<bucket>/<channel>`, whatever the publish base. */
  channel: string;
  /** Absolute expiry, Unix seconds. */
  expires: number;
  /** Publish parameters such as `playlistName`. */
  params: Readonly<Record<string, string>>;
  /** Absent = anonymous: the URL carries only the params (oss2 `AnonymousAuth`). */
  credentials?: Credentials;
}

export function rtmpStringToSign(bucket: string, channel: string, expires: number, params: Readonly<Record<string, string>>): string {
  const canonicalParams = Object.keys(params)
    .filter((key) => !NOT_SIGNED.has(key))
    .sort()
    .map((key) => `${key}:${params[key] ?? ''}\n`)
    .join('');
  return `${expires}\n${canonicalParams}/${bucket}/${channel}`;
}

/**
 * The publish query in ali-oss order: `OSSAccessKeyId`, `Expires`, `Signature`, then the params sorted by key
 * (`playlistName`, `security-token`).
 */
export function signRtmpQuery(input: RtmpSigningInput): Record<string, string> {
  const { credentials } = input;
  const params: Record<string, string> = { ...input.params };
  if (credentials?.securityToken) params['security-token'] = credentials.securityToken;
  const sortedParams = Object.fromEntries(Object.keys(params).sort().map((key) => [key, params[key] ?? '']));
  if (!credentials) return sortedParams;
  const stringToSign = rtmpStringToSign(input.bucket, input.channel, input.expires, sortedParams);
  return {
    OSSAccessKeyId: credentials.accessKeyId,
    Expires: String(input.expires),
    Signature: signatureV1(credentials.accessKeySecret, stringToSign),
    ...sortedParams,
  };
}

/** Splits a publish URL the way OBS wants it: `server` + "/" + `streamKey` (`<encoded channel>?<query>`). */
export function rtmpPublishUrl(server: string, channel: string, query: Readonly<Record<string, string>>): { url: string; server: string; streamKey: string } {
  const search = formatQuery(query);
  const streamKey = search ? `${encodeRfc3986(channel)}?${search}` : encodeRfc3986(channel);
  return { url: `${server}/${streamKey}`, server, streamKey };
}
