/**
 * Hostile input on both of the emulator's ports while a healthy ffmpeg stream is being ingested: garbage, truncated
 * handshakes and commands on RTMP, an accepted publisher that sends garbage media, malformed and truncated HTTP.
 * The healthy stream must stay Live and keep producing segments throughout, then end cleanly when the test stops it
 * (its source outlasts the fuzz however slow a loaded machine is), and both servers must still serve afterwards.
 * Garbage comes from a seeded generator, so a failure replays exactly.
 */
import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { OssLiveClient } from '../../../electron/oss';
import { amf0Object } from '../../../emulator/rtmp/amf0';
import { encodeChunks } from '../../../emulator/rtmp/chunk-writer';
import { commandMessage } from '../../../emulator/rtmp/commands';
import { HANDSHAKE_SIZE } from '../../../emulator/rtmp/handshake';
import { FFMPEG_INTERRUPTED_EXIT_CODE, interruptPublisher, publishTestPattern, stopAllPublishers, type Publisher } from '../../support/ffmpeg-publisher';
import { waitFor } from '../../support/listening-ports';
import { needs } from '../../support/tools';
import { RtmpTestClient } from '../rtmp/support/rtmp-test-client';
import { ourClient, rawRequest, startTestEmulator, type TestEmulator } from './emulator-harness';

/** mulberry32: a tiny seeded PRNG, so the garbage is the same on every run. */
function seeded(seed: number): (max: number) => number {
  let state = seed >>> 0;
  return (max) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * max;
  };
}
const random = seeded(0x05511ce);
const randomInt = (max: number): number => Math.floor(random(max));
const garbage = (length: number): Buffer => Buffer.from(Array.from({ length }, () => randomInt(256)));

/** Sends bytes and half-closes; resolves when the server closed the socket (or destroys it after 5 s). */
function blast(port: number, bytes: Buffer, halfClose = true): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // resets are the point here
  socket.resume();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect', () => {
      if (halfClose) socket.end(bytes);
      else {
        socket.write(bytes);
        setTimeout(() => socket.destroy(), 200); // a client that dies mid-message
      }
    });
  });
}

async function inBatches(tasks: Array<() => Promise<unknown>>, size = 12): Promise<void> {
  for (let i = 0; i < tasks.length; i += size) await Promise.all(tasks.slice(i, i + size).map((task) => task()));
}

const C0C1C2 = Buffer.concat([Buffer.of(3), Buffer.alloc(2 * HANDSHAKE_SIZE)]);
const CONNECT = encodeChunks(commandMessage(0, 'connect', 1, amf0Object({ app: 'live', tcUrl: 'rtmp://127.0.0.1/live' })));

/** FLV-shaped garbage: right first bytes (AVC/AAC config or frame), random body; or random altogether. */
function garbageMedia(): { typeId: 8 | 9; payload: Buffer } {
  const heads: Array<[8 | 9, number[]]> = [[9, [0x17, 0x00]], [9, [0x17, 0x01, 0, 0, 0]], [9, [0x27, 0x01, 0, 0, 0]], [8, [0xaf, 0x00]], [8, [0xaf, 0x01]], [9, []], [8, []]];
  const [typeId, head] = heads[randomInt(heads.length)] ?? [9, []];
  return { typeId, payload: Buffer.concat([Buffer.from(head), garbage(1 + randomInt(3000))]) };
}

async function segmentCount(client: OssLiveClient, channel: string): Promise<number> {
  return (await client.listObjects({ prefix: `${channel}/` })).objects.filter((object) => object.key.endsWith('.ts')).length;
}

