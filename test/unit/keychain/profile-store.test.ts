/**
 * The profile store's file behaviour, with a real temp directory (through OSS_LIVE_DATA_DIR) and the in-memory secret
 * store. The same operations against a real Secret Service are in test/integration/keychain.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Profile } from '../../../shared/profile';
import { ValidationError } from '../../../shared/validation';
import type { LocalConnection } from '../../../electron/keychain';
import {
  KEYCHAIN_SERVICE,
  MemorySecretStore,
  MissingSecretError,
  ProfileFileError,
  ProfileNotFoundError,
  ProfileStore,
} from '../../../electron/keychain';

const studio: Profile = {
  name: 'Studio',
  endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
  region: 'cn-hangzhou',
  bucket: 'studio-live',
  accessKeyId: 'LTAI5tStudio',
  signatureVersion: 'v4',
  obsWebSocketUrl: 'ws://127.0.0.1:4455',
};
const emulator: LocalConnection = {
  endpoint: 'http://127.0.0.1:41234',
  region: 'local',
  bucket: 'rehearsal',
  credentials: { accessKeyId: 'emulator-id', accessKeySecret: 'emulator-secret' },
};

const dirs: string[] = [];
const savedDataDir = process.env.OSS_LIVE_DATA_DIR;
let dataDir = '';
let secrets: MemorySecretStore;
let store: ProfileStore;

const profileFile = (): string => path.join(dataDir, 'profiles.json');
const fileText = (): Promise<string> => readFile(profileFile(), 'utf8');

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oss-live-profiles-'));
  dirs.push(dataDir);
  process.env.OSS_LIVE_DATA_DIR = dataDir;
  secrets = new MemorySecretStore();
  store = new ProfileStore({ secrets, local: () => emulator });
});

afterEach(() => {
  if (savedDataDir === undefined) delete process.env.OSS_LIVE_DATA_DIR;
  else process.env.OSS_LIVE_DATA_DIR = savedDataDir;
});

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('ProfileStore', () => {
  it('starts with only the built-in Local profile, in use, built from the emulator hook', async () => {
    expect(store.file).toBe(profileFile());
    const local = { name: 'Local', endpoint: emulator.endpoint, region: 'local', bucket: 'rehearsal', accessKeyId: 'emulator-id', signatureVersion: 'v4', obsWebSocketUrl: 'ws://127.0.0.1:4455' };
    expect(await store.list()).toEqual([local]);
    expect(await store.current()).toEqual(local);
    expect(await store.get('LOCAL')).toEqual(local);
    expect(await store.resolve()).toEqual({ profile: local, credentials: emulator.credentials });
    await expect(readFile(profileFile())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps Local out of the file and refuses to store, remove it or change its OSS side', async () => {
    await expect(store.add({ ...studio, name: 'local' }, { accessKeySecret: 's' })).rejects.toMatchObject({ field: 'name' });
    await expect(store.update('Local', { region: 'x' })).rejects.toMatchObject({ field: 'region' });
    await expect(store.update('Local', {}, { accessKeySecret: 'x' })).rejects.toMatchObject({ field: 'accessKeySecret' });
    await expect(store.remove('Local')).rejects.toThrow(/cannot be removed/);
    await store.add(studio, { accessKeySecret: 's' });
    expect(JSON.parse(await fileText())).toEqual({ schemaVersion: 1, profiles: [studio] });
  });

  it("lets the user point Local at their own OBS: address in the file, password in the keychain", async () => {
    const updated = await store.update('local', { obsWebSocketUrl: 'ws://127.0.0.1:4460' }, { obsPassword: 'local-obs-pw' });
    expect(updated.obsWebSocketUrl).toBe('ws://127.0.0.1:4460');
    expect((await store.current()).obsWebSocketUrl).toBe('ws://127.0.0.1:4460');
    expect((await store.resolve()).obsPassword).toBe('local-obs-pw');
    const text = await fileText();
    expect(JSON.parse(text)).toEqual({ schemaVersion: 1, profiles: [], localObs: { obsWebSocketUrl: 'ws://127.0.0.1:4460' } });
    expect(text).not.toContain('local-obs-pw');
    await store.add(studio, { accessKeySecret: 's' });
    await store.use('studio');
    await store.use('Local');
    expect((await store.get('Local')).obsWebSocketUrl).toBe('ws://127.0.0.1:4460');
  });

  it('stores the non-secret fields in the file and the secrets only in the secret store', async () => {
    await store.add(studio, { accessKeySecret: 'ak-secret-1', securityToken: 'sts-token-1', obsPassword: 'obs-pw-1' });
    const text = await fileText();
    for (const secret of ['ak-secret-1', 'sts-token-1', 'obs-pw-1']) expect(text).not.toContain(secret);
    expect(await secrets.findCredentials(KEYCHAIN_SERVICE)).toEqual([
      { account: 'studio/accessKeySecret', password: 'ak-secret-1' },
      { account: 'studio/securityToken', password: 'sts-token-1' },
      { account: 'studio/obsPassword', password: 'obs-pw-1' },
    ]);
    expect(await store.resolve('studio')).toEqual({
      profile: studio,
      credentials: { accessKeyId: studio.accessKeyId, accessKeySecret: 'ak-secret-1', securityToken: 'sts-token-1' },
      obsPassword: 'obs-pw-1',
    });
  });

  it('refuses an existing name in any case unless told to overwrite, and then drops secrets not given again', async () => {
    await store.add(studio, { accessKeySecret: 'old', obsPassword: 'old-obs' });
    await expect(store.add({ ...studio, name: 'STUDIO' }, { accessKeySecret: 'new' })).rejects.toThrow(/already exists/);
    await store.use('Studio');
    const replaced = await store.add({ ...studio, name: 'STUDIO', bucket: 'other-bucket' }, { accessKeySecret: 'new' }, { overwrite: true });
    expect(await store.list()).toEqual([expect.objectContaining({ name: 'Local' }), replaced]);
    expect(await store.current()).toEqual(replaced);
    expect(await store.resolve('studio')).toEqual({
      profile: replaced,
      credentials: { accessKeyId: studio.accessKeyId, accessKeySecret: 'new' },
    });
  });

  it('updates fields and secrets, keeps the name, and clears rtmpBase with null', async () => {
    await store.add({ ...studio, rtmpBase: 'rtmp://cdn.example.com/live' }, { accessKeySecret: 'one', securityToken: 'tok' });
    const updated = await store.update(
      'studio',
      { bucket: 'renamed-bucket', rtmpBase: null, region: undefined, name: 'Hijack' } as never,
      { securityToken: null, obsPassword: 'pw' },
    );
    expect(updated).toEqual({ ...studio, bucket: 'renamed-bucket' });
    expect(JSON.parse(await fileText()).profiles).toEqual([updated]);
    expect(await store.resolve('Studio')).toMatchObject({ credentials: { accessKeySecret: 'one' }, obsPassword: 'pw' });
    expect((await store.resolve('Studio')).credentials).not.toHaveProperty('securityToken');
    await expect(store.update('Studio', { bucket: 'BAD' })).rejects.toMatchObject({ field: 'bucket' });
    await expect(store.update('Studio', {}, { accessKeySecret: '' })).rejects.toMatchObject({ field: 'accessKeySecret' });
    await expect(store.update('Nobody', {})).rejects.toBeInstanceOf(ProfileNotFoundError);
  });

  it('remembers the profile in use in the file, and falls back to Local when it is removed', async () => {
    await store.add(studio, { accessKeySecret: 's' });
    await store.use('studio');
    expect(JSON.parse(await fileText()).currentProfile).toBe('Studio');
    const reopened = new ProfileStore({ secrets, local: () => emulator });
    expect((await reopened.current()).name).toBe('Studio');
    expect((await reopened.resolve()).credentials.accessKeySecret).toBe('s');
    await reopened.remove('Studio');
    expect(JSON.parse(await fileText())).toEqual({ schemaVersion: 1, profiles: [] });
    expect((await reopened.current()).name).toBe('Local');
    expect(await secrets.findCredentials(KEYCHAIN_SERVICE)).toEqual([]);
    await expect(store.use('Nobody')).rejects.toBeInstanceOf(ProfileNotFoundError);
  });

  it('validates input before touching the secret store or the file', async () => {
    await expect(store.add({ ...studio, endpoint: 'ftp://x' }, { accessKeySecret: 's' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.add(studio, { accessKeySecret: '' })).rejects.toMatchObject({ field: 'accessKeySecret' });
    expect(await secrets.findCredentials(KEYCHAIN_SERVICE)).toEqual([]);
    await expect(readFile(profileFile())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says which secret is missing when the keychain lost it', async () => {
    await store.add(studio, { accessKeySecret: 's' });
    await secrets.deletePassword(KEYCHAIN_SERVICE, 'studio/accessKeySecret');
    await expect(store.resolve('Studio')).rejects.toBeInstanceOf(MissingSecretError);
    await expect(store.resolve('Studio')).rejects.toMatchObject({ profileName: 'Studio', secret: 'accessKeySecret' });
  });

  it('refuses to work on a bad file and never overwrites it', async () => {
    const bad = JSON.stringify({ schemaVersion: 1, profiles: [{ ...studio, bucket: 'Not_Valid' }] });
    await writeFile(profileFile(), bad);
    for (const attempt of [
      () => store.list(),
      () => store.add({ ...studio, name: 'Other' }, { accessKeySecret: 's' }),
      () => store.use('Local'),
      () => store.remove('Studio'),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ name: 'ProfileFileError', field: 'profiles[0].bucket' });
    }
    await expect(store.current()).rejects.toBeInstanceOf(ProfileFileError);
    expect(await fileText()).toBe(bad);
    expect(await secrets.findCredentials(KEYCHAIN_SERVICE)).toEqual([]);
  });

  it('runs concurrent changes one after another, so none is lost', async () => {
    const names = ['One', 'Two', 'Three', 'Four', 'Five'];
    await Promise.all(names.map((name) => store.add({ ...studio, name }, { accessKeySecret: `secret-${name}` })));
    expect((await store.list()).map((profile) => profile.name)).toEqual(['Local', ...names]);
  });
});
