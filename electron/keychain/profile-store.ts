/**
 * Profiles for the CLI and the app: non-secret fields in the profile file, secrets in a {@link SecretStore} (the OS
 * keychain in production), plus the built-in Local profile. Secrets are written before the file refers to them and
 * rolled back if the file write fails, so a failure never leaves half a profile.
 */
import path from 'node:path';

import type { Profile, ProfileSecrets } from '../../shared/profile';
import { isLocalProfileName, LOCAL_PROFILE_NAME } from '../../shared/profile';
import { validateObsWebSocketUrl, validateProfile, validateSecret, validateSecrets } from '../../shared/profile-validation';
import { ValidationError } from '../../shared/validation';
import { userDataDir } from '../app-paths';
import { definedOnly } from '../util/defined-only';
import type { LocalConnectionSource } from './local-profile';
import { localProfile } from './local-profile';
import { MissingSecretError, ProfileNotFoundError } from './profile-errors';
import type { ProfileFile } from './profile-file';
import { PROFILE_FILE_NAME, readProfileFile, storedProfile, writeProfileFile } from './profile-file';
import type { ResolvedProfile } from './resolved-profile';
import type { SecretChange } from './secret-changes';
import { applySecretChanges } from './secret-changes';
import type { SecretKind, SecretStore } from './secret-store';
import { KEYCHAIN_SERVICE, SECRET_KINDS, secretAccount } from './secret-store';

export interface ProfileStoreOptions {
  /** Where secrets go: `new OsKeychain()` in the app and the CLI. */
  secrets: SecretStore;
  /** Supplies the embedded emulator's address and credentials for the Local profile. */
  local: LocalConnectionSource;
  /** Directory of the profile file; defaults to the user data directory (`OSS_LIVE_DATA_DIR` overrides it). */
  dataDir?: string;
  /** Keychain service name; tests may isolate themselves with another. */
  keychainService?: string;
}

/** Changes to a stored profile's fields. The name cannot change; `rtmpBase: null` goes back to the default. */
export type ProfilePatch = Partial<Omit<Profile, 'name' | 'rtmpBase'>> & { rtmpBase?: string | null };

/** Changes to a profile's secrets: a string sets, `null` deletes, absent keeps. The AccessKeySecret cannot be deleted. */
export interface SecretsPatch {
  accessKeySecret?: string;
  securityToken?: string | null;
  obsPassword?: string | null;
}

export interface AddProfileOptions {
  /** Replace a profile of the same name (and its secrets) instead of refusing. */
  overwrite?: boolean;
}

