/**
 * `oss-live local --json` as a child process, the way scripts and the E2E tests use it: start it, read its one
 * ready line, stop it with a signal (or kill -9 it) and see how it exited. Children are tracked by handle and
 * SIGKILLed if the test process exits early.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { killAllOnExit } from './child-cleanup';
import type { LocalReady } from '../../electron/services/local-connection';
import { cleanEnv } from './cli';

const BIN = fileURLToPath(new URL('../../bin/oss-live.js', import.meta.url));

/** The ready line's contract: `{endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data}`. */
export type { LocalReady } from '../../electron/services/local-connection';

export interface LocalEmulatorProcess {
  readonly child: ChildProcess;
  /** The parsed ready line. */
  readonly ready: LocalReady;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (default SIGTERM) and waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface LocalEmulatorOptions {
  /** `--data DIR`. */
  data: string;
  /** OSS_LIVE_DATA_DIR: where `local.json` goes. */
  userData: string;
  /** More flags (`--acl`, `--bucket`, ...); ports default to 0 (ephemeral). */
  args?: string[];
  /** More environment (e.g. OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET). */
  env?: Record<string, string>;
  /** How long to wait for the ready line; default 30 s. */
  readyTimeoutMs?: number;
}

/** Starts `oss-live local --json` and resolves with its ready line; rejects (and kills it) if none comes. */
export async function startLocalEmulator(options: LocalEmulatorOptions): Promise<LocalEmulatorProcess> {
  const args = [BIN, 'local', '--json', '--data', options.data, '--http-port', '0', '--rtmp-port', '0', ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    env: cleanEnv({ OSS_LIVE_DATA_DIR: options.userData, ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killAllOnExit([child]);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`oss-live local printed no ready line within the timeout; stderr: ${stderr}`)), options.readyTimeoutMs ?? 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, end));
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`oss-live local exited (${String(code)}) before it was ready; stderr: ${stderr}`));
    });
  });
  let ready: LocalReady;
  try {
    ready = JSON.parse(await firstLine) as LocalReady;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    child,
    ready,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
