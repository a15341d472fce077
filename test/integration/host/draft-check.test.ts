/**
 * "Test OSS" / "Test OBS" of a profile form before it is saved, over browser mode's real API socket: the host on
 * 127.0.0.1 with the real app runtime behind it (embedded emulator, secrets in memory). A draft is tested as it is;
 * a secret the form leaves empty while editing comes from the stored profile; a check never writes the profile file
 * or the keychain, never sends a secret back and never logs one.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import type { RunningEmulator } from '../../../emulator';
import type { AppRuntime } from '../../../electron/app/app-runtime';
import { startAppRuntime } from '../../../electron/app/app-runtime';
import type { RunningHost } from '../../../electron/host/host';
import { startHost } from '../../../electron/host/host';
import { KEYCHAIN_SERVICE, MemorySecretStore, PROFILE_FILE_NAME } from '../../../electron/keychain';
import type { ConnectionCheck, ProfileSaveRequest, ProfilesView } from '../../../shared/api';
import type { ApiErrorData, WireMessage } from '../../../shared/wire';
import { decodeWire, encodeWire } from '../../../shared/wire';
import { freePort } from '../../support/listening-ports';
import { emulatorProfile } from '../../support/emulator-profile';

/** The real in-memory store, noting which profile secrets were written or deleted. */
class RecordingSecretStore extends MemorySecretStore {
  readonly profileWrites: string[] = [];

  override async setPassword(service: string, account: string, password: string): Promise<void> {
    if (service === KEYCHAIN_SERVICE) this.profileWrites.push(`set ${account}`);
    await super.setPassword(service, account, password);
  }

