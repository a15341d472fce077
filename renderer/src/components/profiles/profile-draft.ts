/**
 * The profile form's model, free of React: a draft of every field, the rules it must meet (the same functions the
 * main process applies, so the form says at once what the save would refuse), and the save request it becomes.
 */
import type { ProfileSaveRequest, ProfileView, SecretsUpdate } from '../../../../shared/api';
import type { Profile } from '../../../../shared/profile';
import { regionEndpoint } from '../../../../shared/regions';
import {
  validateAccessKeyId,
  validateBucketName,
  validateEndpoint,
  validateObsWebSocketUrl,
  validateProfileName,
  validateRegion,
  validateRtmpBase,
} from '../../../../shared/profile-validation';
import type { CheckTarget } from '../../stores/profiles-store';
import { passes } from '../common/passes';

export type SecretKind = 'accessKeySecret' | 'securityToken' | 'obsPassword';
export const SECRET_KINDS: readonly SecretKind[] = ['accessKeySecret', 'securityToken', 'obsPassword'];

/** A secret as the form holds it: text typed now (empty = keep what the keychain has), or a request to delete it. */
export interface SecretDraft {
  value: string;
  remove: boolean;
}

/** The profile's fields as the form holds them, plus the secrets typed. */
export interface ProfileDraft extends Omit<Profile, 'rtmpBase'> {
  /** Empty: the default publish base. */
  rtmpBase: string;
  secrets: Record<SecretKind, SecretDraft>;
}

export type TextField = Exclude<keyof ProfileDraft, 'secrets' | 'signatureVersion'>;
export type ProfileField = TextField | 'signatureVersion' | SecretKind;

/** Field order on screen: the first invalid one gets focus. */
export const PROFILE_FIELDS: readonly ProfileField[] = [
  'name',
  'endpoint',
  'region',
  'bucket',
  'accessKeyId',
  'accessKeySecret',
  'securityToken',
  'signatureVersion',
  'rtmpBase',
  'obsWebSocketUrl',
  'obsPassword',
];

/** The fields each connection test uses, so a test asks only for those (testing OBS needs no bucket). */
export const CHECK_FIELDS: Readonly<Record<CheckTarget, readonly ProfileField[]>> = {
  oss: ['endpoint', 'region', 'bucket', 'accessKeyId', 'accessKeySecret', 'securityToken', 'signatureVersion'],
  obs: ['obsWebSocketUrl', 'obsPassword'],
};

export const DEFAULT_REGION = 'cn-hangzhou';
const DEFAULT_OBS_URL = 'ws://127.0.0.1:4455';

const noSecrets = (): Record<SecretKind, SecretDraft> => ({
  accessKeySecret: { value: '', remove: false },
  securityToken: { value: '', remove: false },
  obsPassword: { value: '', remove: false },
});

/** A new profile: Hangzhou over the public endpoint, V4, OBS on its default port. */
export function newDraft(): ProfileDraft {
  return {
    name: '',
    endpoint: regionEndpoint(DEFAULT_REGION),
    region: DEFAULT_REGION,
    bucket: '',
    accessKeyId: '',
    signatureVersion: 'v4',
    obsWebSocketUrl: DEFAULT_OBS_URL,
    rtmpBase: '',
    secrets: noSecrets(),
  };
}

/** A saved profile in the form. Secrets start empty: they are never read back. */
export function draftFromView(view: ProfileView): ProfileDraft {
  return {
    name: view.name,
    endpoint: view.endpoint,
    region: view.region,
    bucket: view.bucket,
    accessKeyId: view.accessKeyId,
    signatureVersion: view.signatureVersion,
    obsWebSocketUrl: view.obsWebSocketUrl,
    rtmpBase: view.rtmpBase ?? '',
    secrets: noSecrets(),
  };
}

/**
 * The fields that break a rule, in screen order. Of the built-in Local profile only the OBS address can change.
 * A new profile needs its AccessKey secret; an existing one keeps the saved secret when the field stays empty.
 */
