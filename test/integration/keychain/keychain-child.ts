/**
 * Child process for the keychain integration tests: runs a list of profile operations against the real OS keychain
 * inside whatever D-Bus session the test set up, and prints one JSON line with each operation's outcome.
 *
 * Usage: node --import tsx keychain-child.ts '<JSON array of operations>'  (profile file in OSS_LIVE_DATA_DIR)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { Profile, ProfileSecrets } from '../../../shared/profile';
import { AppContext } from '../../../electron/app/app-context';
import { KEYCHAIN_SERVICE, OsKeychain, ProfileStore } from '../../../electron/keychain';
import type { ProfilePatch, SecretsPatch } from '../../../electron/keychain';

export type Operation =
  | { op: 'add'; profile: Profile; secrets: ProfileSecrets; overwrite?: boolean }
  | { op: 'update'; name: string; patch: ProfilePatch; secrets?: SecretsPatch }
  | { op: 'remove'; name: string }
  | { op: 'resolve'; name: string }
  | { op: 'list' }
  /** Straight from the keychain, bypassing the profile store. */
  | { op: 'keychain-get'; account: string }
  | { op: 'keychain-find'; service?: string }
  /** The app's own "can secrets be stored?" check (what the Profiles screen and app info show). */
  | { op: 'app-keychain-status' }
  /** libsecret's own client, an independent reader of the same Secret Service. */
  | { op: 'secret-tool'; account: string };

export type Outcome = { ok: unknown } | { error: { name: string; message: string; reason?: unknown } };

const execFileAsync = promisify(execFile);
const keychain = new OsKeychain();
const store = new ProfileStore({
  secrets: keychain,
  local: () => ({
    endpoint: 'http://127.0.0.1:9000',
    region: 'local',
    bucket: 'local',
    credentials: { accessKeyId: 'local-id', accessKeySecret: 'local-secret' },
  }),
});

async function perform(operation: Operation): Promise<unknown> {
  switch (operation.op) {
    case 'add':
      return store.add(operation.profile, operation.secrets, { overwrite: operation.overwrite ?? false });
    case 'update':
      return store.update(operation.name, operation.patch, operation.secrets);
    case 'remove':
      return store.remove(operation.name);
    case 'resolve':
      return store.resolve(operation.name);
    case 'list':
      return store.list();
    case 'keychain-get':
      return keychain.getPassword(KEYCHAIN_SERVICE, operation.account);
    case 'keychain-find':
      return keychain.findCredentials(operation.service ?? KEYCHAIN_SERVICE);
    case 'app-keychain-status':
      return new AppContext({ mode: 'browser', version: 'test', dataDir: process.env.OSS_LIVE_DATA_DIR ?? '', secrets: keychain }).keychain();
    case 'secret-tool':
      try {
        const { stdout } = await execFileAsync('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'username', operation.account]);
        return stdout;
      } catch {
        return null; // exit status 1: no such item
      }
  }
}

const operations = JSON.parse(process.argv[2] ?? '[]') as Operation[];
const outcomes: Outcome[] = [];
for (const operation of operations) {
  try {
    outcomes.push({ ok: (await perform(operation)) ?? null });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    const reason = error instanceof Error && 'reason' in error ? error.reason : undefined;
    outcomes.push({ error: { name, message, ...(reason === undefined ? {} : { reason }) } });
  }
}
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
