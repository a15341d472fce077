import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LiveRecord } from '../../../shared/live-channel';
import { ValidationError } from '../../../shared/validation';
import { exportClip } from '../../../electron/clips/export-clip';
import type { ExportProgressUpdate } from '../../../electron/clips/export-clip';
import { fetchVodPlaylist } from '../../../electron/clips/fetch-vod-playlist';
import { readInitSegment } from '../../../electron/clips/init-durations';
import { childBoxes, findBox } from '../../../electron/clips/iso-bmff';
import type { OssLiveClient } from '../../../electron/oss';
import { stopAllPublishers } from '../../support/ffmpeg-publisher';
import { probeBytes } from '../../support/ffprobe';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/hls-player';
import { needs } from '../../support/tools';
import { ourClient, startTestEmulator, type TestEmulator } from '../emulator/emulator-harness';
import { recordConnections, spanOf } from './recorded-channel';

const run = promisify(execFile);

/** What `ffmpeg -v error -i <file> -f null -` prints: nothing when every packet decodes. */
async function decodeErrors(file: string): Promise<string> {
  const { stderr } = await run('ffmpeg', ['-nostdin', '-v', 'error', '-i', file, '-f', 'null', '-'], { timeout: 30_000, killSignal: 'SIGKILL' });
  return stderr.trim();
}

describe.runIf(needs('ffmpeg', 'ffprobe'))('exportClip against the emulator, media published by ffmpeg', () => {
  let emulator: TestEmulator;
  let client: OssLiveClient;
  let records: LiveRecord[];
  let dir: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = ourClient(emulator, { rtmpBase: emulator.rtmp });
    dir = await mkdtemp(path.join(os.tmpdir(), 'oss-live-clips-'));
    // Two connections: the second restarts the encoder clock, as an OBS reconnect or a second broadcast does.
    records = await recordConnections(client, 'show', 2, 3);
  }, 60_000);

  afterAll(async () => {
    await stopAllPublishers();
    await emulator?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports both connections to one .ts whose timeline runs on across the reconnect', async () => {
    const playlist = await fetchVodPlaylist(client, 'show', spanOf(records));
    const updates: ExportProgressUpdate[] = [];
    const file = path.join(dir, 'both.ts');
    const result = await exportClip({ client, channel: 'show', playlist, format: 'ts', file, onProgress: (update) => updates.push(update) });

    expect(updates.map((update) => update.done)).toEqual(playlist.segments.map((_, index) => index + 1));
    expect(updates.every((update) => update.total === playlist.segments.length)).toBe(true);
    expect(result.bytes).toBe((await stat(file)).size);
    expect(updates.at(-1)?.bytes).toBe(result.bytes);
    const probe = await probeBytes(await readFile(file), '.ts');
    expect(probe).toMatchObject({ format: 'mpegts', video: { codec: 'h264' }, audio: { codec: 'aac' }, errors: '' });
    expect(Math.abs(probe.duration - playlist.durationSeconds)).toBeLessThan(0.25);
    expect(await decodeErrors(file)).toBe('');
  });

  it('exports both connections to one .mp4 with its real length, both streams, decoding cleanly', async () => {
    const playlist = await fetchVodPlaylist(client, 'show', spanOf(records));
    const file = path.join(dir, 'both.mp4');
    await exportClip({ client, channel: 'show', playlist, format: 'mp4', file });

    const bytes = await readFile(file);
    const probe = await probeBytes(bytes, '.mp4');
    expect(probe).toMatchObject({ video: { codec: 'h264', width: 320, height: 180 }, audio: { codec: 'aac', sampleRate: 44_100 }, errors: '' });
    expect(probe.format).toContain('mp4');
    expect(Math.abs(probe.duration - playlist.durationSeconds)).toBeLessThan(0.2);
    expect(await decodeErrors(file)).toBe('');
    // The init segment carries the fragmented length up front (mvex/mehd), for players that read only the moov.
    const moov = findBox(bytes, 'moov');
    const mvex = moov && childBoxes(bytes, moov).find((box) => box.type === 'mvex');
    expect(mvex && childBoxes(bytes, mvex)[0]?.type).toBe('mehd');
    expect(readInitSegment(bytes.subarray(0, moov?.end)).tracks).toHaveLength(2);
  });

  describe.runIf(needs('chromium'))('in Chromium', () => {
    let browser: Browser | undefined;
    afterAll(async () => {
      await browser?.close();
    });

    it('plays the exported .mp4 with its real length', async () => {
      const playlist = await fetchVodPlaylist(client, 'show', spanOf(records));
      const file = path.join(dir, 'chromium.mp4');
      await exportClip({ client, channel: 'show', playlist, format: 'mp4', file });
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href); // Chromium's own media page: one <video> element
      // Runs in the page (a string: this project's Node typings have no DOM). Waits until playback passes half a
      // second of media; the test timeout bounds the wait.
      const played = (await page.evaluate(`(async () => {
        const video = document.querySelector('video');
        video.muted = true;
        await video.play();
        await new Promise((resolve) => { const check = () => (video.currentTime > 0.5 ? resolve() : setTimeout(check, 50)); check(); });
        return { duration: video.duration, width: video.videoWidth, error: video.error ? video.error.message : null };
      })()`)) as { duration: number; width: number; error: string | null };
      expect(played).toMatchObject({ width: 320, error: null });
      expect(Math.abs(played.duration - playlist.durationSeconds)).toBeLessThan(0.2);
    });
  });

  it('exports a single connection to .mp4 with that connection’s length', async () => {
    const first = records[0];
    if (!first) throw new Error('no record');
    // End on the record's last whole second: a ceiling could take in the next connection's first segment.
    const range = { startTime: spanOf([first]).startTime, endTime: Math.floor(first.endTime.getTime() / 1000) };
    const playlist = await fetchVodPlaylist(client, 'show', range);
    // The emulator names segments after their start (Unix ms): all of them lie inside the first connection.
    expect(playlist.segments.every((segment) => Number.parseInt(segment.uri, 10) <= first.endTime.getTime())).toBe(true);
    const file = path.join(dir, 'first.mp4');
    await exportClip({ client, channel: 'show', playlist, format: 'mp4', file });
    const probe = await probeBytes(await readFile(file), '.mp4');
    expect(Math.abs(probe.duration - playlist.durationSeconds)).toBeLessThan(0.2);
    expect(probe.errors).toBe('');
  });

  it('leaves no file (not even a partial one) when cancelled mid-export', async () => {
    const playlist = await fetchVodPlaylist(client, 'show', spanOf(records));
    expect(playlist.segments.length).toBeGreaterThan(2);
    const target = path.join(dir, 'cancelled');
    const controller = new AbortController();
    const exporting = exportClip({
      client,
      channel: 'show',
      playlist,
      format: 'mp4',
      file: path.join(target, 'clip.mp4'),
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 1) controller.abort();
      },
    });
    await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readdir(target)).toEqual([]);
  });

  it('says what to do when no segment lies in the range (OSS: "No ts file found")', async () => {
    const error: unknown = await fetchVodPlaylist(client, 'show', { startTime: 978_307_200, endTime: 978_310_800 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'range', message: expect.stringMatching(/overlaps a recorded broadcast/) });
  });
});