export function invalidFields(draft: ProfileDraft, context: { isNew: boolean; builtIn: boolean }): ProfileField[] {
  const trimmed = trimDraft(draft);
  const rules: Partial<Record<ProfileField, () => void>> = context.builtIn
    ? { obsWebSocketUrl: () => validateObsWebSocketUrl(trimmed.obsWebSocketUrl) }
    : {
        name: () => validateProfileName(trimmed.name),
        endpoint: () => validateEndpoint(trimmed.endpoint),
        region: () => validateRegion(trimmed.region),
        bucket: () => validateBucketName(trimmed.bucket),
        accessKeyId: () => validateAccessKeyId(trimmed.accessKeyId),
        accessKeySecret: () => {
          if (context.isNew && trimmed.secrets.accessKeySecret.value === '') throw new Error('required');
        },
        obsWebSocketUrl: () => validateObsWebSocketUrl(trimmed.obsWebSocketUrl),
        rtmpBase: () => {
          if (trimmed.rtmpBase !== '') validateRtmpBase(trimmed.rtmpBase);
        },
      };
  return PROFILE_FIELDS.filter((field) => {
    const rule = rules[field];
    return rule !== undefined && !passes(rule);
  });
}

/**
 * Surrounding spaces go (pasted keys often carry a newline, which OSS would reject as a bad signature); the OBS
 * password is kept exactly as typed, since the user chose it.
 */
function trimDraft(draft: ProfileDraft): ProfileDraft {
  return {
    ...draft,
    name: draft.name.trim(),
    endpoint: draft.endpoint.trim(),
    region: draft.region.trim(),
    bucket: draft.bucket.trim(),
    accessKeyId: draft.accessKeyId.trim(),
    obsWebSocketUrl: draft.obsWebSocketUrl.trim(),
    rtmpBase: draft.rtmpBase.trim(),
    secrets: {
      accessKeySecret: { ...draft.secrets.accessKeySecret, value: draft.secrets.accessKeySecret.value.trim() },
      securityToken: { ...draft.secrets.securityToken, value: draft.secrets.securityToken.value.trim() },
      obsPassword: draft.secrets.obsPassword,
    },
  };
}

/** Secrets to send: typed text sets, "remove" deletes, an untouched field keeps the keychain's value. */
function secretsUpdate(draft: ProfileDraft, kinds: readonly SecretKind[]): SecretsUpdate {
  const update: SecretsUpdate = {};
  for (const kind of kinds) {
    const secret = draft.secrets[kind];
    if (secret.value !== '') update[kind] = secret.value;
    else if (secret.remove) update[kind] = null;
  }
  return update;
}

/** What `profiles.save` gets for the draft: a new profile, an edit (maybe a rename) or the Local profile's OBS side. */
export function saveRequest(draft: ProfileDraft, original: ProfileView | undefined): ProfileSaveRequest {
  const trimmed = trimDraft(draft);
  if (original?.builtIn) {
    const { builtIn: _builtIn, secrets: _secrets, ...profile } = original;
    return {
      profile: { ...profile, obsWebSocketUrl: trimmed.obsWebSocketUrl },
      secrets: secretsUpdate(trimmed, ['obsPassword']),
      originalName: original.name,
    };
  }
  const profile: Profile = {
    name: trimmed.name,
    endpoint: trimmed.endpoint,
    region: trimmed.region,
    bucket: trimmed.bucket,
    accessKeyId: trimmed.accessKeyId,
    signatureVersion: trimmed.signatureVersion,
    obsWebSocketUrl: trimmed.obsWebSocketUrl,
    ...(trimmed.rtmpBase ? { rtmpBase: trimmed.rtmpBase } : {}),
  };
  return { profile, secrets: secretsUpdate(trimmed, SECRET_KINDS), ...(original ? { originalName: original.name } : {}) };
}

/** The form field a main-process validation error names (`profile.bucket`, `secrets.accessKeySecret`, `name`). */
export function fieldOf(serverField: string | undefined): ProfileField | undefined {
  const last = serverField?.split('.').at(-1);
  return (PROFILE_FIELDS as readonly string[]).includes(last ?? '') ? (last as ProfileField) : undefined;
}
