/**
 * The system keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager, and on Linux the
 * Secret Service (gnome-keyring, KWallet, KeePassXC) - pinned, never the kernel keyring.
 *
 * Why not `@napi-rs/keyring/keytar`: that shim (2.1.2, keytar.js) builds `new AsyncEntry(service, account)` with no
 * options and takes none itself, so it cannot be pinned. Unpinned, the Linux binding silently falls back to the kernel
 * keyutils keyring when no Secret Service answers, and those secrets vanish at reboot (Brooooooklyn/keyring-node#142).
 * So this class implements the keytar-shaped {@link SecretStore} over `AsyncEntry` with
 * `{ linux: { store: 'secret-service' } }`, whose constructor throws instead of falling back.
 *
 * `findCredentialsAsync` takes no store option either. Before searching we build a pinned entry, which throws exactly
 * when the Secret Service store cannot be opened - the only case in which the automatic choice would pick keyutils.
 */
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import type { EntryOptions } from '@napi-rs/keyring';

import { toKeychainError } from './keychain-errors';
import type { SecretStore, StoredCredential } from './secret-store';

const SECRET_SERVICE_ONLY: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * {@link SecretStore} over the OS keychain. Errors that mean "no usable keychain" become
 * `KeychainUnavailableError`; there is no plaintext fallback.
 */
export class OsKeychain implements SecretStore {
  getPassword(service: string, account: string): Promise<string | null> {
    return keychainCall(() => entry(service, account).getPassword());
  }

  setPassword(service: string, account: string, password: string): Promise<void> {
    return keychainCall(() => entry(service, account).setPassword(password));
  }

  deletePassword(service: string, account: string): Promise<boolean> {
    return keychainCall(() => entry(service, account).deletePassword());
  }

  findCredentials(service: string): Promise<StoredCredential[]> {
    return keychainCall(() => {
      entry(service, ''); // throws when the Secret Service is unavailable, so the search cannot fall back
      return findCredentialsAsync(service);
    });
  }
}

function entry(service: string, account: string): AsyncEntry {
  return new AsyncEntry(service, account, SECRET_SERVICE_ONLY);
}

/** Runs a keychain operation, mapping both synchronous throws (constructors) and rejections. */
async function keychainCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toKeychainError(error);
  }
}
