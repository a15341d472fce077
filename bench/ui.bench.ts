/**
 * The renderer as a user meets it, in browser mode (`oss-live web`) and Debian's Chromium, each figure next to a
 * reference measured in the same run:
 *
 * 1. Initial JS (gzip): what index.html loads before the first screen (lazy chunks such as hls.js and uPlot
 *    excluded), against a page that is nothing but React + ReactDOM rendering one button, built by the same Vite
 *    config: the floor any React renderer pays.
 * 2. Time to interactive: navigation start → the "Go live" button is visible and enabled, median of cold loads (a
 *    fresh browser context each), against that one-button React page served by the same host code.
 * 3. CPU of the Monitor screen at steady state (1 Hz points, a live ffmpeg stream playing in the preview, charts
 *    drawing): main-thread task time per second of wall time (CDP Performance.getMetrics), against the same page
 *    idle on the Go live screen with the stream still live.
 * 4. Preview latency: `hls.latency` / FragDuration with the app's hls.js config, against hls.js's defaults, both
 *    playing the same live stream at the same time.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import type { Browser, Page } from 'playwright-core';

import type { ApiDispatcher } from '../electron/api/dispatch';
import { EventHub } from '../electron/api/event-hub';
import { startHost } from '../electron/host/host';
import { RENDERER_OUT } from '../electron/host/renderer-build';
import { PREVIEW_HLS_CONFIG } from '../renderer/src/components/monitor/hls-config';
import { BUILD_TARGET } from '../renderer/vite.config';
import type { E2eApp } from '../test/support/e2e-app';
import { startE2eApp } from '../test/support/e2e-app';
import { publishTestPattern, stopAllPublishers } from '../test/support/ffmpeg-publisher';
import { connectHostApi } from '../test/support/host-api-client';
import { launchHlsPlayer } from '../test/support/hls-player';
import { inCI, missingTools } from '../test/support/tools';
import type { BenchResult } from './measure';
import { compared, median } from './measure';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COLD_LOADS = 7;
const CPU_WINDOW_MS = 30_000;
const FRAG_DURATION = 2;
const CHANNEL = 'bench-ui';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const kib = (bytes: number): number => bytes / 1024;

/** Gzipped size of the JS an index.html loads up front: its module scripts and their modulepreloads. */
async function initialJsGzip(distDir: string): Promise<{ gzip: number; files: string[] }> {
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.\/([^"]+\.js)"/g)].map((match) => match[1] ?? '');
  let gzip = 0;
  for (const file of files) gzip += gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).byteLength;
  return { gzip, files };
}

/** The reference renderer: React + ReactDOM rendering one "Go live" button, built with the app's Vite settings. */
async function buildReferencePage(): Promise<string> {
  // Inside the repository (out/ is ignored), so Vite resolves react from its node_modules.
  const root = path.join(ROOT, 'out', 'bench-reference');
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><html><head><meta charset="UTF-8"><title>ref</title><link rel="icon" href="data:,"></head><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>');
  await writeFile(
    path.join(root, 'main.js'),
    "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\n" +
      "createRoot(document.getElementById('root')).render(createElement('button', { type: 'button' }, 'Go live'));\n",
  );
  const { build } = await import('vite');
  await build({ root, base: './', logLevel: 'warn', configFile: false, build: { outDir: path.join(root, 'dist'), emptyOutDir: true, target: BUILD_TARGET } });
  return path.join(root, 'dist');
}

/**
 * Records `performance.now()` (ms since navigation start) when a visible, enabled button reading "Go live" first
 * exists. Injected through DevTools, so the app's CSP does not apply to it and the page itself is unchanged.
 */
