import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { errorCode } from '../util/error-code';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');
const SOURCES = [path.join(ROOT, 'renderer'), path.join(ROOT, 'shared')];

async function newestMtime(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

/**
 * Puts a finished build in place. Two launches may build at the same time (two `oss-live web`, parallel test files),
 * and Vite empties its output directory first: so each builds into its own directory and swaps it in with renames,
 * and a server already running never sees a half-written renderer. If another build landed first, its output is
 * just as fresh and stays.
 */
async function swapIn(staging: string): Promise<void> {
  const retired = `${RENDERER_OUT}.${process.pid}.old`;
  await rename(RENDERER_OUT, retired).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw error;
  });
  await rename(staging, RENDERER_OUT).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST') throw error;
  });
  await rm(retired, { recursive: true, force: true });
}

/**
 * Makes sure out/renderer holds a build of the current sources: builds with Vite when it is missing or older than
 * renderer/ or shared/. Vite's output goes to stderr so stdout stays free for `--json`.
 */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<string> {
  const built = await stat(path.join(RENDERER_OUT, 'index.html')).then((s) => s.mtimeMs, () => 0);
  const sources = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  if (built > sources) return RENDERER_OUT;
  log('Building the renderer…');
  const staging = `${RENDERER_OUT}.${process.pid}.${Date.now()}.tmp`;
  try {
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    await swapIn(staging);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return RENDERER_OUT;
}
