/**
 * The player's view: our segments and VOD playlist served over HTTP on 127.0.0.1 and played by hls.js in headless
 * Chromium (MSE transmuxing is stricter than ffmpeg about timestamps and codec headers).
 */
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livePlaylist, vodPlaylist } from '../../../../emulator/media';
import { needs } from '../../../support/tools';
import { encodeFlv, makeTempDir, segmentTags, testSource } from './media-fixtures';

const HLS_JS = join(process.cwd(), 'node_modules/hls.js/dist/hls.min.js');
const PAGE = `<!doctype html><html><body><video id="video" muted playsinline></video>
<script src="/hls.min.js"></script>
<script>
  window.report = { errors: [], codecs: [], fatal: false, live: [] };
  const hls = new Hls({ debug: false });
  hls.on(Hls.Events.ERROR, (_, data) => { window.report.errors.push(data.details); if (data.fatal) window.report.fatal = true; });
  hls.on(Hls.Events.BUFFER_CODECS, (_, data) => { window.report.codecs = Object.keys(data).filter((key) => key === 'audio' || key === 'video'); });
  hls.on(Hls.Events.LEVEL_LOADED, (_, data) => { window.report.live.push(data.details.live); });
  hls.loadSource(location.hash.slice(1));
  const video = document.getElementById('video');
  hls.attachMedia(video);
  hls.on(Hls.Events.MANIFEST_PARSED, () => { video.playbackRate = location.hash.includes('live') ? 1 : 2; void video.play(); });
  window.finished = () => video.ended || window.report.fatal;
  window.snapshot = () => ({
    ...window.report,
    currentTime: video.currentTime,
    duration: video.duration,
    decodedFrames: video.getVideoPlaybackQuality().totalVideoFrames,
    width: video.videoWidth,
    height: video.videoHeight,
  });
</script></body></html>`;

interface PlayerReport {
  errors: string[];
  codecs: string[];
  fatal: boolean;
  /** details.live of every playlist load. */
  live: boolean[];
  currentTime: number;
  duration: number;
  decodedFrames: number;
  width: number;
  height: number;
}

describe.runIf(needs('ffmpeg', 'chromium'))('hls.js playback of emulator segments', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: Server;
  let browser: Browser | undefined;
  let baseUrl = '';
  let mediaSeconds = 0;

  beforeAll(async () => {
    temp = await makeTempDir();
    const { tags } = await encodeFlv(temp.dir, 'input', [
      ...testSource({ size: '640x360', rate: 30, seconds: 5, sampleRate: 48000 }),
      '-c:v', 'libx264', '-preset', 'medium', '-bf', '2', '-g', '30', '-c:a', 'aac',
    ]);
    const { segments } = await segmentTags(tags, { fragDuration: 1 });
    mediaSeconds = segments.reduce((sum, segment) => sum + segment.duration, 0);
    const files = new Map<string, { type: string; body: Uint8Array | string }>([
      ['/', { type: 'text/html', body: PAGE }],
      ['/hls.min.js', { type: 'text/javascript', body: await readFile(HLS_JS) }],
      ['/playlist.m3u8', { type: 'application/vnd.apple.mpegurl', body: vodPlaylist(segments) }],
      ...segments.map((segment) => [`/${segment.name}`, { type: 'video/mp2t', body: segment.data }] as const),
    ]);
    // The live playlist grows like OSS rewrites it: three segments at first, then one more per segment duration.
    let liveStart: number | undefined;
    const livePlaylistNow = (): string => {
      liveStart ??= Date.now();
      let elapsed = (Date.now() - liveStart) / 1000;
      let available = 3;
      while (available < segments.length && elapsed >= (segments[available - 1]?.duration ?? 0)) {
        elapsed -= segments[available - 1]?.duration ?? 0;
        available++;
      }
      return livePlaylist(segments.slice(0, available), { fragCount: 3, ended: available === segments.length, mediaSequence: 0 });
    };
    server = createServer((request, response) => {
      if (request.url === '/live.m3u8') {
        response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
        response.end(livePlaylistNow());
        return;
      }
      const file = files.get(request.url ?? '');
      response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
      response.end(file?.body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await temp.remove();
  });

  /** Opens the player page on `playlist` and waits until the video ended (or hls.js gave up). */
  async function play(playlist: string): Promise<PlayerReport> {
    if (!browser) throw new Error('browser did not start');
    const page = await browser.newPage();
    try {
      await page.goto(`${baseUrl}/#${playlist}`);
      // Strings, not functions: this project compiles without DOM types; the page defines both helpers.
      await page.waitForFunction('window.finished()', undefined, { timeout: 25_000 });
      const report: unknown = await page.evaluate('window.snapshot()');
      if (typeof report !== 'object' || report === null || !('errors' in report)) throw new Error('player page: no report');
      return report as PlayerReport;
    } finally {
      await page.close();
    }
  }

  /** hls.js may jump the 67 ms before the first frame (B-frame composition delay); ffmpeg's own HLS output of the
   * same input starts at the same PTS, so that non-fatal "error" is player behaviour, not ours. */
  const realErrors = (report: PlayerReport): string[] => report.errors.filter((error) => error !== 'bufferSeekOverHole');

  it('plays the VOD playlist to the end with audio and video, without errors', async () => {
    const report = await play('/playlist.m3u8');
    expect({ ...report, errors: realErrors(report) }).toMatchObject({ fatal: false, errors: [], width: 640, height: 360 });
    expect(report.codecs.sort()).toEqual(['audio', 'video']);
    expect(report.live.every((live) => !live)).toBe(true);
    expect(report.duration).toBeCloseTo(mediaSeconds, 0);
    expect(report.currentTime).toBeCloseTo(report.duration, 1);
    expect(report.decodedFrames).toBeGreaterThan(0);
  });

  it('follows the live sliding window (media sequence advancing) until ENDLIST, then ends', async () => {
    const report = await play('/live.m3u8');
    expect({ ...report, errors: realErrors(report) }).toMatchObject({ fatal: false, errors: [], width: 640, height: 360 });
    // Several reloads while live, and the last load (with ENDLIST) no longer live.
    expect(report.live.filter((live) => live).length).toBeGreaterThan(1);
    expect(report.live.at(-1)).toBe(false);
    expect(report.currentTime).toBeGreaterThan(1);
  });
});
