/**
 * May this RTMP publish start? The signature check of spec §5 for the ingest glue's `onPublish`: V1-style
 * HMAC-SHA1 over `Expires \n params \n /bucket/channel`, Expires checked only at connect (an established stream is
 * never cut when it passes). STS tokens are accepted signed or unsigned (§5.3: oss2/Java sign `security-token`,
 * go does not, ali-oss drops the token altogether — which an STS key then fails with InvalidAccessKeyId).
 */
import { rtmpStringToSign } from '../../electron/oss/sign-rtmp';
import { signatureV1 } from '../../electron/oss/sign-v1';
import type { CredentialAuthority } from '../credentials';
import { constantTimeEqual } from '../credentials';
import { ERRORS, OssServiceError } from '../errors';
import type { BucketAcl } from '../http/route-context';

export interface PublishCheck {
  bucket: string;
  channel: string;
  /** The publish URL's query (from the stream name, else the tcUrl). */
  query: URLSearchParams;
  acl: BucketAcl;
  authority: CredentialAuthority;
  now: Date;
}

/** Params that are the signature itself, never signed. */
const SIGNATURE_PARAMS = new Set(['OSSAccessKeyId', 'Expires', 'Signature']);

/**
 * Resolves when the publish is allowed; throws the OSS error otherwise (AccessDenied when a signature is needed
 * but missing or expired, InvalidAccessKeyId / InvalidSecurityToken / SecurityTokenExpired, SignatureDoesNotMatch).
 */
export function checkPublishPermission(check: PublishCheck): void {
  const { query } = check;
  const accessKeyId = query.get('OSSAccessKeyId');
  const signature = query.get('Signature');
  const expiresText = query.get('Expires');
  if (accessKeyId === null || signature === null) {
    if (check.acl === 'public-read-write') return;
    throw new OssServiceError(ERRORS.anonymousDenied, 'Publishing needs a signed URL unless the bucket is public-read-write.');
  }
  if (expiresText === null || !/^\d{1,12}$/.test(expiresText)) throw new OssServiceError(ERRORS.invalidExpires);
  if (Number(expiresText) * 1000 < check.now.getTime()) throw new OssServiceError(ERRORS.requestExpired);
  const token = query.get('security-token') ?? query.get('SecurityToken') ?? undefined;
  const signer = check.authority.signerFor(accessKeyId, token);
  const params: Record<string, string> = {};
  for (const [name, value] of query) if (!SIGNATURE_PARAMS.has(name) && !(name in params)) params[name] = value;
  const { 'security-token': _dashed, SecurityToken: _camel, ...withoutToken } = params;
  const candidates = [params, withoutToken].map((signed) => rtmpStringToSign(check.bucket, check.channel, Number(expiresText), signed));
  if (candidates.some((stringToSign) => constantTimeEqual(signatureV1(signer.accessKeySecret, stringToSign), signature))) return;
  throw new OssServiceError(ERRORS.signatureDoesNotMatch, undefined, [
    ['OSSAccessKeyId', accessKeyId],
    ['SignatureProvided', signature],
    ['StringToSign', candidates[0] ?? ''],
  ]);
}
