/**
 * Request authentication the way OSS does it: V1 header (`OSS id:sig`), V1 presigned URL (`OSSAccessKeyId`,
 * `Expires`, `Signature`), V4 header (`OSS4-HMAC-SHA256 Credential=…`) and V4 presigned URL (`x-oss-signature-*`),
 * each with STS tokens. The signature is recomputed with the client's own pure signers (electron/oss) and compared
 * in constant time; nothing here re-implements canonicalisation.
 */
import type { CredentialAuthority, Signer } from '../credentials';
import { constantTimeEqual } from '../credentials';
import { ERRORS, OssServiceError } from '../errors';
import { V1_SUB_RESOURCES, signatureV1, stringToSignV1 } from '../../electron/oss/sign-v1';
import { UNSIGNED_PAYLOAD, V4_ALGORITHM, canonicalQueryV4, canonicalRequestV4, signatureV4, stringToSignV4 } from '../../electron/oss/sign-v4';
import type { Query } from './addressing';

/** OSS refuses header-signed requests whose time is more than 15 minutes off. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface AuthRequest {
  method: string;
  bucket: string;
  key: string;
  query: Query;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
}

/** How a request was signed; presigned forms keep what `hls/sign` needs to sign segment URLs the same way. */
export type Authentication =
  | { kind: 'anonymous' }
  | { kind: 'header'; signer: Signer }
  | { kind: 'presigned-v1'; signer: Signer; expires: number }
  | { kind: 'presigned-v4'; signer: Signer; date: Date; expiresInSeconds: number };

export interface AuthContext {
  authority: CredentialAuthority;
  /** The emulator's region: V4 scopes must name it. */
  region: string;
  now: Date;
}

const V4_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseV4Date(text: string | undefined): Date | undefined {
  const match = text === undefined ? null : V4_DATE.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `50 55 54 0A ...`: the bytes of the string to sign, as OSS prints them in SignatureDoesNotMatch. */
function hexBytes(text: string): string {
  return `${[...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ')} `;
}

function signatureMismatch(accessKeyId: string, provided: string, stringToSign: string, canonicalRequest?: string): OssServiceError {
  return new OssServiceError(ERRORS.signatureDoesNotMatch, undefined, [
    ['OSSAccessKeyId', accessKeyId],
    ['SignatureProvided', provided],
    ['StringToSign', stringToSign],
    ['StringToSignBytes', hexBytes(stringToSign)],
    ...(canonicalRequest !== undefined ? [['CanonicalRequest', canonicalRequest] as const] : []),
  ]);
}

/** A time as OSS prints it in auth errors: ISO 8601 cut to whole seconds (`2024-05-01T12:00:00.000Z`). */
const wholeSecondTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, '.000Z');

function checkSkew(requestTime: Date, now: Date, rawTime: string): void {
  if (Math.abs(requestTime.getTime() - now.getTime()) > MAX_SKEW_MS) {
    throw new OssServiceError(ERRORS.requestTimeTooSkewed, undefined, [
      ['RequestTime', rawTime],
      ['ServerTime', wholeSecondTime(now)],
      ['MaxAllowedSkewMilliseconds', String(MAX_SKEW_MS)],
    ]);
  }
}

function checkNotExpired(expiresAtMs: number, now: Date): void {
  if (expiresAtMs < now.getTime()) {
    throw new OssServiceError(ERRORS.requestExpired, undefined, [
      ['Expires', wholeSecondTime(new Date(expiresAtMs))],
      ['ServerTime', wholeSecondTime(now)],
    ]);
  }
}

const withoutAuthorization = (headers: Readonly<Record<string, string>>): Record<string, string> => {
  const { authorization: _ignored, ...rest } = headers;
  return rest;
};

function authenticateV1Header(request: AuthRequest, credential: string, context: AuthContext): Authentication {
  const colon = credential.lastIndexOf(':');
  if (colon <= 0) throw new OssServiceError(ERRORS.invalidAuthorization, "Expected 'OSS <AccessKeyId>:<Signature>'.");
  const accessKeyId = credential.slice(0, colon).trim();
  const provided = credential.slice(colon + 1).trim();
  const rawDate = request.headers['x-oss-date'] ?? request.headers.date;
  const date = rawDate === undefined ? undefined : new Date(rawDate);
  if (rawDate === undefined || date === undefined || Number.isNaN(date.getTime())) throw new OssServiceError(ERRORS.invalidDate);
  checkSkew(date, context.now, rawDate);
  const signer = context.authority.signerFor(accessKeyId, request.headers['x-oss-security-token']);
  const stringToSign = stringToSignV1({ ...request, headers: withoutAuthorization(request.headers) });
  if (!constantTimeEqual(signatureV1(signer.accessKeySecret, stringToSign), provided)) throw signatureMismatch(accessKeyId, provided, stringToSign);
  return { kind: 'header', signer };
}

