/** Profiles and the OS keychain: the main process's entry point to this folder. */
export { KeychainUnavailableError } from './keychain-errors';
export type { KeychainUnavailableReason } from './keychain-errors';
export { DEFAULT_OBS_WEBSOCKET_URL, localProfile } from './local-profile';
export type { LocalConnection, LocalConnectionSource } from './local-profile';
export { MemorySecretStore } from './memory-secret-store';
export { OsKeychain } from './os-keychain';
export { MissingSecretError, ProfileNotFoundError } from './profile-errors';
export { PROFILE_FILE_NAME, ProfileFileError } from './profile-file';
export { ProfileStore } from './profile-store';
export type { AddProfileOptions, ProfilePatch, ProfileStoreOptions, SecretsPatch } from './profile-store';
export type { Credentials, ResolvedProfile } from './resolved-profile';
export { KEYCHAIN_SERVICE } from './secret-store';
export type { SecretStore, StoredCredential } from './secret-store';