const TTI_PROBE = `(() => {
  const check = () => {
    if (window.__tti !== undefined) return;
    const button = [...document.querySelectorAll('button')].find((b) => /Go live/.test(b.textContent || '') && !b.disabled && b.getClientRects().length > 0);
    if (button) { window.__tti = performance.now(); observer.disconnect(); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function coldLoadMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: TTI_PROBE });
    await page.goto(url, { waitUntil: 'commit' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const tti = await page.evaluate(() => (globalThis as unknown as { __tti?: number }).__tti);
      if (tti !== undefined) return tti;
      if (Date.now() > deadline) throw new Error(`no enabled "Go live" button on ${new URL(url).origin} within 30 s`);
      await sleep(20);
    }
  } finally {
    await context.close();
  }
}

/**
 * CPU over `ms`, as % of one core, from Chromium's own counters: the page's main-thread task time
 * (Performance.getMetrics TaskDuration), and the CPU time of all of the browser's processes (SystemInfo), which adds
 * video decoding, compositing and networking.
 */
async function cpuOver(page: Page, ms: number): Promise<{ mainThread: number; processes: number }> {
  const devtools = await page.context().newCDPSession(page);
  const browserDevtools = await page.context().browser()?.newBrowserCDPSession();
  await devtools.send('Performance.enable');
  const read = async (): Promise<{ task: number; at: number; processes: number }> => {
    const { metrics } = await devtools.send('Performance.getMetrics');
    const value = (name: string): number => metrics.find((metric) => metric.name === name)?.value ?? Number.NaN;
    const info = await browserDevtools?.send('SystemInfo.getProcessInfo');
    const processes = info ? info.processInfo.reduce((sum, process) => sum + process.cpuTime, 0) : Number.NaN;
    return { task: value('TaskDuration'), at: value('Timestamp'), processes };
  };
  const start = await read();
  await sleep(ms);
  const end = await read();
  await devtools.detach();
  await browserDevtools?.detach();
  const seconds = end.at - start.at;
  return { mainThread: ((end.task - start.task) / seconds) * 100, processes: ((end.processes - start.processes) / seconds) * 100 };
}

/** `hls.latency` at steady state (median of the samples after the first 15 s) with the given hls.js config. */
async function steadyLatency(play: (config: Record<string, unknown>) => Promise<Array<{ latency: number | null; atMs: number }>>, config: Record<string, unknown>): Promise<number> {
  const samples = await play(config);
  return median(samples.filter((sample) => sample.atMs >= 15_000 && sample.latency !== null).map((sample) => sample.latency ?? Number.NaN));
}

export default async function run(): Promise<BenchResult[]> {
  const missing = missingTools('chromium', 'ffmpeg');
  if (missing.length > 0) {
    // As in the tests: in CI a missing tool is a failure, never a quiet row of NaN.
    if (inCI) throw new Error(`ui.bench: ${missing.join(', ')} not installed (bash .ci/run installs them)`);
    const note = `skipped: ${missing.join(', ')} not installed (bash .ci/run installs them)`;
    return ['initial renderer JS (gzip)', 'time to interactive', 'monitor CPU at 1 Hz', 'preview latency'].map((name) => ({ name, value: Number.NaN, unit: '', note }));
  }
  const results: BenchResult[] = [];
  const app: E2eApp = await startE2eApp({ keychain: false });
  const referenceEvents = new EventHub();
  let reference: Awaited<ReturnType<typeof startHost>> | undefined;
  const api = await connectHostApi(app.url);
  try {
    // 1. Initial JS.
    const referenceDir = await buildReferencePage();
    const ours = await initialJsGzip(RENDERER_OUT);
    const floor = await initialJsGzip(referenceDir);
    const allJs = (await readdir(path.join(RENDERER_OUT, 'assets'))).filter((file) => file.endsWith('.js'));
    let lazy = 0;
    for (const file of allJs.filter((name) => !ours.files.includes(`assets/${name}`))) lazy += gzipSync(await readFile(path.join(RENDERER_OUT, 'assets', file)), { level: 9 }).byteLength;
    results.push(
      compared('initial renderer JS (gzip)', 'KiB', kib(ours.gzip), { name: 'React+ReactDOM one-button page', value: kib(floor.gzip) }, `${ours.files.length} file(s) up front; ${kib(lazy).toFixed(0)} KiB more loaded on demand (hls.js, uPlot)`),
    );

    // 2. Time to interactive, cold loads interleaved so background load hits both alike.
    // The reference page never calls the API; the host still needs one to guard.
    const dispatch: ApiDispatcher = async () => ({ ok: false, error: { kind: 'internal', message: 'the reference page has no API' } });
    reference = await startHost({ port: 0, rendererDir: referenceDir, dispatch, events: referenceEvents });
    const ttiOurs: number[] = [];
    const ttiReference: number[] = [];
    await coldLoadMs(app.browser, app.url); // warm the OS file cache and the host
    await coldLoadMs(app.browser, reference.url);
    for (let round = 0; round < COLD_LOADS; round += 1) {
      ttiOurs.push(await coldLoadMs(app.browser, app.url));
      ttiReference.push(await coldLoadMs(app.browser, reference.url));
    }
    results.push(compared('time to interactive (cold)', 'ms', median(ttiOurs), { name: 'React one-button page, same host', value: median(ttiReference) }, `median of ${COLD_LOADS}; nav start → "Go live" enabled`));

    // A live stream into the embedded emulator: ffmpeg's test pattern, keyframes every FragDuration.
    await api.call('channels.create', CHANNEL, { fragDuration: FRAG_DURATION, fragCount: 3 }, { overwrite: true });
    const { url: publishUrl } = await api.call('channels.signPublishUrl', CHANNEL, { expiresInSeconds: 3600 });
    publishTestPattern(publishUrl, { seconds: 600, fps: 30, size: '640x360', fragDuration: FRAG_DURATION });

    // 3. Monitor CPU: watch the live channel until the preview plays, settle, then measure; then idle on Go live.
    const page = app.page;
    let points = 0;
    const countPoints = api.on('monitor.point', () => void (points += 1));
    await page.goto(`${app.origin}/#/monitor`);
    await page.locator('main video').waitFor({ timeout: 60_000 });
    await page.getByText('Playing', { exact: true }).waitFor({ timeout: 60_000 });
    await sleep(10_000);
    points = 0;
    const latencies: number[] = [];
    const sampler = setInterval(() => {
      void page
        .locator('[data-latency]')
        .getAttribute('data-latency')
        .then((value) => value && latencies.push(Number(value)))
        .catch(() => undefined);
    }, 1_000);
    const monitorCpu = await cpuOver(page, CPU_WINDOW_MS);
    clearInterval(sampler);
    const rate = points / (CPU_WINDOW_MS / 1000);
    await page.getByRole('navigation').getByRole('link', { name: 'Go live', exact: true }).click();
    await sleep(5_000);
    const idleCpu = await cpuOver(page, CPU_WINDOW_MS);
    countPoints();
    const perPointMs = (monitorCpu.mainThread * 10) / rate; // % of a core = ms per second; per point at `rate` points/s
    results.push(
      compared('monitor screen CPU (main thread)', '% of a core', monitorCpu.mainThread, { name: 'same page idle on Go live', value: idleCpu.mainThread }, `${rate.toFixed(2)} points/s reached the page (at most ${perPointMs.toFixed(1)} ms of main thread per point, preview included); preview playing; ${CPU_WINDOW_MS / 1000} s windows`),
      compared('monitor screen CPU (all Chromium processes)', '% of a core', monitorCpu.processes, { name: 'same page idle on Go live', value: idleCpu.processes }, 'adds video decoding, compositing and networking'),
    );

    // 4. Preview latency: the app's hls.js config next to hls.js's defaults, the same stream at the same time.
    const { url: playUrl } = await api.call('channels.playUrl', CHANNEL, { expiresInSeconds: 3600 });
    const player = await launchHlsPlayer();
    try {
      const play = async (hlsConfig: Record<string, unknown>): Promise<Array<{ latency: number | null; atMs: number }>> =>
        (await player.play(playUrl, { hlsConfig, maxDurationMs: 30_000, sampleIntervalMs: 500 })).samples;
      const [appConfig, defaults] = await Promise.all([steadyLatency(play, { ...PREVIEW_HLS_CONFIG }), steadyLatency(play, {})]);
      results.push(
        compared('preview latency (app hls.js config)', '× FragDuration', appConfig / FRAG_DURATION, { name: 'hls.js defaults', value: defaults / FRAG_DURATION }, `${appConfig.toFixed(1)} s vs ${defaults.toFixed(1)} s at FragDuration ${FRAG_DURATION} s; the app's own Monitor read ${median(latencies).toFixed(1)} s`),
      );
    } finally {
      await player.close();
    }
  } finally {
    api.close();
    await stopAllPublishers();
    await reference?.close();
    await app.close();
    await rm(path.join(ROOT, 'out', 'bench-reference'), { recursive: true, force: true });
  }
  return results;
}
