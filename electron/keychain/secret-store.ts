/**
 * The keytar-shaped interface profiles use for secrets, so the OS keychain and the in-memory store used by the file
 * format tests are interchangeable.
 */

export interface StoredCredential {
  account: string;
  password: string;
}

/** keytar's API: one password per (service, account). */
export interface SecretStore {
  /** The stored password, or null when there is none. */
  getPassword(service: string, account: string): Promise<string | null>;
  /** Adds or replaces the password. */
  setPassword(service: string, account: string, password: string): Promise<void>;
  /** True when a password was deleted, false when there was none. */
  deletePassword(service: string, account: string): Promise<boolean>;
  /** Every account and password stored for the service. */
  findCredentials(service: string): Promise<StoredCredential[]>;
}

/** The keychain service name under which every profile secret is filed (what `secret-tool` shows as `service`). */
export const KEYCHAIN_SERVICE = 'OSS Live Companion';

/** The secrets a profile can have, each one keychain entry. */
export type SecretKind = 'accessKeySecret' | 'securityToken' | 'obsPassword';

export const SECRET_KINDS: readonly SecretKind[] = ['accessKeySecret', 'securityToken', 'obsPassword'];

/**
 * The keychain account for one secret of a profile, e.g. `studio/accessKeySecret`. Profile names are unique
 * regardless of case and cannot contain `/`, so lower-casing keeps one entry per profile even if its case changes.
 */
export function secretAccount(profileName: string, kind: SecretKind): string {
  return `${profileName.toLowerCase()}/${kind}`;
}
