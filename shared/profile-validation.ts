/**
 * Rules for profile input: the main process checks them on add/update and on every read of the profile file, and
 * the renderer's profile form applies the same ones as the user types. Each failure is a `ValidationError` naming
 * the field and what was expected. Free of Node and DOM APIs, since both sides import it.
 */
import type { Profile, ProfileSecrets, SignatureVersion } from './profile';
import { isLocalProfileName, LOCAL_PROFILE_NAME } from './profile';
import { msg } from './messages';
import { ValidationError } from './validation';

const PROFILE_NAME = /^[A-Za-z0-9 _.-]{1,64}$/;
// OSS bucket naming rules: 3-63 characters, lowercase letters, digits and hyphens, no hyphen at either end.
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;
// eslint-disable-next-line no-control-regex
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;

/** Profile names: 1-64 letters, digits, spaces, `-_.`; no space at either end; never the built-in "Local". */
export function validateProfileName(name: unknown, field = 'name'): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) throw new ValidationError(field, msg('validation.notEmpty'));
  if (!PROFILE_NAME.test(name)) {
    throw new ValidationError(field, msg('validation.profileName'));
  }
  if (name.trim() !== name) throw new ValidationError(field, msg('validation.noOuterSpace'));
  if (isLocalProfileName(name)) {
    throw new ValidationError(field, msg('validation.reservedProfileName', { name: LOCAL_PROFILE_NAME }));
  }
}

/** An endpoint is an http(s) URL without path, query or user info, or a bare `host[:port]`. */
export function validateEndpoint(endpoint: unknown, field = 'endpoint'): asserts endpoint is string {
  if (typeof endpoint !== 'string' || endpoint.length === 0) throw new ValidationError(field, msg('validation.notEmpty'));
  const expected = msg('validation.endpoint');
  if (endpoint.includes('://')) {
    const url = parseUrl(endpoint);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new ValidationError(field, expected);
    if (url.username || url.password) throw new ValidationError(field, msg('validation.noUserInfo'));
    if (url.pathname !== '/' || url.search || url.hash) {
      throw new ValidationError(field, msg('validation.noPathQueryFragment'));
    }
    return;
  }
  if (!isHostWithPort(endpoint)) throw new ValidationError(field, expected);
}

/** OSS bucket names: 3-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen. */
export function validateBucketName(bucket: unknown, field = 'bucket'): asserts bucket is string {
  if (typeof bucket !== 'string' || !BUCKET_NAME.test(bucket)) {
    throw new ValidationError(field, msg('validation.profileBucketName'));
  }
}

/** Region ids such as `cn-hangzhou`: lowercase letters and digits in hyphen-separated words. */
export function validateRegion(region: unknown, field = 'region'): asserts region is string {
  if (typeof region !== 'string' || region.length === 0) throw new ValidationError(field, msg('validation.notEmpty'));
  if (region.length > 64 || !REGION_ID.test(region)) {
    throw new ValidationError(field, msg('validation.regionId'));
  }
}

export function validateAccessKeyId(accessKeyId: unknown, field = 'accessKeyId'): asserts accessKeyId is string {
  if (typeof accessKeyId !== 'string' || accessKeyId.length === 0) throw new ValidationError(field, msg('validation.notEmpty'));
  // It travels in an HTTP header and in RTMP URLs.
  if (WHITESPACE_OR_CONTROL.test(accessKeyId)) throw new ValidationError(field, msg('validation.noSpaceOrControl'));
}

export function validateSignatureVersion(
  version: unknown,
  field = 'signatureVersion',
): asserts version is SignatureVersion {
  if (version !== 'v1' && version !== 'v4') throw new ValidationError(field, msg('validation.signatureVersion'));
}

/** obs-websocket addresses: `ws://` or `wss://` with a host. */
export function validateObsWebSocketUrl(url: unknown, field = 'obsWebSocketUrl'): asserts url is string {
  const parsed = typeof url === 'string' ? parseUrl(url) : undefined;
  if (!parsed || (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') || !parsed.hostname) {
    throw new ValidationError(field, msg('validation.webSocketUrl'));
  }
}

/** RTMP publish bases: `rtmp://` or `rtmps://` with a host and no query (the signed query is appended per channel). */
export function validateRtmpBase(base: unknown, field = 'rtmpBase'): asserts base is string {
  const parsed = typeof base === 'string' ? parseUrl(base) : undefined;
  if (!parsed || (parsed.protocol !== 'rtmp:' && parsed.protocol !== 'rtmps:') || !parsed.hostname) {
    throw new ValidationError(field, msg('validation.rtmpUrl'));
  }
  if (parsed.search || parsed.hash) throw new ValidationError(field, msg('validation.noQueryFragment'));
}

/** Checks every field of a profile; the first broken rule is thrown. */
export function validateProfile(profile: Profile): void {
  validateProfileName(profile.name);
  validateEndpoint(profile.endpoint);
  validateRegion(profile.region);
  validateBucketName(profile.bucket);
  validateAccessKeyId(profile.accessKeyId);
  validateSignatureVersion(profile.signatureVersion);
  validateObsWebSocketUrl(profile.obsWebSocketUrl);
  if (profile.rtmpBase !== undefined) validateRtmpBase(profile.rtmpBase);
}

/** A secret is a non-empty string. The value never appears in the error. */
export function validateSecret(secret: unknown, field: string): asserts secret is string {
  if (typeof secret !== 'string' || secret.length === 0) throw new ValidationError(field, msg('validation.nonEmptyString'));
}

/** The AccessKeySecret is required; the STS token and OBS password are optional. */
export function validateSecrets(secrets: ProfileSecrets): void {
  validateSecret(secrets.accessKeySecret, 'accessKeySecret');
  if (secrets.securityToken !== undefined) validateSecret(secrets.securityToken, 'securityToken');
  if (secrets.obsPassword !== undefined) validateSecret(secrets.obsPassword, 'obsPassword');
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** `host`, `host:port`, `1.2.3.4:port` or `[::1]:port`, with the port in 1-65535. */
function isHostWithPort(text: string): boolean {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(text);
  if (!match) return false;
  const [, host = '', port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return false;
  if (host.startsWith('[')) return parseUrl(`http://${host}/`) !== undefined;
  return host.length <= 253 && host.split('.').every((label) => label.length <= 63 && HOST_LABEL.test(label));
}
