/**
 * Ending child processes that tests start (OBS, Xvfb, ffmpeg): by the handle we spawned, never by name, and even
 * when the test process itself exits early.
 */
import type { ChildProcess } from 'node:child_process';

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function killAndWait(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

const tracked = new Set<ChildProcess>();
let hooked = false;

/**
 * SIGKILLs the children if the test process exits while they still run (a crashed or interrupted run must not leave
 * OBS instances behind). Returns a function that stops tracking them.
 */
export function killAllOnExit(children: ChildProcess[]): () => void {
  for (const child of children) tracked.add(child);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const child of tracked) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  }
  return () => {
    for (const child of children) tracked.delete(child);
  };
}
