/**
 * The player's view: our segments and VOD playlist served over HTTP on 127.0.0.1 and played by hls.js in headless
 * Chromium (MSE transmuxing is stricter than ffmpeg about timestamps and codec headers).
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livePlaylist, vodPlaylist } from '../../../../emulator/media';
import { BENIGN_HLS_ERRORS, launchHlsPlayer, type HlsPlayer, type PlaybackReport } from '../../../support/hls-player';
import { needs } from '../../../support/tools';
import { encodeFlv, makeTempDir, segmentTags, testSource } from './media-fixtures';

describe.runIf(needs('ffmpeg', 'chromium'))('hls.js playback of emulator segments', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: Server;
  let player: HlsPlayer | undefined;
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
      return livePlaylist(segments.slice(0, available), { fragCount: 3, ended: available === segments.length, mediaSequence: 0, fragDuration: 1 });
    };
    // The player page has its own origin, like the app's preview: allow it, as the emulator and OSS CORS rules do.
    const cors = { 'access-control-allow-origin': '*' };
    server = createServer((request, response) => {
      if (request.url === '/live.m3u8') {
        response.writeHead(200, { ...cors, 'content-type': 'application/vnd.apple.mpegurl' });
        response.end(livePlaylistNow());
        return;
      }
      const file = files.get(request.url ?? '');
      response.writeHead(file ? 200 : 404, { ...cors, 'content-type': file?.type ?? 'text/plain' });
      response.end(file?.body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    player = await launchHlsPlayer();
  });

  afterAll(async () => {
    await player?.close();
    await new Promise((resolve) => server.close(resolve));
    await temp.remove();
  });

  /** Plays `playlist` from the test server until the video ended (or hls.js gave up). */
  async function play(playlist: string, playbackRate: number): Promise<PlaybackReport> {
    if (!player) throw new Error('browser did not start');
    return player.play(`${baseUrl}${playlist}`, { playbackRate, maxDurationMs: 25_000 });
  }

  /** hls.js may jump the 67 ms before the first frame (B-frame composition delay); ffmpeg's own HLS output of the
   * same input starts at the same PTS, so that non-fatal "error" is player behaviour, not ours. */
  const realErrors = (report: PlaybackReport): string[] => report.errors.filter((error) => !BENIGN_HLS_ERRORS.has(error));

  it('plays the VOD playlist to the end with audio and video, without errors', async () => {
    const report = await play('/playlist.m3u8', 2);
    expect({ ...report, errors: realErrors(report) }).toMatchObject({ fatalError: null, errors: [], ended: true, width: 640, height: 360 });
    expect(report.codecs.sort()).toEqual(['audio', 'video']);
    expect(report.live.every((live) => !live)).toBe(true);
    expect(report.duration).toBeCloseTo(mediaSeconds, 0);
    expect(report.currentTime).toBeCloseTo(report.duration, 1);
    expect(report.decodedFrames).toBeGreaterThan(0);
  });

  it('follows the live sliding window (media sequence advancing) until ENDLIST, then ends', async () => {
    const report = await play('/live.m3u8', 1);
    expect({ ...report, errors: realErrors(report) }).toMatchObject({ fatalError: null, errors: [], ended: true, width: 640, height: 360 });
    // Several reloads while live, and the last load (with ENDLIST) no longer live.
    expect(report.live.filter((live) => live).length).toBeGreaterThan(1);
    expect(report.live.at(-1)).toBe(false);
    expect(report.currentTime).toBeGreaterThan(1);
  });
});
