/**
 * Profiles against a REAL Secret Service: gnome-keyring under dbus-run-session, in a throwaway HOME. Each run is a
 * child process (keychain-child.ts) that performs profile operations and reports their outcomes as JSON.
 */
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import type { Profile } from '../../../shared/profile';
import type { SessionSetup } from '../../support/secret-service';
import { runInSession } from '../../support/secret-service';
import { needs } from '../../support/tools';
import type { Operation, Outcome } from './keychain-child';

const CHILD = fileURLToPath(new URL('./keychain-child.ts', import.meta.url));
/** The service name the app's availability check writes its throwaway entry under (electron/app/app-context.ts). */
const PROBE_SERVICE = 'OSS Live Companion probe';

const studio: Profile = {
  name: 'Studio',
  endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
  region: 'cn-hangzhou',
  bucket: 'studio-live',
  accessKeyId: 'LTAI5tStudioKeyId',
  signatureVersion: 'v4',
  obsWebSocketUrl: 'ws://127.0.0.1:4455',
};
// Distinctive values, so grepping the profile file for them is meaningful.
const secrets = {
  accessKeySecret: 'ak-secret-7f3a9c',
  securityToken: 'sts-token-41be02',
  obsPassword: 'obs-pass-d95e61',
};

const homes: string[] = [];
let home = '';
let dataDir = '';

async function session(setup: SessionSetup, operations: Operation[]): Promise<Outcome[]> {
  const outcomes = await runInSession(CHILD, setup, {
    home,
    args: [JSON.stringify(operations)],
    env: { OSS_LIVE_DATA_DIR: dataDir },
    timeoutMs: 15_000,
  });
  return outcomes as Outcome[];
}

function ok(outcome: Outcome | undefined): unknown {
  if (!outcome || !('ok' in outcome)) throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome.ok;
}

