/**
 * hls.js in Debian's Chromium (driven by playwright-core), as a viewer would play an OSS HLS URL: a player page
 * served from its own 127.0.0.1 origin (so playlist and segments are fetched cross-origin, like the app's preview),
 * sampled while it plays: currentTime, `hls.latency`, errors. Reused by the emulator, media and E2E tests.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The flags verified in shared/design/stack-probe.md (headless, no GPU, autoplay without a gesture). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const HLS_JS = path.join(process.cwd(), 'node_modules/hls.js/dist/hls.min.js');

/** The page reads its settings from the URL hash and exposes `finished()` and `snapshot()` for polling. */
const PAGE = `<!doctype html><html><body><video id="video" muted playsinline></video>
<script src="/hls.min.js"></script>
<script>
  const settings = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  window.report = { errors: [], fatalError: null, codecs: [], live: [] };
  const hls = new Hls({ debug: false, ...settings.hlsConfig });
  hls.on(Hls.Events.ERROR, (_, data) => {
    window.report.errors.push(data.details);
    if (data.fatal) window.report.fatalError = data.details;
  });
  hls.on(Hls.Events.BUFFER_CODECS, (_, data) => { window.report.codecs = Object.keys(data).filter((key) => key === 'audio' || key === 'video'); });
  hls.on(Hls.Events.LEVEL_LOADED, (_, data) => { window.report.live.push(data.details.live); });
  hls.loadSource(settings.url);
  const video = document.getElementById('video');
  hls.attachMedia(video);
  hls.on(Hls.Events.MANIFEST_PARSED, () => { video.playbackRate = settings.playbackRate; void video.play(); });
  window.finished = () => video.ended || window.report.fatalError !== null;
  window.snapshot = () => ({
    ...window.report,
    currentTime: video.currentTime,
    duration: video.duration,
    ended: video.ended,
    latency: Number.isFinite(hls.latency) ? hls.latency : null,
    decodedFrames: video.getVideoPlaybackQuality().totalVideoFrames,
    width: video.videoWidth,
    height: video.videoHeight,
  });
</script></body></html>`;

export interface PlayerSnapshot {
  /** hls.js `ERROR` details, fatal or not, in order. */
  errors: string[];
  /** Details of the first fatal error, else null. */
  fatalError: string | null;
  /** Tracks hls.js set up buffers for ('audio', 'video'). */
  codecs: string[];
  /** `details.live` of every playlist load. */
  live: boolean[];
  currentTime: number;
  duration: number;
  ended: boolean;
  /** `hls.latency` in seconds (live edge minus playhead), null before it is known. */
  latency: number | null;
  decodedFrames: number;
  width: number;
  height: number;
}

export interface PlaybackReport extends PlayerSnapshot {
  /** Snapshots taken every `sampleIntervalMs` while it played, then the final one. */
  samples: Array<PlayerSnapshot & { atMs: number }>;
}

export interface PlayOptions {
  /** Default 1 (live); VOD tests may play faster. */
  playbackRate?: number;
  /** Stop sampling after this long even if the video has not ended. Default 25 000 ms. */
  maxDurationMs?: number;
  /** Stop early once this holds for a snapshot (e.g. enough currentTime seen). */
  until?: (snapshot: PlayerSnapshot) => boolean;
  sampleIntervalMs?: number;
  /** Extra hls.js config, e.g. `{ liveSyncDurationCount: 2 }`. */
  hlsConfig?: Record<string, unknown>;
}

export interface HlsPlayer {
  /** Opens a fresh page on `url` and samples it until it ended, failed fatally, `until` held or time ran out. */
  play(url: string, options?: PlayOptions): Promise<PlaybackReport>;
  /** Closes the browser and the page server. */
  close(): Promise<void>;
}

/** Errors that are player behaviour rather than stream damage (a jump over a first-frame gap at the start). */
export const BENIGN_HLS_ERRORS: ReadonlySet<string> = new Set(['bufferSeekOverHole']);

/** Launches Chromium and the page server; `close()` it in afterAll. */
export async function launchHlsPlayer(): Promise<HlsPlayer> {
  const hlsJs = await readFile(HLS_JS);
  const server: Server = createServer((request, response) => {
    const file = request.url === '/hls.min.js' ? { type: 'text/javascript', body: hlsJs } : request.url === '/' ? { type: 'text/html', body: PAGE } : undefined;
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    response.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pageBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }

  return {
    async play(url, options = {}) {
      const settings = { url, playbackRate: options.playbackRate ?? 1, hlsConfig: options.hlsConfig ?? {} };
      const page = await browser.newPage();
      const started = Date.now();
      const maxDurationMs = options.maxDurationMs ?? 25_000;
      const samples: PlaybackReport['samples'] = [];
      try {
        await page.goto(`${pageBase}#${encodeURIComponent(JSON.stringify(settings))}`);
        // Strings, not functions: this project compiles without DOM types; the page defines both helpers.
        for (;;) {
          const snapshot = asSnapshot(await page.evaluate('window.snapshot()'));
          samples.push({ ...snapshot, atMs: Date.now() - started });
          const finished = (await page.evaluate('window.finished()')) === true;
          if (finished || options.until?.(snapshot) === true || Date.now() - started >= maxDurationMs) return { ...snapshot, samples };
          await new Promise((resolve) => setTimeout(resolve, options.sampleIntervalMs ?? 250));
        }
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function asSnapshot(value: unknown): PlayerSnapshot {
  if (typeof value !== 'object' || value === null || !('errors' in value) || !('currentTime' in value)) {
    throw new Error('player page: snapshot() returned no report');
  }
  return value as PlayerSnapshot;
}
