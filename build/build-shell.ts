/**
 * Bundles the Electron shell with esbuild: the main process (ESM, everything under electron/, emulator/ and shared/
 * inlined, npm packages left to node_modules so native ones like @napi-rs/keyring load as shipped) and the preload
 * (CommonJS: sandboxed preloads cannot be ES modules). The renderer is built by Vite (renderer/vite.config.ts).
 * An optional argument names another output directory than out/ (the packaging test builds into a temp dir, so it
 * never swaps files under a running app).
 */
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = process.argv[2] ?? 'out';

await build({
  absWorkingDir: root,
  entryPoints: { 'main/main': 'electron/main.ts' },
  outdir,
  outExtension: { '.js': '.js' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

await build({
  absWorkingDir: root,
  entryPoints: { 'preload/preload': 'electron/preload.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  logLevel: 'warning',
});