/** The profile service: list, add, update, remove, choose the profile in use, and resolve credentials. */
export class ProfileStore {
  /** Absolute path of the profile file. */
  readonly file: string;
  private readonly secrets: SecretStore;
  private readonly local: LocalConnectionSource;
  private readonly service: string;
  // Read-modify-write steps of this process run one at a time, so two quick edits cannot lose each other.
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: ProfileStoreOptions) {
    this.file = path.join(options.dataDir ?? userDataDir(), PROFILE_FILE_NAME);
    this.secrets = options.secrets;
    this.local = options.local;
    this.service = options.keychainService ?? KEYCHAIN_SERVICE;
  }

  /** Every profile, the built-in Local one first. */
  async list(): Promise<Profile[]> {
    const data = await readProfileFile(this.file);
    return [await this.localView(data), ...data.profiles];
  }

  /** The profile called `name` (letter case ignored). Throws {@link ProfileNotFoundError}. */
  async get(name: string): Promise<Profile> {
    const data = await readProfileFile(this.file);
    if (isLocalProfileName(name)) return this.localView(data);
    return findProfile(data, name).profile;
  }

  /**
   * Stores a new profile with its secrets. Refuses an existing name (in any letter case) unless `overwrite` is set;
   * overwriting also deletes the old profile's optional secrets that `secrets` does not give again.
   */
  add(profile: Profile, secrets: ProfileSecrets, options: AddProfileOptions = {}): Promise<Profile> {
    return this.exclusive(async () => {
      validateProfile(profile);
      validateSecrets(secrets);
      const stored = storedProfile(profile);
      const data = await readProfileFile(this.file);
      const index = indexOfProfile(data, stored.name);
      const existing = data.profiles[index];
      if (existing && !options.overwrite) {
        throw new ValidationError('name', `a profile named "${existing.name}" already exists (use overwrite to replace it)`);
      }
      const profiles = existing ? data.profiles.with(index, stored) : [...data.profiles, stored];
      const pointsAtOld = existing !== undefined && data.currentProfile === existing.name;
      await this.commit(
        { ...data, profiles, currentProfile: pointsAtOld ? stored.name : data.currentProfile },
        this.secretChanges(stored.name, {
          accessKeySecret: secrets.accessKeySecret,
          securityToken: secrets.securityToken ?? null,
          obsPassword: secrets.obsPassword ?? null,
        }),
      );
      return stored;
    });
  }

  /**
   * Changes fields and/or secrets of a stored profile. Of the built-in Local profile only the OBS side can change
   * (`obsWebSocketUrl` and the `obsPassword` secret): its OSS side is the emulator's.
   */
  update(name: string, patch: ProfilePatch, secrets: SecretsPatch = {}): Promise<Profile> {
    return this.exclusive(async () => {
      validateSecretsPatch(secrets);
      const data = await readProfileFile(this.file);
      if (isLocalProfileName(name)) return this.updateLocal(data, patch, secrets);
      const { profile: existing, index } = findProfile(data, name);
      const { rtmpBase, ...fields } = patch;
      const merged: Profile = { ...existing, ...definedOnly(fields), name: existing.name };
      if (rtmpBase === null) delete merged.rtmpBase;
      else if (rtmpBase !== undefined) merged.rtmpBase = rtmpBase;
      validateProfile(merged);
      const updated = storedProfile(merged);
      await this.commit({ ...data, profiles: data.profiles.with(index, updated) }, this.secretChanges(updated.name, secrets));
      return updated;
    });
  }

  /** Deletes a stored profile and its keychain entries. If it was in use, Local is in use afterwards. */
  remove(name: string): Promise<void> {
    return this.exclusive(async () => {
      refuseLocal(name, 'removed');
      const data = await readProfileFile(this.file);
      const { profile, index } = findProfile(data, name);
      const profiles = data.profiles.filter((_, at) => at !== index);
      const currentProfile = data.currentProfile === profile.name ? undefined : data.currentProfile;
      const deleteAll = Object.fromEntries(SECRET_KINDS.map((kind) => [kind, null]));
      await this.commit({ ...data, profiles, currentProfile }, this.secretChanges(profile.name, deleteAll));
    });
  }

  /** Makes `name` the profile in use (remembered in the profile file). */
  use(name: string): Promise<Profile> {
    return this.exclusive(async () => {
      const data = await readProfileFile(this.file);
      if (isLocalProfileName(name)) {
        if (data.currentProfile !== undefined) {
          const { currentProfile: _previous, ...rest } = data;
          await writeProfileFile(this.file, rest);
        }
        return this.localView(data);
      }
      const { profile } = findProfile(data, name);
      await writeProfileFile(this.file, { ...data, currentProfile: profile.name });
      return profile;
    });
  }

  /** The profile in use: the one last chosen with {@link use}, or Local. */
  async current(): Promise<Profile> {
    const data = await readProfileFile(this.file);
    if (data.currentProfile === undefined) return this.localView(data);
    return findProfile(data, data.currentProfile).profile;
  }

  /**
   * A profile (default: the one in use) with its secrets read from the keychain. Main process only: the result
   * holds secrets. Throws {@link MissingSecretError} when the AccessKeySecret is not in the keychain.
   */
  async resolve(name?: string): Promise<ResolvedProfile> {
    const profile = name === undefined ? await this.current() : await this.get(name);
    if (profile.name === LOCAL_PROFILE_NAME) {
      const { credentials, obsPassword: announced } = await this.local();
      const stored = await this.secrets.getPassword(this.service, secretAccount(LOCAL_PROFILE_NAME, 'obsPassword')).catch(() => null);
      const obsPassword = stored ?? announced;
      return { profile, credentials: { ...credentials }, ...(obsPassword ? { obsPassword } : {}) };
    }
    const [accessKeySecret, securityToken, obsPassword] = await Promise.all(
      SECRET_KINDS.map((kind) => this.secrets.getPassword(this.service, secretAccount(profile.name, kind))),
    );
    if (accessKeySecret === null || accessKeySecret === undefined) {
      throw new MissingSecretError(profile.name, 'accessKeySecret');
    }
    return {
      profile,
      credentials: { accessKeyId: profile.accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) },
      ...(obsPassword ? { obsPassword } : {}),
    };
  }

  /** Which secrets a profile has in the keychain, never their values: what the UI shows as "set". */
  async secretStatus(name: string): Promise<Record<SecretKind, boolean>> {
    const profile = await this.get(name);
    const values = await Promise.all(SECRET_KINDS.map((kind) => this.secrets.getPassword(this.service, secretAccount(profile.name, kind))));
    const status = Object.fromEntries(SECRET_KINDS.map((kind, index) => [kind, Boolean(values[index])])) as Record<SecretKind, boolean>;
    if (profile.name !== LOCAL_PROFILE_NAME) return status;
    const { obsPassword } = await this.local();
    return { ...status, accessKeySecret: true, obsPassword: status.obsPassword || Boolean(obsPassword) };
  }

  /** The Local profile: the emulator's connection, with the OBS address the user chose for it. */
  private async localView(data: ProfileFile): Promise<Profile> {
    const profile = localProfile(await this.local());
    return data.localObs ? { ...profile, obsWebSocketUrl: data.localObs.obsWebSocketUrl } : profile;
  }

  private async updateLocal(data: ProfileFile, patch: ProfilePatch, secrets: SecretsPatch): Promise<Profile> {
    const { obsWebSocketUrl, ...others } = definedOnly(patch);
    const changed = Object.keys(others).find((key) => key !== 'name');
    if (changed) throw new ValidationError(changed, `the built-in ${LOCAL_PROFILE_NAME} profile takes its OSS settings from the emulator; only its OBS settings can change`);
    const secret = Object.keys(definedOnly(secrets)).find((key) => key !== 'obsPassword');
    if (secret) throw new ValidationError(secret, `the built-in ${LOCAL_PROFILE_NAME} profile has no ${secret}`);
    if (obsWebSocketUrl !== undefined) validateObsWebSocketUrl(obsWebSocketUrl);
    const next: ProfileFile = obsWebSocketUrl === undefined ? data : { ...data, localObs: { obsWebSocketUrl } };
    await this.commit(next, this.secretChanges(LOCAL_PROFILE_NAME, { ...(secrets.obsPassword === undefined ? {} : { obsPassword: secrets.obsPassword }) }));
    return this.localView(next);
  }

  /** Keychain first, then the file; if the file write fails the keychain is put back. */
  private async commit(data: ProfileFile, changes: SecretChange[]): Promise<void> {
    const undo = await applySecretChanges(this.secrets, this.service, changes);
    try {
      await writeProfileFile(this.file, data);
    } catch (error) {
      await undo();
      throw error;
    }
  }

  private secretChanges(profileName: string, values: Partial<Record<SecretKind, string | null>>): SecretChange[] {
    return SECRET_KINDS.flatMap((kind) => {
      const value = values[kind];
      return value === undefined ? [] : [{ account: secretAccount(profileName, kind), value }];
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function indexOfProfile(data: ProfileFile, name: string): number {
  const key = name.toLowerCase();
  return data.profiles.findIndex((profile) => profile.name.toLowerCase() === key);
}

function findProfile(data: ProfileFile, name: string): { profile: Profile; index: number } {
  const index = indexOfProfile(data, name);
  const profile = data.profiles[index];
  if (!profile) throw new ProfileNotFoundError(name);
  return { profile, index };
}

function refuseLocal(name: string, action: string): void {
  if (isLocalProfileName(name)) {
    throw new ValidationError('name', `the built-in ${LOCAL_PROFILE_NAME} profile cannot be ${action}`);
  }
}

function validateSecretsPatch(secrets: SecretsPatch): void {
  if (secrets.accessKeySecret !== undefined) validateSecret(secrets.accessKeySecret, 'accessKeySecret');
  if (secrets.securityToken != null) validateSecret(secrets.securityToken, 'securityToken');
  if (secrets.obsPassword != null) validateSecret(secrets.obsPassword, 'obsPassword');
}
