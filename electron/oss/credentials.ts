import { ValidationError } from '../../shared/validation';

/** An AccessKey pair, plus the STS security token when the pair is temporary. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Static credentials, or a provider called before each signature (so STS refreshes are picked up). */
export type CredentialsSource = Credentials | (() => Promise<Credentials>);

/** Checks the shape of credentials (from options or a provider); errors name the field, never the value. */
export function checkCredentials(credentials: unknown, field = 'credentials'): Credentials {
  if (typeof credentials !== 'object' || credentials === null) throw new ValidationError(field, 'must be an object');
  const { accessKeyId, accessKeySecret, securityToken } = credentials as Record<string, unknown>;
  if (typeof accessKeyId !== 'string' || accessKeyId === '') {
    throw new ValidationError(`${field}.accessKeyId`, 'must be a non-empty string');
  }
  if (typeof accessKeySecret !== 'string' || accessKeySecret === '') {
    throw new ValidationError(`${field}.accessKeySecret`, 'must be a non-empty string');
  }
  if (securityToken !== undefined && (typeof securityToken !== 'string' || securityToken === '')) {
    throw new ValidationError(`${field}.securityToken`, 'must be a non-empty string when given');
  }
  return securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
}

/** The credentials to sign with now; undefined means anonymous (no signature). */
export async function resolveCredentials(source: CredentialsSource | undefined): Promise<Credentials | undefined> {
  if (source === undefined) return undefined;
  return checkCredentials(typeof source === 'function' ? await source() : source);
}
