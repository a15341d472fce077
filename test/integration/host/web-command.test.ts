/**
 * `npm run -s web -- --json --no-open --port 0` as a script or an OBS dock launcher uses it: exactly one JSON line
 * on stdout once the server is ready, a working guarded server behind that URL, and a clean exit 0 on SIGTERM.
 * Then `--port N` and `--data DIR`: the server is on that port and the app's data goes to that directory.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { killAllOnExit, killAndWait } from '../../support/child-cleanup';
import { cleanEnv } from '../../support/cli';
import { freePort } from '../../support/listening-ports';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** The processes under `pid` (npm → sh → node), from /proc. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const visit = (parent: number): void => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** The documented `--json` line, character for character: `{"url": "http://127.0.0.1:PORT/?token=…"}`. */
const URL_LINE = /^\{"url": "http:\/\/127\.0\.0\.1:(\d+)\/\?token=[A-Za-z0-9_-]{32,}"\}\n$/;

/** Everything the child prints on stdout so far, once its first line is complete (a renderer build may come first, on stderr). */
function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no URL line within ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited early with ${String(code)}; stderr:\n${stderr}`));
    });
  });
}

/** The argument vector of a process, from /proc. */
async function argv(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
}

describe('npm run -s web -- --json --no-open --port 0', () => {
  let dataDir = '';
  let npm: ChildProcess;
  let stdout = '';
  let stderr = '';
  let exited: Promise<number | null>;
  let url: URL;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'oss-live-web-'));
    npm = spawn('npm', ['run', '-s', 'web', '--', '--json', '--no-open', '--port', '0'], {
      cwd: REPO,
      env: cleanEnv({ OSS_LIVE_DATA_DIR: dataDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killAllOnExit([npm]);
    exited = new Promise((resolve) => npm.once('exit', (code) => resolve(code)));
    npm.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    npm.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The first line arrives once the server listens (a renderer build may come first, on stderr).
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL line within 90 s; stderr:\n${stderr}`)), 90_000);
      const check = (): void => {
        if (stdout.includes('\n')) {
          clearTimeout(timer);
          resolve();
        }
      };
      npm.stdout?.on('data', check);
      void exited.then((code) => reject(new Error(`exited early with ${String(code)}; stderr:\n${stderr}`)));
    });
    url = new URL((JSON.parse(stdout) as { url: string }).url);
  }, 120_000);

  afterAll(async () => {
    // Only if a test failed before the SIGTERM test: end the whole chain, server first.
    for (const pid of (await descendants(npm.pid ?? -1)).reverse()) process.kill(pid, 'SIGTERM');
    await killAndWait(npm);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints exactly one line: {"url": "http://127.0.0.1:PORT/?token=…"}', () => {
    expect(stdout).toMatch(URL_LINE);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['url']);
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32,}$/);
  });

  it('serves the built renderer behind that URL, and 403 without the token', async () => {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root"><\/div>[\s\S]*<\/html>/);
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const bare = await fetch(`${url.origin}/`);
    expect(bare.status).toBe(403);
    expect(await bare.text()).toBe('Forbidden');
  });

  it('exits 0 on SIGTERM, with nothing more on stdout', async () => {
    // npm runs scripts through sh, and Debian's dash does not pass signals on: signal the server itself, as a
    // process manager signalling the whole group would. npm's own exit code then follows the server's.
    const server = [];
    for (const pid of await descendants(npm.pid ?? -1)) {
      const [executable, script, command] = await argv(pid);
      if (path.basename(executable ?? '') === 'node' && script === 'bin/oss-live.js' && command === 'web') server.push(pid);
    }
    expect(server).toHaveLength(1);
    process.kill(server[0] ?? -1, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('oss-live web --port N --data DIR', () => {
  let root = '';
  let server: ChildProcess;
  let port = 0;
  let line = '';

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'oss-live-web-flags-'));
    port = await freePort();
    // OSS_LIVE_DATA_DIR points elsewhere: --data must win over it.
    server = spawn(process.execPath, ['bin/oss-live.js', 'web', '--json', '--no-open', '--port', String(port), '--data', path.join(root, 'chosen')], {
      cwd: REPO,
      env: cleanEnv({ OSS_LIVE_DATA_DIR: path.join(root, 'env') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killAllOnExit([server]);
    line = await firstLine(server, 90_000);
  }, 120_000);

  afterAll(async () => {
    await killAndWait(server);
    await rm(root, { recursive: true, force: true });
  });

  it('listens on the port asked for, and prints it', async () => {
    expect(line).toMatch(URL_LINE);
    expect(Number(URL_LINE.exec(line)?.[1])).toBe(port);
    const page = await fetch((JSON.parse(line) as { url: string }).url);
    expect(page.status).toBe(200);
  });

  it('keeps its data in the directory asked for, not in OSS_LIVE_DATA_DIR', async () => {
    // With no profile of its own, the embedded emulator starts, with its credentials under the data dir.
    await expect(readFile(path.join(root, 'chosen', 'emulator', 'credentials.json'), 'utf8')).resolves.toMatch(/\S/);
    await expect(readdir(path.join(root, 'env'))).rejects.toThrow(/ENOENT/);
  });
});
