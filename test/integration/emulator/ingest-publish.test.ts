/**
 * The emulator end to end, as a streamer and a viewer meet it: Debian ffmpeg publishes to a URL our client signed,
 * the emulator segments it; hls.js in Chromium plays the live playlist while it is being written; ffprobe checks
 * every stored segment; stat, history and VOD playlists read back through our client and the official ali-oss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LiveChannelStat, LiveRecord } from '../../../shared/live-channel';
import type { OssLiveClient } from '../../../electron/oss';
import { publishTestPattern, stopAllPublishers, type Publisher } from '../../support/ffmpeg-publisher';
import { probeBytes } from '../../support/ffprobe';
import { BENIGN_HLS_ERRORS, launchHlsPlayer, type HlsPlayer } from '../../support/hls-player';
import { waitFor } from '../../support/listening-ports';
import { parseMediaPlaylist, type MediaPlaylist } from '../../support/m3u8';
import { needs } from '../../support/tools';
import { aliRtmp, ourClient, startTestEmulator, type TestEmulator } from './emulator-harness';

const CHANNEL = 'show';
const FRAG_DURATION = 1;
const FRAG_COUNT = 3;
const FPS = 25;
const SECONDS = 10;
/** Not a multiple of 16 in either direction, so the size must come from the SPS cropping, not the macroblocks. */
const [WIDTH, HEIGHT] = [426, 240];

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
type LiveStat = Extract<LiveChannelStat, { status: 'Live' }>;

