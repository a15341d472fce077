import { LocalizedError, msg } from '../../shared/messages';
import type { SecretKind } from './secret-store';

/** No profile has that name. */
export class ProfileNotFoundError extends LocalizedError {
  override readonly name = 'ProfileNotFoundError';
  constructor(readonly profileName: string) {
    super(msg('keychain.profileNotFound', { name: profileName }));
  }
}

/**
 * The profile exists, but a secret it needs is not in the keychain: deleted by hand, stored in another keyring, or
 * hidden because the keyring is locked (the Secret Service then answers "no such item" rather than an error).
 */
export class MissingSecretError extends LocalizedError {
  override readonly name = 'MissingSecretError';
  constructor(
    readonly profileName: string,
    readonly secret: SecretKind,
  ) {
    super(msg('keychain.missingSecret', { profile: profileName, secret }));
  }
}
