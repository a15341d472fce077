/**
 * The UI benchmark when Chromium and ffmpeg are not installed (PATH holds nothing but `sh`): in CI it fails naming
 * them, as a test would; elsewhere it reports its rows as skipped and says why.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { BenchResult } from '../../../bench/measure';

/** The UI benchmark's entry point, loaded afresh so it sees the environment stubbed now (CI is read at load). */
async function loadUiBench(): Promise<() => Promise<BenchResult[]>> {
  vi.resetModules();
  return (await import('../../../bench/ui.bench')).default;
}

describe('bench/ui.bench.ts without its tools', () => {
  let bin = '';

  beforeAll(async () => {
    bin = await mkdtemp(path.join(tmpdir(), 'oss-live-path-'));
    await symlink('/bin/sh', path.join(bin, 'sh'));
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  afterAll(() => rm(bin, { recursive: true, force: true }));

  it('fails under CI=true, naming what is missing', async () => {
    vi.stubEnv('CI', 'true');
    const run = await loadUiBench();
    vi.stubEnv('PATH', bin);
    await expect(run()).rejects.toThrow('ui.bench: chromium, ffmpeg not installed');
  });

  it('reports its rows as skipped, with the reason, outside CI', async () => {
    vi.stubEnv('CI', '');
    const run = await loadUiBench();
    vi.stubEnv('PATH', bin);
    const results = await run();
    expect(results.map((result) => result.name)).toEqual(['initial renderer JS (gzip)', 'time to interactive', 'monitor CPU at 1 Hz', 'preview latency']);
    for (const result of results) expect(result.note).toBe('skipped: chromium, ffmpeg not installed (bash .ci/run installs them)');
  });
});
