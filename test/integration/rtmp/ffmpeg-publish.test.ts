import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtmpServer, type PublishDecision, type PublishRequest, type RtmpServer } from '../../../emulator/rtmp';
import { needs } from '../../support/tools';
import { RtmpTapProxy } from './support/rtmp-tap-proxy';
import { killAllFfmpeg, publishWithFfmpeg } from './support/ffmpeg-publisher';
import { RecordingMedia, waitFor } from './support/recording-media';

/** Debian ffmpeg as a real publisher into the server: what the glue sees, what arrives, how publishes end. */
describe.runIf(needs('ffmpeg'))('RTMP ingest with ffmpeg as the publisher', () => {
  let server: RtmpServer;
  const publishes: RecordingMedia[] = [];
  const requests: PublishRequest[] = [];

  const find = (streamName: string): RecordingMedia | undefined => publishes.find((m) => m.request.streamName === streamName);

  beforeAll(async () => {
    server = await startRtmpServer({
      async onPublish(request): Promise<PublishDecision> {
        requests.push(request);
        if (request.streamName === 'refused') return { accept: false, reason: 'signature does not match' };
        const media = new RecordingMedia(request);
        publishes.push(media);
        return { accept: true, media };
      },
    });
  });

  afterAll(async () => {
    await killAllFfmpeg();
    await server.close();
  });

  it('sees app, channel and decoded query; receives H.264 + AAC from the sequence headers on; ends once', async () => {
    const seconds = 3;
    const run = publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/live/ch?a=1&b=x%2By`, { seconds });
    const { code, stderr } = await run.exited;
    expect(code, stderr).toBe(0);
    const media = find('ch');
    if (media === undefined) throw new Error('publish to "ch" never reached onPublish');
    await media.ended;

    expect(media.request).toMatchObject({ app: 'live', streamName: 'ch', host: '127.0.0.1', tcUrl: `rtmp://127.0.0.1:${server.port}/live` });
    expect(media.request.remoteAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(Object.fromEntries(media.request.query)).toEqual({ a: '1', b: 'x+y' });
    // 30 fps for `seconds`, plus the sequence header; AAC at 44.1 kHz is 43 frames a second.
    expect(media.video).toBeGreaterThanOrEqual(30 * seconds);
    expect(media.audio).toBeGreaterThanOrEqual(43 * seconds);
    // FLV video body: 0x17 = key frame + AVC, then AVCPacketType 0 = sequence header (AVCDecoderConfigurationRecord).
    expect([media.firstVideo?.[0], media.firstVideo?.[1]]).toEqual([0x17, 0x00]);
    expect(media.metadata).toMatchObject({ width: 320, height: 180, videocodecid: 7, audiocodecid: 10 });
    expect(media.endReasons).toEqual(['unpublished']);
  });

  it('refuses a publish: ffmpeg exits non-zero and prints the reason; no media, no end', async () => {
    const { code, stderr } = await publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/live/refused?Signature=x`, { seconds: 3 }).exited;
    expect(code).not.toBe(0);
    expect(stderr).toContain('signature does not match');
    expect(requests.some((r) => r.streamName === 'refused')).toBe(true);
    expect(find('refused')).toBeUndefined();
  });

  it('accepts the bucket-in-path form rtmp://host/mybucket/live/<channel>', async () => {
    const { code, stderr } = await publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/mybucket/live/pathform`, { seconds: 1 }).exited;
    expect(code, stderr).toBe(0);
    const media = find('pathform');
    expect(media?.request.app).toBe('mybucket/live');
    expect(media?.video).toBeGreaterThan(0);
  });

  it('ends with "disconnected" when the publisher dies mid-stream', async () => {
    const run = publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/live/killed`, { seconds: 30 });
    await waitFor(() => (find('killed')?.video ?? 0) >= 10, 'media from the doomed publisher');
    run.child.kill('SIGKILL');
    const media = find('killed');
    expect(await media?.ended).toBe('disconnected');
    expect(media?.endReasons).toEqual(['disconnected']);
  });

  it('carries timestamps past 0xFFFFFF ms (extended timestamp fields) intact', async () => {
    const offsetSeconds = 20_000; // 20 000 000 ms > 16 777 215
    const { code, stderr } = await publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/live/late`, {
      seconds: 1,
      inputAndCodecArgs: ['-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=30', '-c:v', 'libx264', '-preset', 'ultrafast',
        '-pix_fmt', 'yuv420p', '-output_ts_offset', String(offsetSeconds)],
    }).exited;
    expect(code, stderr).toBe(0);
    const frames = (find('late')?.videoTimestamps ?? []).filter((t) => t >= offsetSeconds * 1000);
    expect(frames.length).toBeGreaterThanOrEqual(29);
    // Frame after frame 33-34 ms apart (the end-of-sequence tag repeats the last time): no field misread.
    const steps = frames.slice(1).map((t, i) => t - (frames[i] ?? 0));
    expect(steps.every((step) => step >= 0 && step <= 34), steps.join(',')).toBe(true);
  });

  it('acknowledges a fast many-megabyte push, window after window, and the publisher finishes', async () => {
    const proxy = await RtmpTapProxy.start(server.port);
    try {
      // Noise defeats compression: ~30 MB of lossless H.264 pushed as fast as ffmpeg encodes (no -re).
      const { code, stderr } = await publishWithFfmpeg(`rtmp://127.0.0.1:${proxy.port}/live/bulk`, {
        seconds: 10,
        realtime: false,
        inputAndCodecArgs: ['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30', '-vf', 'noise=alls=80:allf=t+u',
          '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p'],
      }).exited;
      expect(code, stderr).toBe(0);
      const media = find('bulk');
      await media?.ended;
      expect(media?.video).toBeGreaterThanOrEqual(300);
      const window = 2_500_000; // the server's default: ffmpeg announces no window of its own
      expect(proxy.bytesFromPublisher).toBeGreaterThan(4 * window);
      expect(proxy.acknowledgements.length).toBeGreaterThanOrEqual(Math.floor(proxy.bytesFromPublisher / window) - 1);
      for (let i = 1; i < proxy.acknowledgements.length; i++) {
        expect((proxy.acknowledgements[i] ?? 0) - (proxy.acknowledgements[i - 1] ?? 0)).toBeGreaterThanOrEqual(window);
      }
      // ffmpeg sends deleteStream and closes; if acks sat unread in its socket, the close is a reset that can drop
      // those last bytes (seen under load), and then the server rightly saw a disconnect.
      expect(media?.endReasons).toEqual([proxy.publisherReset ? 'disconnected' : 'unpublished']);
    } finally {
      await proxy.close();
    }
  });
});
