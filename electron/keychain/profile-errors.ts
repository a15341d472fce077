import type { LocalizedText } from '../../shared/messages';
import { msg, renderMessage } from '../../shared/messages';
import type { SecretKind } from './secret-store';

/** No profile has that name. */
export class ProfileNotFoundError extends Error {
  override readonly name = 'ProfileNotFoundError';
  /** The message, translatable. */
  readonly text: LocalizedText;
  constructor(readonly profileName: string) {
    const text = msg('keychain.profileNotFound', { name: profileName });
    super(renderMessage(text));
    this.text = text;
  }
}

/**
 * The profile exists, but a secret it needs is not in the keychain: deleted by hand, stored in another keyring, or
 * hidden because the keyring is locked (the Secret Service then answers "no such item" rather than an error).
 */
export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
  /** The message, translatable. */
  readonly text: LocalizedText;
  constructor(
    readonly profileName: string,
    readonly secret: SecretKind,
  ) {
    const text = msg('keychain.missingSecret', { profile: profileName, secret });
    super(renderMessage(text));
    this.text = text;
  }
}
