/**
 * `oss-live profile` with a REAL Secret Service (gnome-keyring under dbus-run-session, in a throwaway HOME) and the
 * local emulator: add a profile with its secret piped on stdin, list it (no secret anywhere), use it for channel
 * commands, remove it. Every command is its own process, as a user would run them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from '../../../emulator';
import { startEmulator } from '../../../emulator';
import { freePort } from '../../support/listening-ports';
import type { SessionSetup } from '../../support/secret-service';
import { runInSession } from '../../support/secret-service';
import { needs } from '../../support/tools';
import type { Invocation, Run } from './profile-cli-child';

const CHILD = fileURLToPath(new URL('./profile-cli-child.ts', import.meta.url));

describe.runIf(needs('dbus-run-session', 'gnome-keyring-daemon'))('oss-live profile with the system keychain', () => {
  let root = '';
  let emulator: RunningEmulator;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'profile-cli-'));
    emulator = await startEmulator({ dataDir: path.join(root, 'emulator'), httpPort: 0, rtmpPort: await freePort() });
  });

  afterAll(async () => {
    await emulator?.stop();
    await rm(root, { recursive: true, force: true });
  });

  async function session(setup: SessionSetup, name: string, invocations: Invocation[]): Promise<Run[]> {
    const home = path.join(root, name);
    const runs = await runInSession(CHILD, setup, {
      home,
      args: [JSON.stringify(invocations)],
      // No OSS_* variables: the connection must come from the profile.
      env: { OSS_LIVE_DATA_DIR: path.join(home, 'data') },
      timeoutMs: 40_000,
    });
    return runs as Run[];
  }

  it('adds a profile from stdin, lists it without secrets, uses it against the emulator, and removes it', async () => {
    const secret = emulator.accessKeySecret;
    const add = ['profile', 'add', 'Studio', '--endpoint', emulator.endpoint, '--bucket', emulator.bucket, '--access-key-id', emulator.accessKeyId, '--region', emulator.region, '--obs', 'ws://127.0.0.1:4460'];
    const runs = await session('gnome-keyring', 'working', [
      { args: add, stdin: `${secret}\n\nobs-pass-5e1\n` },
      { args: ['profile', 'list'] },
      { args: ['profile', 'list', '--json'] },
      { args: ['channel', 'create', 'via-profile', '--profile', 'studio'] },
      { args: ['channel', 'list', '--profile', 'Studio', '--json'] },
      { args: ['profile', 'use', 'Studio'] },
      { args: ['channel', 'info', 'via-profile'] },
      { args: ['profile', 'remove', 'Studio'] },
      { args: ['channel', 'list', '--profile', 'Studio'] },
      { args: ['profile', 'list', '--json'] },
    ]);
    const [added, listed, listedJson, created, channels, used, info, removed, gone, after] = runs;

    expect(added?.code, added?.stderr).toBe(0);
    expect(added?.stdout).toMatch(/Added profile Studio .*accessKeySecret, obsPassword stored in the system keychain/);
    expect(listed?.stdout).toMatch(/^\* Local .*\n {2}Studio +http:\/\/127\.0\.0\.1:\d+ +local +local +LTAI\w+ +ws:\/\/127\.0\.0\.1:4460$/m);
    expect(JSON.parse(listedJson?.stdout ?? '')).toMatchObject({ current: 'Local', profiles: [{ name: 'Studio', bucket: emulator.bucket }] });
    expect(created?.code, created?.stderr).toBe(0);
    expect(JSON.parse(channels?.stdout ?? '').channels).toEqual([expect.objectContaining({ name: 'via-profile' })]);
    expect(used?.stdout).toMatch(/Now using profile Studio/);
    expect(info?.code, info?.stderr).toBe(0);
    expect(info?.stdout).toMatch(/name: +via-profile/);
    expect(removed?.code).toBe(0);
    expect(gone?.code).toBe(2);
    expect(gone?.stderr).toMatch(/--profile: No profile named "Studio"/);
    expect(JSON.parse(after?.stdout ?? '')).toMatchObject({ current: 'Local', profiles: [] });

    // The secrets went to the keychain only: not into any output, not into the profile file.
    for (const run of runs) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    for (const run of runs) expect(`${run.stdout}${run.stderr}`).not.toContain('obs-pass-5e1');
    const file = await readFile(path.join(root, 'working', 'data', 'profiles.json'), 'utf8');
    expect(file).not.toContain(secret);
  }, 90_000); // real CLI processes under a session bus, each starting Node and tsx

  it('fails with the keychain message, storing nothing, when there is no Secret Service', async () => {
    const add = ['profile', 'add', 'Studio', '--endpoint', emulator.endpoint, '--bucket', emulator.bucket, '--access-key-id', emulator.accessKeyId, '--region', emulator.region];
    const [added, listed, useLocal] = await session('no-session-bus', 'no-bus', [
      { args: add, stdin: 'secret\n' },
      { args: ['profile', 'list', '--json'] },
      { args: ['profile', 'use', 'local'] },
    ]);
    expect(added?.code).toBe(1);
    expect(added?.stderr).toMatch(/No D-Bus session bus .*never stored in plain text/s);
    expect(JSON.parse(listed?.stdout ?? '')).toMatchObject({ profiles: [], local: { running: false } });
    // Choosing Local needs no keychain, and works while no emulator runs.
    expect(useLocal?.code, useLocal?.stderr).toBe(0);
    expect(useLocal?.stdout).toMatch(/Now using profile Local \(the emulator is not running now: start it with 'oss-live local'\)/);
  });
});
