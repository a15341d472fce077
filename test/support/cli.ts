import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { main } from '../../electron/cli/main';
import { freshDataDir } from './scratch-dirs';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = fileURLToPath(new URL('../../bin/oss-live.js', import.meta.url));

/**
 * Environment without the developer's own OSS_* and OBS_* settings, plus `env`. OSS_LIVE_DATA_DIR is a fresh empty
 * directory unless `env` names one, so profiles and `local.json` never come from the developer's real data directory.
 */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OSS_') && !key.startsWith('OBS_')));
  return { ...base, ...(env.OSS_LIVE_DATA_DIR === undefined ? { OSS_LIVE_DATA_DIR: freshDataDir() } : {}), ...env };
}

/** Runs the real `oss-live` executable (bin/oss-live.js) as a child process. */
export function runCli(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: cleanEnv(env), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

/** Runs `main()` in this process with captured streams: the fast way to test many invocations. */
export async function runCliInProcess(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (chunk: Buffer) => chunks.out.push(chunk));
  stderr.on('data', (chunk: Buffer) => chunks.err.push(chunk));
  const input = new PassThrough();
  input.end(stdin);
  const code = await main(args, { stdout, stderr, stdin: input, env: cleanEnv(env), signal: new AbortController().signal });
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}