describe.runIf(needs('ffmpeg', 'ffprobe', 'chromium'))('ffmpeg publishes into the emulator; viewers and SDKs see it', () => {
  let emulator: TestEmulator;
  let client: OssLiveClient;
  let publisher: Publisher;
  let player: HlsPlayer;
  /** Every live playlist read while the publisher ran, in order. */
  const playlists: MediaPlaylist[] = [];
  let watching = true;
  let watcher: Promise<void> = Promise.resolve();
  let liveStat: LiveStat | undefined;

  beforeAll(async () => {
    [emulator, player] = await Promise.all([startTestEmulator(), launchHlsPlayer()]);
    client = ourClient(emulator, { rtmpBase: emulator.rtmp });
    await client.putLiveChannel(CHANNEL, { fragDuration: FRAG_DURATION, fragCount: FRAG_COUNT });
    const { url } = client.signRtmpUrl(CHANNEL, { expiresInSeconds: 300 });
    publisher = publishTestPattern(url, { seconds: SECONDS, fps: FPS, fragDuration: FRAG_DURATION, size: `${WIDTH}x${HEIGHT}` });
    watcher = (async () => {
      while (watching) {
        const text = await client.getObject(`${CHANNEL}/playlist.m3u8`).then((object) => decode(object.body), () => undefined);
        if (text !== undefined) playlists.push(parseMediaPlaylist(text));
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();
  });

  afterAll(async () => {
    watching = false;
    await watcher;
    await stopAllPublishers();
    await player?.close();
    await emulator?.dispose();
  });

  it('is Live while publishing, with video size from the SPS, frame rate, codecs, sample rate and bandwidth', async () => {
    const ready = await waitFor(async () => {
      const stat = await client.getLiveChannelStat(CHANNEL);
      if (stat.status === 'Live' && (stat.video?.bandwidth ?? 0) > 0 && (stat.audio?.bandwidth ?? 0) > 0) liveStat = stat;
      return liveStat !== undefined;
    }, 8_000, 200);
    expect(ready, 'stat never showed Live with media and bandwidth').toBe(true);
    expect(liveStat).toMatchObject({
      status: 'Live',
      video: { width: WIDTH, height: HEIGHT, frameRate: FPS, codec: 'H264' },
      audio: { sampleRate: 44100, codec: 'AAC' },
    });
    expect(liveStat?.remoteAddr).toMatch(/^127\.0\.0\.1:\d+$/);
    // Wall clock vs ConnectedTime: both from this machine, and the publish began within the last SECONDS.
    expect(Date.now() - (liveStat?.connectedTime.getTime() ?? 0)).toBeLessThan(SECONDS * 1000);
    // The official SDK agrees.
    expect((await aliRtmp(emulator).getChannelStatus(CHANNEL)).data.Status).toBe('Live');
  });

  it('plays in hls.js (Chromium) while the playlist is still being written', async () => {
    await waitFor(async () => playlists.some((playlist) => playlist.entries.length >= FRAG_COUNT), 8_000);
    // A private bucket: the viewer gets a presigned playlist whose ts URIs OSS signs too (x-oss-process=hls/sign).
    const url = await client.presignUrl(`${CHANNEL}/playlist.m3u8`, { process: 'hls/sign', expiresInSeconds: 300 });
    const report = await player.play(url, {
      until: (snapshot) => snapshot.currentTime >= 3 && snapshot.latency !== null,
      maxDurationMs: 12_000,
    });
    expect(report.fatalError).toBeNull();
    expect(report.errors.filter((error) => !BENIGN_HLS_ERRORS.has(error))).toEqual([]);
    expect(report.live[0], 'the first playlist load must be of a live (unfinished) playlist').toBe(true);
    expect(report.codecs.sort()).toEqual(['audio', 'video']);
    expect([report.width, report.height]).toEqual([WIDTH, HEIGHT]);
    expect(report.currentTime).toBeGreaterThanOrEqual(3);
    const firstPlaying = report.samples.find((sample) => sample.currentTime > 0);
    expect(firstPlaying && report.currentTime > firstPlaying.currentTime, 'currentTime advances').toBe(true);
    expect(report.latency).toBeGreaterThan(0);
    process.stdout.write(`hls.js live latency against the emulator: ${report.latency?.toFixed(2) ?? '?'} s (FragDuration ${FRAG_DURATION} s)\n`);
  });

  it('the publisher ends normally; the live playlist slid with at most FragCount entries and then got ENDLIST', async () => {
    const { code, stderr } = await publisher.exited;
    expect(code, stderr).toBe(0);
    await waitFor(async () => playlists.at(-1)?.ended === true, 5_000);
    watching = false;
    await watcher;
    const live = playlists.filter((playlist) => !playlist.ended);
    expect(live.length).toBeGreaterThan(3);
    for (const playlist of playlists) expect(playlist.entries.length).toBeLessThanOrEqual(FRAG_COUNT);
    const sequences = live.map((playlist) => playlist.mediaSequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(sequences.at(-1)).toBeGreaterThan(0);
    expect(playlists.at(-1)).toMatchObject({ ended: true });
    expect(playlists.at(-1)?.entries).toHaveLength(FRAG_COUNT);
  });

  it('is Idle afterwards, with one history record for the session', async () => {
    // ENDLIST is written just before the session's record: give the record its moment.
    await waitFor(async () => (await client.getLiveChannelHistory(CHANNEL)).length > 0, 3_000);
    expect(await client.getLiveChannelStat(CHANNEL)).toEqual({ status: 'Idle' });
    const history = await client.getLiveChannelHistory(CHANNEL);
    expect(history).toHaveLength(1);
    const [record] = history as [LiveRecord];
    expect(record.remoteAddr).toBe(liveStat?.remoteAddr);
    expect(record.startTime.getTime()).toBe(liveStat?.connectedTime.getTime());
    expect(record.endTime.getTime() - record.startTime.getTime()).toBeGreaterThanOrEqual((SECONDS - 1) * 1000);
  });

  it('stores every segment as valid MPEG-TS with H.264 and AAC (ffprobe, fetched over HTTP)', async () => {
    const listing = await client.listObjects({ prefix: `${CHANNEL}/` });
    const segments = listing.objects.map((object) => object.key).filter((key) => key.endsWith('.ts'));
    // About one per FragDuration; the last one is partial.
    expect(segments.length).toBeGreaterThanOrEqual(SECONDS / FRAG_DURATION - 1);
    for (const key of segments) {
      const object = await client.getObject(key);
      expect(object.contentType).toBe('video/MP2T');
      const probe = await probeBytes(object.body);
      expect(probe, key).toMatchObject({
        format: 'mpegts',
        errors: '',
        video: { codec: 'h264', width: WIDTH, height: HEIGHT, pixelFormat: 'yuv420p' },
        audio: { codec: 'aac', sampleRate: 44100 },
      });
      expect(probe.duration, key).toBeLessThan(FRAG_DURATION * 2 + 0.5);
    }
    // What the final playlist lists is stored.
    for (const entry of playlists.at(-1)?.entries ?? []) expect(segments).toContain(`${CHANNEL}/${entry.uri}`);
  });

  it('PostVodPlaylist and GetVodPlaylist over the recorded range list exactly the recorded segments', async () => {
    const [record] = (await client.getLiveChannelHistory(CHANNEL)) as [LiveRecord];
    const range = { startTime: Math.floor(record.startTime.getTime() / 1000), endTime: Math.ceil(record.endTime.getTime() / 1000) + 1 };
    const stored = (await client.listObjects({ prefix: `${CHANNEL}/` })).objects
      .map((object) => object.key.slice(CHANNEL.length + 1))
      .filter((name) => name.endsWith('.ts'))
      .sort();

    const got = parseMediaPlaylist(await client.getVodPlaylist(CHANNEL, range));
    expect(got.ended).toBe(true);
    expect(got.entries.map((entry) => entry.uri)).toEqual(stored);
    expect(got.entries.reduce((sum, entry) => sum + entry.duration, 0)).toBeCloseTo(SECONDS, 0);

    await client.postVodPlaylist(CHANNEL, 'vod.m3u8', range);
    const posted = parseMediaPlaylist(decode((await client.getObject(`${CHANNEL}/vod.m3u8`)).body));
    expect(posted.entries).toEqual(got.entries);

    // ali-oss's createVod over the same range: 200.
    const ali = (await aliRtmp(emulator).createVod(CHANNEL, 'ali-vod.m3u8', range)) as { res: { status: number } };
    expect(ali.res.status).toBe(200);
    expect(parseMediaPlaylist(decode((await client.getObject(`${CHANNEL}/ali-vod.m3u8`)).body)).entries).toEqual(got.entries);
  });
});
