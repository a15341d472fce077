/**
 * Which connection a command gets: flags/env > --profile > the profile in use > Local (the running emulator's
 * local.json). Profiles in a temp data dir, secrets in the in-memory keychain stand-in; the real keychain is
 * exercised in test/integration/cli/profile-keychain.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { SecretStore } from '../../../electron/keychain';
import { KeychainUnavailableError, MemorySecretStore } from '../../../electron/keychain';
import type { ConnectionRequest } from '../../../electron/services';
import { LOCAL_FILE_NAME, NoOssConfiguredError, openProfileStore, resolveConnection } from '../../../electron/services';

let dataDir = '';
let secrets: MemorySecretStore;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'golive-connection-'));
  secrets = new MemorySecretStore();
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const store = () => openProfileStore(dataDir, secrets);
const resolve = (request: Partial<ConnectionRequest> = {}) => resolveConnection({ explicit: {}, ...request }, store);

async function writeLocal(pid = process.pid): Promise<void> {
  const ready = {
    endpoint: 'http://127.0.0.1:9123',
    rtmp: 'rtmp://127.0.0.1:19350/live',
    bucket: 'local',
    region: 'local',
    accessKeyId: 'LTAIlocal',
    accessKeySecret: 'local-secret',
    data: dataDir,
    pid,
  };
  await writeFile(path.join(dataDir, LOCAL_FILE_NAME), JSON.stringify(ready));
}

async function addStudio(): Promise<void> {
  await store().add(
    {
      name: 'Studio',
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      region: 'cn-hangzhou',
      bucket: 'studio-live',
      accessKeyId: 'LTAIstudio',
      signatureVersion: 'v1',
      obsWebSocketUrl: 'ws://10.0.0.5:4455',
    },
    { accessKeySecret: 'studio-secret', obsPassword: 'studio-obs' },
  );
}

describe('resolveConnection', () => {
  it('uses flags/env alone when they name an endpoint and the OBS password, without reading any profile', async () => {
    const never = (): never => {
      throw new Error('the profile store must not be opened');
    };
    const resolved = await resolveConnection({ explicit: { endpoint: 'http://127.0.0.1:1', bucket: 'b' }, obsPassword: 'pw' }, never);
    expect(resolved).toEqual({ oss: { endpoint: 'http://127.0.0.1:1', bucket: 'b' }, obs: { url: 'ws://127.0.0.1:4455', password: 'pw' } });
  });

  it('falls back to Local, the emulator announced in local.json', async () => {
    await writeLocal();
    const resolved = await resolve();
    expect(resolved.profileName).toBe('Local');
    expect(resolved.oss).toMatchObject({ endpoint: 'http://127.0.0.1:9123', bucket: 'local', rtmpBase: 'rtmp://127.0.0.1:19350/live', credentials: { accessKeyId: 'LTAIlocal', accessKeySecret: 'local-secret' } });
  });

  it('says what to do when nothing is configured, or the emulator that wrote local.json is gone', async () => {
    await expect(resolve()).rejects.toSatisfy((error: unknown) => error instanceof NoOssConfiguredError && /run `oss-live local` in another terminal or add a profile/.test(error.message));
    await writeLocal(2 ** 22 + 12345); // above Linux's default pid_max: no such process
    await expect(resolve()).rejects.toThrow(/not running/);
  });

  it('prefers the profile in use over Local, --profile over both, and explicit values over any profile', async () => {
    await writeLocal();
    await addStudio();
    expect((await resolve()).profileName).toBe('Local');
    await store().use('Studio');
    const current = await resolve();
    expect(current).toMatchObject({
      profileName: 'Studio',
      oss: { endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: 'studio-live', signatureVersion: 'v1', credentials: { accessKeyId: 'LTAIstudio', accessKeySecret: 'studio-secret' } },
      obs: { url: 'ws://10.0.0.5:4455', password: 'studio-obs' },
    });
    expect((await resolve({ profile: 'local' })).profileName).toBe('Local');
    const overridden = await resolve({ explicit: { bucket: 'other-bucket', credentials: { accessKeyId: 'env-id', accessKeySecret: 'env-secret' } }, obsUrl: 'ws://127.0.0.1:4999', obsPassword: 'env-obs' });
    expect(overridden.oss).toMatchObject({ bucket: 'other-bucket', endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', credentials: { accessKeyId: 'env-id' } });
    expect(overridden.obs).toEqual({ url: 'ws://127.0.0.1:4999', password: 'env-obs' });
  });

  describe('the OBS password', () => {
    const envOss = { endpoint: 'http://127.0.0.1:1', bucket: 'b' };
    /** What go-live, stop and monitor ask for: OSS from flags/env, and they talk to OBS. */
    const forObs = (request: Partial<ConnectionRequest>) => resolve({ explicit: envOss, drivesObs: true, ...request });

    it('with OSS from flags/env, comes from the profile in use when the command talks to that profile’s OBS', async () => {
      await addStudio();
      await store().use('Studio');
      const same = await forObs({ obsUrl: 'WS://10.0.0.5:4455/' });
      expect(same.obs).toEqual({ url: 'WS://10.0.0.5:4455/', password: 'studio-obs' });
      expect(same.profileName).toBeUndefined();
      expect(same.oss).toEqual(envOss); // nothing else is taken from the profile
      // No --obs: the default OBS, which is not Studio's, so no password goes there.
      expect((await forObs({})).obs).toEqual({ url: 'ws://127.0.0.1:4455' });
      await store().update('Studio', { obsWebSocketUrl: 'ws://127.0.0.1:4455' });
      expect((await forObs({})).obs).toEqual({ url: 'ws://127.0.0.1:4455', password: 'studio-obs' });
      // OBS_WEBSOCKET_PASSWORD wins.
      expect((await forObs({ obsPassword: 'env-obs' })).obs).toEqual({ url: 'ws://127.0.0.1:4455', password: 'env-obs' });
    });

    it('never goes to another OBS than the profile’s, with --profile or the profile in use', async () => {
      await addStudio();
      expect((await resolve({ profile: 'Studio', obsUrl: 'ws://127.0.0.1:4999' })).obs).toEqual({ url: 'ws://127.0.0.1:4999' });
      expect((await resolve({ profile: 'Studio', obsUrl: 'ws://10.0.0.5:4455' })).obs).toEqual({ url: 'ws://10.0.0.5:4455', password: 'studio-obs' });
      await store().use('Studio');
      expect((await forObs({ obsUrl: 'ws://127.0.0.1:4999' })).obs).toEqual({ url: 'ws://127.0.0.1:4999' });
    });

    it('with OSS from flags/env, is simply absent when no profile, emulator or keychain can say', async () => {
      // No profile chosen and no emulator running: Local cannot be resolved, which OSS from env never needed.
      expect((await forObs({})).obs).toEqual({ url: 'ws://127.0.0.1:4455' });
      await addStudio();
      await store().use('Studio');
      const missing = (): never => {
        throw new KeychainUnavailableError('no-session-bus');
      };
      const noKeychain: SecretStore = { getPassword: async () => missing(), setPassword: async () => missing(), deletePassword: async () => missing(), findCredentials: async () => missing() };
      const request: ConnectionRequest = { explicit: envOss, obsUrl: 'ws://10.0.0.5:4455', drivesObs: true };
      expect((await resolveConnection(request, () => openProfileStore(dataDir, noKeychain))).obs).toEqual({ url: 'ws://10.0.0.5:4455' });
      // A command that only talks to OSS does not open the profile store at all.
      const never = (): never => {
        throw new Error('the profile store must not be opened');
      };
      expect((await resolveConnection({ ...request, drivesObs: false }, never)).obs).toEqual({ url: 'ws://10.0.0.5:4455' });
    });
  });
});
