/**
 * Child process for the profile CLI test: runs `oss-live` invocations one after another, each as its own process,
 * inside whatever D-Bus session the test set up (so they all reach the same Secret Service), and prints one JSON
 * line with each run's exit code and output.
 *
 * Usage: node --import tsx profile-cli-child.ts '<JSON array of {args, stdin?}>'
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Invocation {
  args: string[];
  stdin?: string;
}

export interface Run {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = fileURLToPath(new URL('../../../bin/oss-live.js', import.meta.url));

function run({ args, stdin }: Invocation): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ args, code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

const invocations = JSON.parse(process.argv[2] ?? '[]') as Invocation[];
const runs: Run[] = [];
for (const invocation of invocations) runs.push(await run(invocation));
process.stdout.write(`${JSON.stringify(runs)}\n`);
