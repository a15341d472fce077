import type { SecretsUpdate } from '../../../shared/api';
import type { Profile } from '../../../shared/profile';
import { isLocalProfileName } from '../../../shared/profile';
import { ValidationError } from '../../../shared/validation';
import { expectObject, expectOneOf, expectString, optionalString, pickFields } from '../guards';

/**
 * A profile form's request as the main process reads it (`profiles.save`, and `profiles.check` of a form not saved):
 * the built-in Local profile's OBS side, or a stored profile's fields. Secrets as in {@link SecretsUpdate}.
 */
export type ProfileRequest =
  | { kind: 'local'; originalName: string; obsWebSocketUrl: string; secrets: SecretsUpdate }
  | { kind: 'stored'; profile: Profile; secrets: SecretsUpdate; originalName?: string };

/**
 * Only known fields, each of the right type; the profile rules proper apply where the request is used. Of the Local
 * profile only the OBS URL is read: its OSS side is the emulator's.
 */
export function readProfileRequest(value: unknown): ProfileRequest {
  const { originalName: rawOriginal, profile: rawProfile, secrets: rawSecrets, ...rest } = expectObject(value, 'request');
  const unknownField = Object.keys(rest)[0];
  if (unknownField !== undefined) throw new ValidationError(`request.${unknownField}`, 'is not a known field');
  const originalName = optionalString(rawOriginal, 'originalName');
  const secrets = readSecrets(rawSecrets);
  if (originalName !== undefined && isLocalProfileName(originalName)) {
    const obsWebSocketUrl = expectString(expectObject(rawProfile, 'profile').obsWebSocketUrl, 'profile.obsWebSocketUrl');
    return { kind: 'local', originalName, obsWebSocketUrl, secrets };
  }
  return { kind: 'stored', profile: readProfile(rawProfile), secrets, ...(originalName === undefined ? {} : { originalName }) };
}

const nullableSecret = (value: unknown, field: string): string | null | undefined => (value === null ? null : optionalString(value, field));

function readProfile(value: unknown): Profile {
  return pickFields<Profile>(value, 'profile', {
    name: expectString,
    endpoint: expectString,
    region: expectString,
    bucket: expectString,
    accessKeyId: expectString,
    signatureVersion: (raw, field) => expectOneOf(raw, field, ['v1', 'v4'] as const),
    obsWebSocketUrl: expectString,
    rtmpBase: (raw, field) => (raw === '' ? undefined : optionalString(raw, field)),
  });
}

function readSecrets(value: unknown): SecretsUpdate {
  if (value === undefined) return {};
  return pickFields<SecretsUpdate>(value, 'secrets', {
    accessKeySecret: nullableSecret,
    securityToken: nullableSecret,
    obsPassword: nullableSecret,
  });
}
