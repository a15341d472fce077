import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Syntax target for the renderer bundle (JS and CSS); Vite lowers newer syntax, it does not polyfill APIs. */
export const BUILD_TARGET = 'chrome95';

/** Builds the renderer into out/renderer, served by the Electron shell (app://) and by browser mode (http). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // OBS 28–30 embed CEF 95–103 for custom browser docks: the oldest Chromium this renderer must run in.
    target: BUILD_TARGET,
    chunkSizeWarningLimit: 700,
  },
});