function failure(outcome: Outcome | undefined): { name: string; message: string; reason?: unknown } {
  if (!outcome || !('error' in outcome)) throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe.runIf(needs('dbus-run-session', 'gnome-keyring-daemon'))('profiles in a real Secret Service', () => {
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'oss-live-keyring-'));
    homes.push(home);
    dataDir = path.join(home, 'data');
  });

  afterAll(async () => {
    await Promise.all(homes.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('adds a profile, reads its secrets back from gnome-keyring, and keeps them out of the profile file', async () => {
    const outcomes = await session('gnome-keyring', [
      { op: 'add', profile: studio, secrets },
      { op: 'resolve', name: 'studio' },
      { op: 'keychain-find' },
    ]);
    expect(ok(outcomes[0])).toEqual(studio);
    expect(ok(outcomes[1])).toEqual({
      profile: studio,
      credentials: { accessKeyId: studio.accessKeyId, accessKeySecret: secrets.accessKeySecret, securityToken: secrets.securityToken },
      obsPassword: secrets.obsPassword,
    });
    expect(ok(outcomes[2])).toEqual(
      expect.arrayContaining([
        { account: 'studio/accessKeySecret', password: secrets.accessKeySecret },
        { account: 'studio/securityToken', password: secrets.securityToken },
        { account: 'studio/obsPassword', password: secrets.obsPassword },
      ]),
    );

    const file = await readFile(path.join(dataDir, 'profiles.json'), 'utf8');
    expect(JSON.parse(file)).toMatchObject({ schemaVersion: 1, profiles: [studio] });
    for (const secret of Object.values(secrets)) expect(file).not.toContain(secret);
  });

  it('reports the keychain available to the app, and its check leaves nothing behind', async () => {
    const outcomes = await session('gnome-keyring', [
      { op: 'app-keychain-status' },
      { op: 'keychain-find', service: PROBE_SERVICE },
      { op: 'keychain-find' },
    ]);
    expect(ok(outcomes[0])).toEqual({ available: true });
    expect(ok(outcomes[1])).toEqual([]);
    expect(ok(outcomes[2])).toEqual([]);
  });

  it.runIf(needs('secret-tool'))('stores secrets where libsecret\'s secret-tool finds them', async () => {
    const outcomes = await session('gnome-keyring', [
      { op: 'add', profile: studio, secrets: { accessKeySecret: secrets.accessKeySecret } },
      { op: 'secret-tool', account: 'studio/accessKeySecret' },
    ]);
    ok(outcomes[0]);
    expect(ok(outcomes[1])).toBe(secrets.accessKeySecret);
  });

  it('keeps secrets across sessions (on disk in the keyring, not the kernel keyring)', async () => {
    ok((await session('gnome-keyring', [{ op: 'add', profile: studio, secrets }]))[0]);
    const [resolved] = await session('gnome-keyring', [{ op: 'resolve', name: 'Studio' }]);
    expect(ok(resolved)).toMatchObject({ credentials: { accessKeySecret: secrets.accessKeySecret } });
  });

  it('updates secrets: replaces one, adds one, deletes one', async () => {
    const outcomes = await session('gnome-keyring', [
      { op: 'add', profile: studio, secrets: { accessKeySecret: secrets.accessKeySecret, obsPassword: secrets.obsPassword } },
      {
        op: 'update',
        name: 'Studio',
        patch: { region: 'cn-shanghai', endpoint: 'oss-cn-shanghai.aliyuncs.com' },
        secrets: { accessKeySecret: 'ak-secret-rotated', securityToken: secrets.securityToken, obsPassword: null },
      },
      { op: 'resolve', name: 'Studio' },
      { op: 'keychain-get', account: 'studio/obsPassword' },
    ]);
    ok(outcomes[1]);
    expect(ok(outcomes[2])).toEqual({
      profile: { ...studio, region: 'cn-shanghai', endpoint: 'oss-cn-shanghai.aliyuncs.com' },
      credentials: { accessKeyId: studio.accessKeyId, accessKeySecret: 'ak-secret-rotated', securityToken: secrets.securityToken },
    });
    expect(ok(outcomes[3])).toBeNull();
    const file = await readFile(path.join(dataDir, 'profiles.json'), 'utf8');
    expect(file).not.toContain('ak-secret-rotated');
  });

  it('removing a profile deletes its keychain entries and leaves other profiles alone', async () => {
    const other: Profile = { ...studio, name: 'Backup', bucket: 'backup-live' };
    const outcomes = await session('gnome-keyring', [
      { op: 'add', profile: studio, secrets },
      { op: 'add', profile: other, secrets: { accessKeySecret: 'backup-secret' } },
      { op: 'remove', name: 'STUDIO' },
      { op: 'keychain-find' },
      { op: 'list' },
      { op: 'resolve', name: 'Studio' },
    ]);
    ok(outcomes[2]);
    expect(ok(outcomes[3])).toEqual([{ account: 'backup/accessKeySecret', password: 'backup-secret' }]);
    expect((ok(outcomes[4]) as Profile[]).map((profile) => profile.name)).toEqual(['Local', 'Backup']);
    expect(failure(outcomes[5]).name).toBe('ProfileNotFoundError');
  });

  it('puts the keychain back as it was when the profile file cannot be written', async () => {
    ok((await session('gnome-keyring', [{ op: 'add', profile: studio, secrets }]))[0]);
    // Same keyring, but a data directory that is a dangling symlink: reading finds no file, creating it fails.
    // Adding "Studio" there writes its keychain entries first, so the failed file write must restore the old ones.
    dataDir = path.join(home, 'data-link');
    await symlink(path.join(home, 'missing', 'deeper'), dataDir);
    const outcomes = await session('gnome-keyring', [
      { op: 'add', profile: studio, secrets: { accessKeySecret: 'never-committed' } },
      { op: 'keychain-find' },
    ]);
    expect(failure(outcomes[0]).message).toContain('ENOENT');
    expect(ok(outcomes[1])).toEqual(
      expect.arrayContaining([
        { account: 'studio/accessKeySecret', password: secrets.accessKeySecret },
        { account: 'studio/securityToken', password: secrets.securityToken },
        { account: 'studio/obsPassword', password: secrets.obsPassword },
      ]),
    );
    expect(ok(outcomes[1])).toHaveLength(3);
  });

  it('without any session bus: KeychainUnavailableError naming DBUS_SESSION_BUS_ADDRESS, and no file written', async () => {
    const outcomes = await session('no-session-bus', [
      { op: 'add', profile: studio, secrets },
      { op: 'keychain-find' },
      { op: 'list' },
    ]);
    for (const outcome of outcomes.slice(0, 2)) {
      const error = failure(outcome);
      expect(error).toMatchObject({ name: 'KeychainUnavailableError', reason: 'no-session-bus' });
      expect(error.message).toContain('DBUS_SESSION_BUS_ADDRESS');
    }
    // Listing needs no keychain.
    expect((ok(outcomes[2]) as Profile[]).map((profile) => profile.name)).toEqual(['Local']);
    await expect(readFile(path.join(dataDir, 'profiles.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('with a session bus but no Secret Service: KeychainUnavailableError naming org.freedesktop.secrets', async () => {
    // Write a profile for real first, then try to use it where no Secret Service exists.
    ok((await session('gnome-keyring', [{ op: 'add', profile: studio, secrets }]))[0]);
    const outcomes = await session('bus-without-secret-service', [
      { op: 'resolve', name: 'Studio' },
      { op: 'add', profile: { ...studio, name: 'Second' }, secrets },
      { op: 'keychain-find' },
      { op: 'app-keychain-status' },
    ]);
    for (const outcome of outcomes.slice(0, 3)) {
      const error = failure(outcome);
      expect(error).toMatchObject({ name: 'KeychainUnavailableError', reason: 'no-secret-service' });
      expect(error.message).toMatch(/org\.freedesktop\.secrets.*gnome-keyring/);
    }
    expect(ok(outcomes[3])).toEqual({
      available: false,
      message: expect.stringMatching(/org\.freedesktop\.secrets.*gnome-keyring/),
      text: { key: 'keychain.unavailable.no-secret-service' },
    });
    const file = JSON.parse(await readFile(path.join(dataDir, 'profiles.json'), 'utf8')) as { profiles: Profile[] };
    expect(file.profiles.map((profile) => profile.name)).toEqual(['Studio']);
  });

  it('with a locked keyring: KeychainUnavailableError that says to unlock it, and the app says so too', async () => {
    const [added, found, status] = await session('locked-gnome-keyring', [
      { op: 'add', profile: studio, secrets },
      { op: 'keychain-find' },
      { op: 'app-keychain-status' },
    ]);
    const error = failure(added);
    expect(error).toMatchObject({ name: 'KeychainUnavailableError', reason: 'keyring-locked' });
    expect(error.message).toContain('unlock');
    // Reading a locked keyring just finds nothing, which is why the app's check has to try a write.
    expect(ok(found)).toEqual([]);
    expect(ok(status)).toEqual({ available: false, message: error.message, text: { key: 'keychain.unavailable.keyring-locked' } });
  });
});
