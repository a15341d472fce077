import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import { FileBroadcastHistory } from '../../../electron/history';

const WRITER = fileURLToPath(new URL('./history-writer-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let directory = '';

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

/** Starts the writer, lets it run `runMs` after its first write, then SIGKILLs it. */
function killWriterAfter(runMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, directory], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('history file atomicity', () => {
  it('is always a complete, valid history when the writing process is killed at any moment', async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'history-crash-'));
    const history = new FileBroadcastHistory({ directory });
    let previous = 0;
    // Different delays land the kill in different phases: reading, writing the temp file, fsync, rename.
    for (const runMs of [0, 13, 41, 97]) {
      await killWriterAfter(runMs);
      const broadcasts = await history.list({ profile: 'Studio', bucket: 'my-bucket', channel: 'show' });
      // Whole batches of 200 only: a torn file would fail validation, a partial write would show an odd count.
      expect(broadcasts.length % 200).toBe(0);
      expect(broadcasts.length).toBeGreaterThanOrEqual(Math.max(200, previous));
      previous = broadcasts.length;
    }
    // Nothing but the history file and, at most, the temp file of the write that was killed.
    const names = await readdir(directory);
    expect(names).toContain('Studio@my-bucket.json');
    expect(names.filter((name) => !name.endsWith('.tmp'))).toEqual(['Studio@my-bucket.json']);
  });
});
