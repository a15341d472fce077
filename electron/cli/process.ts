import { main } from './main';

/** Binds `main` to the real process: stdio, environment, signals and the exit code. */
export async function runFromProcess(): Promise<void> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signal: controller.signal,
  });
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  process.exitCode = code;
}
