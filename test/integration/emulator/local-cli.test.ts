/**
 * `oss-live local` as a public contract: its one-line ready JSON, its ready file for the app's Local profile, its
 * human output (never the secret) and its clean stop; and the whole `oss-live` channel lifecycle run against it,
 * including a real ffmpeg publish between `sign` and `vod`.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { main } from '../../../electron/cli/main';
import { runCli, runCliInProcess } from '../../support/cli';
import { publishTestPattern, stopAllPublishers } from '../../support/ffmpeg-publisher';
import { waitFor } from '../../support/listening-ports';
import { startLocalEmulator, type LocalEmulatorProcess } from '../../support/local-emulator';
import { parseMediaPlaylist } from '../../support/m3u8';
import { needs } from '../../support/tools';

const CONTRACT_KEYS = ['accessKeyId', 'accessKeySecret', 'bucket', 'data', 'endpoint', 'region', 'rtmp'];
const KEY_ID = 'LTAIcliTestKey0000000000';
const KEY_SECRET = 'cliTestSecret000000000000000000';
/** About twenty real CLI processes one after another, each starting Node and tsx (about 1 s on a loaded 2-core machine). */
const CLI_RUNS_TIMEOUT_MS = 120_000;

/** `--json` output of a CLI run, parsed. */
function json(result: { code: number; stdout: string; stderr: string }): Record<string, unknown> {
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON (exit ${result.code}): ${result.stdout} ${result.stderr}`);
  }
}

describe.runIf(needs('ffmpeg'))('oss-live local', () => {
  let root: string;
  let userData: string;
  let emulator: LocalEmulatorProcess;
  /** Only the user data dir: every command finds the emulator through local.json (the built-in Local profile). */
  let env: Record<string, string>;
  const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(args, env);

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'oss-live-local-'));
    userData = path.join(root, 'user');
    env = { OSS_LIVE_DATA_DIR: userData };
    emulator = await startLocalEmulator({
      data: path.join(root, 'data'),
      userData,
      args: ['--bucket', 'clibucket', '--region', 'test-1'],
      env: { OSS_ACCESS_KEY_ID: KEY_ID, OSS_ACCESS_KEY_SECRET: KEY_SECRET },
    });
  });

  afterAll(async () => {
    await stopAllPublishers();
    await emulator?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('--json prints exactly one line with the contract keys, and writes local.json (0600, with pid)', async () => {
    expect(emulator.stdout().split('\n').filter((line) => line !== '')).toHaveLength(1);
    const { ready } = emulator;
    expect(Object.keys(ready).sort()).toEqual(CONTRACT_KEYS);
    expect(ready).toMatchObject({ bucket: 'clibucket', region: 'test-1', accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, data: path.join(root, 'data') });
    expect(ready.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.rtmp).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/);
    const file = path.join(userData, 'local.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ...ready, pid: emulator.child.pid });
  });

  it('runs the channel lifecycle through the CLI with the documented exit codes', async () => {
    const created = await cli('channel', 'create', 'cli-ch', '--frag-duration', '1', '--frag-count', '3', '--json');
    expect(created.code, created.stderr).toBe(0);
    expect(json(created)).toMatchObject({ name: 'cli-ch', created: true, publishUrls: [`${emulator.ready.rtmp}/cli-ch`] });
    expect((await cli('channel', 'create', 'cli-ch')).code).toBe(1); // exists: refuses to reset it
    expect((await cli('channel', 'create', 'x', '--frag-count', '3')).code).toBe(2); // usage: both or neither

    const listed = json(await cli('channel', 'list', '--json')) as { channels: Array<{ name: string }> };
    expect(listed.channels.map((channel) => channel.name)).toEqual(['cli-ch']);
    expect(json(await cli('channel', 'info', 'cli-ch', '--json'))).toMatchObject({ status: 'enabled', target: { fragDuration: 1, fragCount: 3 } });
    expect(json(await cli('channel', 'stat', 'cli-ch', '--json'))).toMatchObject({ status: 'Idle' });
    expect(json(await cli('channel', 'history', 'cli-ch', '--json'))).toMatchObject({ records: [] });
    expect((await cli('channel', 'info', 'missing')).code).toBe(1);

    expect((await cli('channel', 'disable', 'cli-ch')).code).toBe(0);
    expect(json(await cli('channel', 'stat', 'cli-ch', '--json'))).toMatchObject({ status: 'Disabled' });
    expect((await cli('channel', 'enable', 'cli-ch')).code).toBe(0);

    const signed = json(await cli('sign', 'cli-ch', '--expires', '600', '--json')) as { url: string; server: string; streamKey: string };
    expect(signed.server).toBe(emulator.ready.rtmp);
    expect(signed.url).toBe(`${signed.server}/${signed.streamKey}`);
    const publisher = publishTestPattern(signed.url, { seconds: 4, fragDuration: 1 });
    await waitFor(async () => json(await runCliInProcess(['channel', 'stat', 'cli-ch', '--json'], env)).status === 'Live', 5_000);
    expect((await cli('channel', 'delete', 'cli-ch')).code).toBe(1); // 409 ChannelStillLive
    const { code, stderr } = await publisher.exited;
    expect(code, stderr).toBe(0);

    await waitFor(async () => (json(await runCliInProcess(['channel', 'history', 'cli-ch', '--json'], env)).records as unknown[]).length === 1, 3_000);
    const { records } = json(await cli('channel', 'history', 'cli-ch', '--json')) as { records: Array<{ startTime: string; endTime: string }> };
    const [record] = records;
    if (!record) throw new Error('no history record');
    const start = String(Math.floor(Date.parse(record.startTime) / 1000));
    const end = String(Math.ceil(Date.parse(record.endTime) / 1000) + 1);
    const vod = json(await cli('vod', 'get', 'cli-ch', '--start', start, '--end', end, '--json')) as { playlist: string };
    expect(parseMediaPlaylist(vod.playlist).entries.length).toBeGreaterThanOrEqual(3);
    const clip = await cli('vod', 'create', 'cli-ch', 'clip.m3u8', '--start', start, '--end', end, '--json');
    expect(clip.code, clip.stderr).toBe(0);
    expect(json(clip)).toMatchObject({ key: 'cli-ch/clip.m3u8' });
    expect((await cli('vod', 'get', 'cli-ch', '--start', '1000000000', '--end', '1000000100')).code).toBe(1); // no ts in span

    expect((await cli('channel', 'delete', 'cli-ch')).code).toBe(0);
    expect((await cli('channel', 'info', 'cli-ch')).code).toBe(1);
  }, CLI_RUNS_TIMEOUT_MS);
});

describe('oss-live local in-process: human output, clean stop, bad flags', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'oss-live-local-human-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('prints where it listens and an export hint, never the secret; stops on abort with exit 0 and removes local.json', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const controller = new AbortController();
    const userData = path.join(root, 'user');
    const running = main(['local', '--data', path.join(root, 'data'), '--http-port', '0', '--rtmp-port', '0'], {
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: { OSS_LIVE_DATA_DIR: userData },
      signal: controller.signal,
    });
    await waitFor(async () => out.includes('Ctrl-C'), 10_000);
    const ready = JSON.parse(await readFile(path.join(userData, 'local.json'), 'utf8')) as { endpoint: string; rtmp: string; accessKeyId: string; accessKeySecret: string };
    expect(out).toContain(ready.endpoint);
    expect(out).toContain(ready.rtmp);
    expect(out).toContain(ready.accessKeyId);
    expect(out).toContain(`export OSS_ENDPOINT=${ready.endpoint}`);
    expect(out).not.toContain(ready.accessKeySecret);

    controller.abort();
    expect(await running).toBe(0);
    expect(out).toContain('Stopped');
    await expect(stat(path.join(userData, 'local.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('exits 2 on bad flags and 1 when a port is taken', async () => {
    const env = { OSS_LIVE_DATA_DIR: path.join(root, 'user2') };
    const data = ['--data', path.join(root, 'data2')];
    expect((await runCliInProcess(['local', ...data, '--acl', 'open'], env)).code).toBe(2);
    expect((await runCliInProcess(['local', ...data, '--http-port', '70000'], env)).code).toBe(2);
    expect((await runCliInProcess(['local', ...data, '--bucket', 'Bad_Bucket'], env)).code).toBe(2);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = await runCliInProcess(['local', ...data, '--http-port', '0', '--rtmp-port', String(port)], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
