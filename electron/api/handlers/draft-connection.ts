import type { SecretsUpdate } from '../../../shared/api';
import { msg } from '../../../shared/messages';
import { validateAccessKeyId, validateBucketName, validateEndpoint, validateObsWebSocketUrl, validateRegion, validateSecret } from '../../../shared/profile-validation';
import { ValidationError } from '../../../shared/validation';
import type { ProfileStore, ResolvedProfile } from '../../keychain';
import type { OssLiveClientOptions } from '../../oss';
import type { ResolvedConnection } from '../../services';
import type { ProfileRequest } from './profile-request';

/*
 * The connection a profile form describes, for testing it before it is saved. Each side applies only its own rules
 * (testing OBS needs no bucket). A secret typed is used as it is; one left empty while editing comes from the stored
 * profile, read here in the main process and never sent back; one marked for removal is not used. Nothing is written.
 */

/** The OSS side of the form. The built-in Local profile's is always the embedded emulator's. */
export async function draftOss(profiles: ProfileStore, request: ProfileRequest): Promise<OssLiveClientOptions> {
  if (request.kind === 'local') {
    const { profile, credentials } = await profiles.resolve(request.originalName);
    return { endpoint: profile.endpoint, bucket: profile.bucket, region: profile.region, signatureVersion: profile.signatureVersion, credentials };
  }
  const { profile, secrets } = request;
  const stored = storedProfile(profiles, request.originalName);
  validateEndpoint(profile.endpoint);
  validateRegion(profile.region);
  validateBucketName(profile.bucket);
  validateAccessKeyId(profile.accessKeyId);
  if (secrets.accessKeySecret === null) throw new ValidationError('accessKeySecret', msg('validation.secretNeeded'));
  const accessKeySecret = await secret(secrets, 'accessKeySecret', stored, (saved) => saved.credentials.accessKeySecret);
  if (accessKeySecret === undefined) throw new ValidationError('accessKeySecret', msg('validation.requiredForNewProfile'));
  const securityToken = await secret(secrets, 'securityToken', stored, (saved) => saved.credentials.securityToken);
  return {
    endpoint: profile.endpoint,
    bucket: profile.bucket,
    region: profile.region,
    signatureVersion: profile.signatureVersion,
    credentials: { accessKeyId: profile.accessKeyId, accessKeySecret, ...(securityToken === undefined ? {} : { securityToken }) },
  };
}

/** The OBS side of the form: its URL, with the password typed or the stored one. */
export async function draftObs(profiles: ProfileStore, request: ProfileRequest): Promise<ResolvedConnection['obs']> {
  const url = request.kind === 'local' ? request.obsWebSocketUrl : request.profile.obsWebSocketUrl;
  validateObsWebSocketUrl(url);
  const password = await secret(request.secrets, 'obsPassword', storedProfile(profiles, request.originalName), (saved) => saved.obsPassword);
  return { url, ...(password === undefined ? {} : { password }) };
}

type StoredProfile = () => Promise<ResolvedProfile | undefined>;

/** The profile being edited with its secrets, read from the keychain at most once and only when a secret is needed. */
function storedProfile(profiles: ProfileStore, originalName: string | undefined): StoredProfile {
  let resolved: Promise<ResolvedProfile> | undefined;
  return () => {
    if (originalName === undefined) return Promise.resolve(undefined);
    resolved ??= profiles.resolve(originalName);
    return resolved;
  };
}

async function secret(
  secrets: SecretsUpdate,
  kind: keyof SecretsUpdate,
  stored: StoredProfile,
  pick: (saved: ResolvedProfile) => string | undefined,
): Promise<string | undefined> {
  const typed = secrets[kind];
  if (typed === null) return undefined;
  if (typed !== undefined) {
    validateSecret(typed, kind);
    return typed;
  }
  const saved = await stored();
  return saved ? pick(saved) : undefined;
}
