import { OsKeychain, ProfileStore } from '../keychain';
import type { SecretStore } from '../keychain';
import { readLocalConnection } from './local-connection';

/**
 * The profile store the CLI and the app use: profiles in `<dataDir>/profiles.json`, secrets in the OS keychain,
 * and the built-in Local profile pointing at the emulator that `oss-live local` announced in `<dataDir>/local.json`.
 */
export function openProfileStore(dataDir: string, secrets: SecretStore = new OsKeychain()): ProfileStore {
  return new ProfileStore({ secrets, dataDir, local: () => readLocalConnection(dataDir) });
}
