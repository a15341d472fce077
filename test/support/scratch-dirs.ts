/** Throwaway data directories for CLI runs (see cleanEnv in cli.ts), one root per test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let scratchRoot: string | undefined;

/** A new empty directory, under this test file's root. */
export function freshDataDir(): string {
  scratchRoot ??= mkdtempSync(path.join(tmpdir(), 'oss-live-cli-data-'));
  return mkdtempSync(path.join(scratchRoot, 'data-'));
}

/**
 * Removes them all. test/support/setup.ts runs it after each test file's own hooks (which may still have CLI children
 * using the directories): Vitest ends its workers without a process 'exit' event, and the modules that make them are
 * also loaded outside Vitest (benchmarks), where no hook can be registered.
 */
export function removeScratchDataDirs(): void {
  if (scratchRoot !== undefined) rmSync(scratchRoot, { recursive: true, force: true });
  scratchRoot = undefined;
}