function authenticateV1Presigned(request: AuthRequest, context: AuthContext): Authentication {
  const accessKeyId = request.query.OSSAccessKeyId ?? '';
  const provided = request.query.Signature ?? '';
  const expiresText = request.query.Expires ?? '';
  if (!/^\d{1,12}$/.test(expiresText)) throw new OssServiceError(ERRORS.invalidExpires);
  const expires = Number(expiresText);
  // OSS checks Expires before the signature (spec §4.1).
  checkNotExpired(expires * 1000, context.now);
  const signer = context.authority.signerFor(accessKeyId, request.query['security-token'] ?? request.query['x-oss-security-token']);
  const stringToSign = stringToSignV1({ ...request, headers: withoutAuthorization(request.headers) }, expiresText);
  if (!constantTimeEqual(signatureV1(signer.accessKeySecret, stringToSign), provided)) throw signatureMismatch(accessKeyId, provided, stringToSign);
  return { kind: 'presigned-v1', signer, expires };
}

interface V4Credential {
  accessKeyId: string;
  day: string;
  region: string;
}

function parseV4Credential(text: string | undefined): V4Credential {
  const parts = (text ?? '').split('/');
  const [accessKeyId = '', day = '', region = '', product = '', terminator = ''] = parts;
  if (parts.length !== 5 || !accessKeyId || !/^\d{8}$/.test(day) || product !== 'oss' || terminator !== 'aliyun_v4_request') {
    throw new OssServiceError(ERRORS.invalidAuthorization, "Expected Credential '<AccessKeyId>/<yyyymmdd>/<region>/oss/aliyun_v4_request'.");
  }
  return { accessKeyId, day, region };
}

function checkRegion(credential: V4Credential, context: AuthContext): void {
  if (credential.region !== context.region) {
    throw new OssServiceError(ERRORS.invalidV4Region, `The request was signed for region '${credential.region}', but this emulator's region is '${context.region}'.`);
  }
}

/** Additional headers: lower case, `;`-separated, none empty (OSS EC 0002-00000210). */
function parseAdditionalHeaders(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const names = text.split(';');
  if (names.some((name) => name === '' || name !== name.toLowerCase())) {
    throw new OssServiceError(ERRORS.invalidAuthorization, 'AdditionalHeaders must be lower-case names separated by ";".');
  }
  return names;
}

/**
 * Verifies a V4 signature. ali-oss writes an empty value as `k=` in its canonical query when it came from the
 * caller's query object, and `k` only for its own sub-resources (`live`, `vod`...), while our client and oss2 always
 * write `k` (spec §6 conflict); so a mismatch is retried in ali-oss's form before it is refused.
 */
function verifyV4(
  request: AuthRequest,
  query: Query,
  headers: Record<string, string>,
  additionalHeaders: string[],
  signer: Signer,
  credential: V4Credential,
  timestamp: string,
  provided: string,
): void {
  const canonicalRequest = canonicalRequestV4({ method: request.method, bucket: request.bucket, key: request.key, query, headers, additionalHeaders });
  const candidates = [canonicalRequest];
  if (Object.values(query).some((value) => value === '')) {
    const lines = canonicalRequest.split('\n');
    const aliOssQuery = canonicalQueryV4(query)
      .split('&')
      .map((pair) => (pair.includes('=') || V1_SUB_RESOURCES.has(decodeURIComponent(pair)) ? pair : `${pair}=`))
      .join('&');
    candidates.push([...lines.slice(0, 2), aliOssQuery, ...lines.slice(3)].join('\n'));
  }
  for (const candidate of candidates) {
    const stringToSign = stringToSignV4(candidate, timestamp, credential.region);
    if (constantTimeEqual(signatureV4(signer.accessKeySecret, credential.day, credential.region, stringToSign), provided)) return;
  }
  throw signatureMismatch(credential.accessKeyId, provided, stringToSignV4(canonicalRequest, timestamp, credential.region), canonicalRequest);
}