/** Polls a channel's stat status until stopped; `stop` resolves with every answer seen (or the error), in order. */
function watchStatus(client: OssLiveClient, channel: string): { stop(): Promise<string[]> } {
  const seen: string[] = [];
  let watching = true;
  const loop = (async () => {
    while (watching) {
      seen.push(await client.getLiveChannelStat(channel).then((stat) => stat.status, (error: unknown) => `error: ${String(error)}`));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      watching = false;
      await loop;
      return seen;
    },
  };
}

describe.runIf(needs('ffmpeg'))('hostile input while a healthy stream flows', () => {
  let emulator: TestEmulator;
  let client: OssLiveClient;
  let healthy: Publisher;
  let healthyStatus: ReturnType<typeof watchStatus>;
  let rtmpPort = 0;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = ourClient(emulator, { rtmpBase: emulator.rtmp });
    rtmpPort = Number(new URL(emulator.rtmp).port);
    await client.putLiveChannel('steady', { fragDuration: 1, fragCount: 3 });
    await client.putLiveChannel('garbage', { fragDuration: 1, fragCount: 3 });
    // Far longer than the fuzz can take; the last test stops it.
    healthy = publishTestPattern(client.signRtmpUrl('steady').url, { seconds: 300, fragDuration: 1 });
    if (!(await waitFor(async () => (await segmentCount(client, 'steady')) > 0, 30_000, 200))) {
      throw new Error(`the healthy stream stored no segment: ${healthy.stderr().slice(-2000)}`);
    }
    healthyStatus = watchStatus(client, 'steady');
  });

  afterAll(async () => {
    await healthyStatus?.stop();
    await stopAllPublishers();
    await emulator?.dispose();
  });

  it('RTMP: garbage, truncated handshakes and commands, and a publisher sending garbage media', async () => {
    const before = await segmentCount(client, 'steady');
    const tasks: Array<() => Promise<unknown>> = [];
    for (let i = 0; i < 24; i++) tasks.push(() => blast(rtmpPort, garbage(1 + randomInt(64 * 1024))));
    for (let i = 0; i < 12; i++) tasks.push(() => blast(rtmpPort, C0C1C2.subarray(0, 1 + randomInt(C0C1C2.length - 1)), i % 2 === 0));
    for (let i = 0; i < 12; i++) tasks.push(() => blast(rtmpPort, Buffer.concat([C0C1C2, CONNECT.subarray(0, 1 + randomInt(CONNECT.length - 1))]), i % 2 === 0));
    for (let i = 0; i < 12; i++) tasks.push(() => blast(rtmpPort, Buffer.concat([C0C1C2, CONNECT, garbage(1 + randomInt(8 * 1024))])));
    await inBatches(tasks);

    // An accepted publisher whose media is garbage: dropped and counted by the segmenter, the session still recorded.
    const publisher = await RtmpTestClient.open(rtmpPort);
    const streamId = await publisher.publish(client.signRtmpUrl('garbage').streamKey);
    expect(await publisher.waitForStatus()).toMatchObject({ code: 'NetStream.Publish.Start' });
    for (let i = 0; i < 300; i++) {
      const { typeId, payload } = garbageMedia();
      publisher.sendMedia(streamId, typeId, i * 20, payload);
    }
    await waitFor(async () => (await client.getLiveChannelStat('garbage')).status === 'Live', 2_000);
    publisher.destroy();
    await waitFor(async () => (await client.getLiveChannelHistory('garbage')).length === 1, 10_000);
    expect(await client.getLiveChannelStat('garbage')).toEqual({ status: 'Idle' });

    expect((await client.getLiveChannelStat('steady')).status).toBe('Live');
    await waitFor(async () => (await segmentCount(client, 'steady')) > before, 10_000);
    expect(await segmentCount(client, 'steady')).toBeGreaterThan(before);
  });

  it('HTTP: garbage, truncated requests and bodies, bad encodings and oversized headers', async () => {
    const before = await segmentCount(client, 'steady');
    const { port } = emulator;
    const tasks: Array<() => Promise<unknown>> = [];
    for (let i = 0; i < 16; i++) tasks.push(() => blast(port, garbage(1 + randomInt(16 * 1024))));
    const requestText = `PUT /${emulator.bucket}/steady?live HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n<LiveChannelConfiguration>`;
    for (let i = 0; i < 12; i++) tasks.push(() => blast(port, Buffer.from(requestText.slice(0, 1 + randomInt(requestText.length - 1))), i % 2 === 0));
    tasks.push(() => blast(port, Buffer.from(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(128 * 1024)}\r\n\r\n`)));
    await inBatches(tasks);

    const answers = await Promise.all([
      rawRequest(port, { path: `/${emulator.bucket}/%E0%A4%A` }),
      rawRequest(port, { path: `/${emulator.bucket}/steady?live&comp=stat`, headers: { authorization: 'OSS garbage' } }),
      rawRequest(port, { method: 'PUT', path: `/${emulator.bucket}/steady?live`, headers: { authorization: `OSS ${emulator.accessKeyId}:AAAA`, date: new Date().toUTCString() }, body: garbage(512) }),
      rawRequest(port, { method: 'BREW', path: '/' }),
    ]);
    for (const answer of answers) {
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.status, answer.text).toBeLessThan(500);
    }

    expect((await client.getLiveChannelStat('steady')).status).toBe('Live');
    await waitFor(async () => (await segmentCount(client, 'steady')) > before, 10_000);
    expect(await segmentCount(client, 'steady')).toBeGreaterThan(before);
  });

  it('the healthy stream stayed Live throughout and ends cleanly when stopped; both servers still take new work', async () => {
    const statuses = await healthyStatus.stop();
    expect(statuses.length, 'stat polls during the fuzz').toBeGreaterThan(5);
    expect(statuses.filter((status) => status !== 'Live')).toEqual([]);
    expect(healthy.child.exitCode, 'the healthy source was still running').toBeNull();
    const { code, stderr } = await interruptPublisher(healthy);
    expect(code, stderr).toBe(FFMPEG_INTERRUPTED_EXIT_CODE);
    expect(await waitFor(async () => (await client.getLiveChannelHistory('steady')).length === 1, 10_000), 'the session was recorded').toBe(true);
    expect(await client.getLiveChannelStat('steady')).toEqual({ status: 'Idle' });
    const playlist = new TextDecoder().decode((await client.getObject('steady/playlist.m3u8')).body);
    expect(playlist).toContain('#EXT-X-ENDLIST');

    const again = await publishTestPattern(client.signRtmpUrl('steady').url, { seconds: 1 }).exited;
    expect(again.code, again.stderr).toBe(0);
    await waitFor(async () => (await client.getLiveChannelHistory('steady')).length === 2, 10_000);
    expect(await client.getLiveChannelHistory('steady')).toHaveLength(2);
  });
});
