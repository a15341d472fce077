import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import { writeFileAtomic } from '../../../electron/fs/atomic-write';

const WRITER = fileURLToPath(new URL('./atomic-writer-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'oss-live-atomic-'));
  dirs.push(dir);
  return dir;
}

/** Starts the writer, waits for its first complete write, lets it run `runMs` longer, then SIGKILLs it. */
function killWriterMidway(file: string, runMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', WRITER, file], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), runMs));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(deadline);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer stopped on its own:\n${stderr}`));
    });
  });
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('writeFileAtomic', () => {
  it('replaces the content and creates the file with mode 0600', async () => {
    const file = path.join(await tempDir(), 'profiles.json');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, 'second');
    expect(await readFile(file, 'utf8')).toBe('second');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['profiles.json']);
  });

  it('leaves a complete file, old or new, when the writing process is killed at any moment', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'profiles.json');
    // Different delays land the kill in different phases: writing the temp file, fsync, rename.
    for (const runMs of [0, 7, 23, 61]) {
      await killWriterMidway(file, runMs);
      const document = JSON.parse(await readFile(file, 'utf8')) as { generation: number; rows: { generation: number }[] };
      expect(document.rows).toHaveLength(20_000);
      expect(document.rows.every((row) => row.generation === document.generation)).toBe(true);
    }
  });

  it('keeps the old file and removes its temp file when the final rename fails', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'profiles.json');
    // A non-empty directory in the target's place makes rename() fail after the temp file was written and synced.
    await mkdir(target);
    await writeFile(path.join(target, 'keep'), 'kept');
    await expect(writeFileAtomic(target, 'new')).rejects.toMatchObject({ code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/) });
    expect(await readdir(dir)).toEqual(['profiles.json']);
    expect(await readFile(path.join(target, 'keep'), 'utf8')).toBe('kept');
  });
});