function authenticateV4Header(request: AuthRequest, rest: string, context: AuthContext): Authentication {
  const fields = new Map<string, string>();
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = parseV4Credential(fields.get('Credential'));
  const provided = fields.get('Signature') ?? '';
  if (!/^[0-9a-f]{64}$/.test(provided)) throw new OssServiceError(ERRORS.invalidAuthorization, 'Signature must be 64 lower-case hex digits.');
  const timestamp = request.headers['x-oss-date'];
  const date = parseV4Date(timestamp);
  if (timestamp === undefined || date === undefined) throw new OssServiceError(ERRORS.invalidDate, "x-oss-date must look like '20231203T121212Z'.");
  checkSkew(date, context.now, timestamp);
  if (timestamp.slice(0, 8) !== credential.day) throw new OssServiceError(ERRORS.invalidAuthorization, 'The Credential date must be the day of x-oss-date.');
  checkRegion(credential, context);
  if (request.headers['x-oss-content-sha256'] === undefined) {
    throw new OssServiceError(ERRORS.invalidAuthorization, `V4 requests need the header x-oss-content-sha256 (e.g. ${UNSIGNED_PAYLOAD}).`);
  }
  const signer = context.authority.signerFor(credential.accessKeyId, request.headers['x-oss-security-token']);
  const additional = parseAdditionalHeaders(fields.get('AdditionalHeaders'));
  verifyV4(request, request.query, withoutAuthorization(request.headers), additional, signer, credential, timestamp, provided);
  return { kind: 'header', signer };
}

function authenticateV4Presigned(request: AuthRequest, context: AuthContext): Authentication {
  const { query } = request;
  const credential = parseV4Credential(query['x-oss-credential']);
  const timestamp = query['x-oss-date'];
  const date = parseV4Date(timestamp);
  if (timestamp === undefined || date === undefined) throw new OssServiceError(ERRORS.invalidDate, "x-oss-date must look like '20231203T121212Z'.");
  const expiresText = query['x-oss-expires'] ?? '';
  if (!/^\d{1,7}$/.test(expiresText) || Number(expiresText) > 7 * 24 * 3600) throw new OssServiceError(ERRORS.invalidExpires);
  const expiresInSeconds = Number(expiresText);
  if (date.getTime() - context.now.getTime() > MAX_SKEW_MS) {
    throw new OssServiceError(ERRORS.requestTimeTooSkewed, 'The signed URL is not valid yet.', [['RequestTime', timestamp]]);
  }
  checkNotExpired(date.getTime() + expiresInSeconds * 1000, context.now);
  checkRegion(credential, context);
  const provided = query['x-oss-signature'] ?? '';
  const signer = context.authority.signerFor(credential.accessKeyId, query['x-oss-security-token'] ?? query['security-token']);
  const { 'x-oss-signature': _signature, ...signedQuery } = query;
  const additional = parseAdditionalHeaders(query['x-oss-additional-headers']);
  verifyV4(request, signedQuery, withoutAuthorization(request.headers), additional, signer, credential, timestamp, provided);
  return { kind: 'presigned-v4', signer, date, expiresInSeconds };
}

/**
 * Who signed the request, or the OSS error. A request carrying any signature is verified even where anonymous
 * access would do (OSS does the same); the bucket ACL is checked by the caller.
 */
export function authenticate(request: AuthRequest, context: AuthContext): Authentication {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    if (authorization.startsWith(`${V4_ALGORITHM} `)) return authenticateV4Header(request, authorization.slice(V4_ALGORITHM.length + 1), context);
    if (authorization.startsWith('OSS ')) return authenticateV1Header(request, authorization.slice(4), context);
    throw new OssServiceError(ERRORS.invalidAuthorization, `Expected 'OSS <id>:<signature>' or '${V4_ALGORITHM} Credential=…'.`);
  }
  if (request.query['x-oss-signature-version'] !== undefined) {
    if (request.query['x-oss-signature-version'] !== V4_ALGORITHM) {
      throw new OssServiceError(ERRORS.invalidAuthorization, `x-oss-signature-version must be ${V4_ALGORITHM}.`);
    }
    return authenticateV4Presigned(request, context);
  }
  if (request.query.OSSAccessKeyId !== undefined || request.query.Signature !== undefined) return authenticateV1Presigned(request, context);
  return { kind: 'anonymous' };
}
