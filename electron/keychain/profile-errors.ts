import type { SecretKind } from './secret-store';

/** No profile has that name. */
export class ProfileNotFoundError extends Error {
  override readonly name = 'ProfileNotFoundError';
  constructor(readonly profileName: string) {
    super(`No profile named "${profileName}" (see the profile list; names ignore case)`);
  }
}

/**
 * The profile exists, but a secret it needs is not in the keychain: deleted by hand, stored in another keyring, or
 * hidden because the keyring is locked (the Secret Service then answers "no such item" rather than an error).
 */
export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
  constructor(
    readonly profileName: string,
    readonly secret: SecretKind,
  ) {
    super(
      `Profile "${profileName}" has no ${secret} in the system keychain: if the keyring is locked, unlock it; ` +
        'otherwise set the secret again with a profile update',
    );
  }
}