  override async deletePassword(service: string, account: string): Promise<boolean> {
    if (service === KEYCHAIN_SERVICE) this.profileWrites.push(`delete ${account}`);
    return super.deletePassword(service, account);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };

describe('testing a profile form before saving it', () => {
  let root = '';
  let runtime: AppRuntime;
  let host: RunningHost;
  let ws: WebSocket;
  let emulator: RunningEmulator;
  const secrets = new RecordingSecretStore();
  /** Everything the socket received, as sent. */
  const received: string[] = [];
  /** Everything the app logged. */
  const logged: string[] = [];
  let nextId = 1;

  const call = (method: string, args: unknown[]): Promise<Outcome> =>
    new Promise((resolve) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData): void => {
        const message: WireMessage = decodeWire(data.toString());
        if (message.type !== 'result' || message.id !== id) return;
        ws.off('message', onMessage);
        resolve(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error as ApiErrorData });
      };
      ws.on('message', onMessage);
      ws.send(encodeWire({ type: 'call', id, method, args }));
    });

  /** A call that must be answered; its value. */
  const answer = async <T>(method: string, args: unknown[]): Promise<T> => {
    const outcome = await call(method, args);
    if (!outcome.ok) throw new Error(`${method} was refused: ${outcome.error.message}`);
    return outcome.value as T;
  };

  const check = (target: 'oss' | 'obs', subject: string | ProfileSaveRequest): Promise<ConnectionCheck> => answer('profiles.check', [target, subject]);

  const refusal = async (target: 'oss' | 'obs', subject: ProfileSaveRequest): Promise<ApiErrorData> => {
    const outcome = await call('profiles.check', [target, subject]);
    if (outcome.ok) throw new Error(`profiles.check answered ${JSON.stringify(outcome.value)}`);
    return outcome.error;
  };

  /** A form pointing at the embedded emulator, as the editor sends it. */
  const draft = (name: string, formSecrets: ProfileSaveRequest['secrets'], originalName?: string): ProfileSaveRequest => ({
    profile: emulatorProfile(emulator, name),
    ...(formSecrets ? { secrets: formSecrets } : {}),
    ...(originalName === undefined ? {} : { originalName }),
  });

  const profileFile = (): Promise<string> => readFile(path.join(runtime.context.dataDir, PROFILE_FILE_NAME), 'utf8').catch(() => '(none)');

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'oss-live-draft-check-'));
    runtime = await startAppRuntime({ mode: 'browser', version: 'test', dataDir: path.join(root, 'data'), secrets, log: (event, details) => logged.push(`${event} ${JSON.stringify(details)}`) });
    const instance = runtime.context.emulator.instance;
    if (!instance) throw new Error('the embedded emulator did not start');
    emulator = instance;
    host = await startHost({ port: 0, rendererDir: root, dispatch: runtime.dispatch, events: runtime.events, routes: runtime.routes });
    ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api${new URL(host.url).search}`, { origin: `http://127.0.0.1:${host.port}` });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
    ws.on('message', (data: WebSocket.RawData) => received.push(data.toString()));
  });

  beforeEach(() => {
    secrets.profileWrites.length = 0;
  });

  afterAll(async () => {
    ws?.close();
    await host?.close();
    await runtime?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('passes a new profile with the right keys and fails it clearly with a wrong secret, saving nothing', async () => {
    const fileBefore = await profileFile();
    const right = await check('oss', draft('Studio', { accessKeySecret: emulator.accessKeySecret }));
    expect(right).toMatchObject({ ok: true, message: expect.stringContaining(`Connected to bucket ${emulator.bucket}`) });
    expect(right.latencyMs).toBeGreaterThanOrEqual(0);

    const wrongSecret = `wrong-${emulator.accessKeySecret.slice(0, 4)}-draft`;
    const wrong = await check('oss', draft('Studio', { accessKeySecret: wrongSecret }));
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/secret/i);
    expect(wrong.text?.key).toBe('oss.hints.SignatureDoesNotMatch');

    // A new profile cannot be tested without its secret, and the answer names the field.
    expect(await refusal('oss', draft('Studio', {}))).toMatchObject({ kind: 'validation', field: 'accessKeySecret' });

    expect(await profileFile()).toBe(fileBefore);
    expect(secrets.profileWrites).toEqual([]);
    const { profiles } = await answer<ProfilesView>('profiles.list', []);
    expect(profiles.map((profile) => profile.name)).toEqual(['Local']);
    expect(received.filter((text) => text.includes('profiles.changed'))).toEqual([]);
    for (const secret of [emulator.accessKeySecret, wrongSecret]) {
      expect(received.filter((text) => text.includes(secret))).toEqual([]);
      expect(logged.filter((text) => text.includes(secret))).toEqual([]);
    }
  });

  it('uses the stored secret of the profile being edited when the form leaves it empty, even across a rename', async () => {
    await answer('profiles.save', [draft('Stage', { accessKeySecret: emulator.accessKeySecret, securityToken: 'sts-token-never-issued' })]);
    secrets.profileWrites.length = 0;
    const fileBefore = await profileFile();

    // The stored STS token was never issued by the emulator: the saved profile fails, and so does a form keeping it.
    expect((await check('oss', 'Stage')).ok).toBe(false);
    expect((await check('oss', draft('Stage', {}, 'Stage'))).ok).toBe(false);
    // Marked for removal in the form, it is left out, and the stored secret alone signs.
    const withoutToken = await check('oss', draft('Stage renamed', { securityToken: null }, 'Stage'));
    expect(withoutToken).toMatchObject({ ok: true });
    // A secret typed wins over the stored one.
    expect((await check('oss', draft('Stage', { accessKeySecret: 'typed-but-wrong', securityToken: null }, 'Stage'))).ok).toBe(false);
    // The AccessKey secret cannot be removed: the form says so by name.
    expect(await refusal('oss', draft('Stage', { accessKeySecret: null }, 'Stage'))).toMatchObject({ kind: 'validation', field: 'accessKeySecret' });

    expect(await profileFile()).toBe(fileBefore);
    expect(secrets.profileWrites).toEqual([]);
    expect(received.filter((text) => text.includes(emulator.accessKeySecret) || text.includes('sts-token-never-issued'))).toEqual([]);
    expect(logged.filter((text) => text.includes(emulator.accessKeySecret) || text.includes('sts-token-never-issued'))).toEqual([]);
  });

  it('applies only the tested side’s rules, naming the field at fault', async () => {
    const badBucket = draft('Studio', { accessKeySecret: emulator.accessKeySecret });
    badBucket.profile.bucket = 'Not_A_Bucket';
    expect(await refusal('oss', badBucket)).toMatchObject({ kind: 'validation', field: 'bucket' });
    // Testing OBS needs no bucket; an address nobody listens on fails with what went wrong.
    badBucket.profile.obsWebSocketUrl = `ws://127.0.0.1:${await freePort()}`;
    const absent = await check('obs', badBucket);
    expect(absent.ok).toBe(false);
    expect(absent.message).toContain(`Could not connect to OBS at ${badBucket.profile.obsWebSocketUrl}`);

    const badUrl = draft('Studio', {});
    badUrl.profile.obsWebSocketUrl = 'http://127.0.0.1:4455';
    expect(await refusal('obs', badUrl)).toMatchObject({ kind: 'validation', field: 'obsWebSocketUrl' });
    expect(await refusal('obs', { ...badUrl, extra: true } as unknown as ProfileSaveRequest)).toMatchObject({ kind: 'validation', field: 'request.extra' });
  });

  it('tests the built-in Local profile’s form: its OSS side is the emulator, its OBS address the one typed', async () => {
    const local: ProfileSaveRequest = {
      originalName: 'Local',
      // Only the OBS address is read; the rest is the emulator's whatever the form says.
      profile: { ...draft('Local', undefined).profile, bucket: 'some-other-bucket', obsWebSocketUrl: `ws://127.0.0.1:${await freePort()}` },
      secrets: { obsPassword: 'typed-obs-password' },
    };
    const oss = await check('oss', local);
    expect(oss).toMatchObject({ ok: true, message: expect.stringContaining(`Connected to bucket ${emulator.bucket}`) });
    const obs = await check('obs', local);
    expect(obs.ok).toBe(false);
    expect(obs.message).toContain(`Could not connect to OBS at ${local.profile.obsWebSocketUrl}`);
    expect(secrets.profileWrites).toEqual([]);
    expect(received.filter((text) => text.includes('typed-obs-password'))).toEqual([]);
  });
});
