import { randomBytes, randomInt } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtmpServer, type RtmpServer } from '../../../emulator/rtmp';
import { amf0Object, encodeAmf0 } from '../../../emulator/rtmp/amf0';
import { encodeChunks } from '../../../emulator/rtmp/chunk-writer';
import { commandMessage } from '../../../emulator/rtmp/commands';
import { HANDSHAKE_SIZE } from '../../../emulator/rtmp/handshake';
import { setChunkSizeMessage } from '../../../emulator/rtmp/messages';
import { FFMPEG_INTERRUPTED_EXIT_CODE, interruptPublisher } from '../../support/ffmpeg-publisher';
import { needs } from '../../support/tools';
import { killAllFfmpeg, publishWithFfmpeg, type FfmpegRun } from './support/ffmpeg-publisher';
import { AcceptAll, waitFor } from './support/recording-media';
import { RtmpTapProxy } from './support/rtmp-tap-proxy';
import { RtmpTestClient } from './support/rtmp-test-client';

const HANDSHAKE = Buffer.concat([Buffer.of(3), Buffer.alloc(2 * HANDSHAKE_SIZE)]); // C0 + C1 + C2
const afterHandshake = (...parts: Buffer[]): Buffer => Buffer.concat([HANDSHAKE, ...parts]);
const command = (streamId: number, name: string, ...args: Parameters<typeof encodeAmf0>): Buffer =>
  encodeChunks(commandMessage(streamId, name, 1, ...args));
const connectLive = command(0, 'connect', amf0Object({ app: 'live', tcUrl: 'rtmp://127.0.0.1/live' }));

/** Sends bytes, half-closes, and resolves when the server has closed too (or after a few seconds: then destroys). */
async function blast(port: number, bytes: Buffer): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // the server may reset us mid-write: that is the point
  socket.resume();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => socket.destroy(), 5000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect', () => socket.end(bytes));
  });
}

/** Runs tasks with bounded concurrency. */
async function inBatches(tasks: (() => Promise<void>)[], size = 16): Promise<void> {
  for (let i = 0; i < tasks.length; i += size) await Promise.all(tasks.slice(i, i + size).map((task) => task()));
}

describe.runIf(needs('ffmpeg'))('fuzzing the RTMP port while a healthy ffmpeg publish flows', () => {
  let server: RtmpServer;
  const glue = new AcceptAll();
  const errors: string[] = [];
  let capture: Buffer;
  let healthy: FfmpegRun;

  beforeAll(async () => {
    server = await startRtmpServer({
      onPublish: glue.onPublish,
      handshakeTimeoutMs: 2000,
      log: (event, details) => {
        if (event === 'rtmp.protocol-error') errors.push(String(details['error']));
      },
    });
    // A real capture of what ffmpeg sends for a 1 s publish named "capture", to truncate, mutate and replay.
    const tap = await RtmpTapProxy.start(server.port, true);
    const { code, stderr } = await publishWithFfmpeg(`rtmp://127.0.0.1:${tap.port}/live/capture?k=v`, { seconds: 1, realtime: false }).exited;
    await tap.close();
    if (code !== 0) throw new Error(`capture publish failed: ${stderr}`);
    capture = Buffer.concat(tap.fromPublisher);
    await Promise.all(glue.named('capture').map((media) => media.ended));

    // Far longer than the fuzz can take on a loaded machine; the last test stops it.
    healthy = publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/live/healthy?k=v`, { seconds: 300 });
    await waitFor(() => (glue.named('healthy')[0]?.video ?? 0) >= 5, 'the healthy publish to start');
  });

  afterAll(async () => {
    await killAllFfmpeg();
    await server?.close();
  });

  it('replaying the capture as is publishes again (the fuzz baseline is a valid stream)', async () => {
    const before = glue.named('capture').length;
    await blast(server.port, capture);
    const replay = glue.named('capture')[before];
    expect(replay?.video).toBeGreaterThanOrEqual(30);
    expect(await replay?.ended).toBe('unpublished');
  });

  it('survives garbage, truncation, mutation and hostile messages, one socket at a time', async () => {
    const healthyMedia = glue.named('healthy')[0];
    const videoBefore = healthyMedia?.video ?? 0;
    const tasks: (() => Promise<void>)[] = [];
    const add = (bytes: Buffer): number => tasks.push(() => blast(server.port, bytes));

    // Random bytes, half of them passing the version check (the other half starts with anything but 3).
    for (let i = 0; i < 60; i++) add(Buffer.concat([Buffer.of(i % 2 === 0 ? 3 : randomInt(4, 256)), randomBytes(randomInt(1, 6000))]));
    // A valid handshake, then junk.
    for (let i = 0; i < 40; i++) add(afterHandshake(randomBytes(randomInt(1, 6000))));
    // Truncated captures: every offset around the handshake and through the commands, then random later ones.
    const commandsEnd = Math.min(capture.length, 2 * HANDSHAKE_SIZE + 1 + 700);
    for (const offset of [1, 2, 1536, 1537, 1538, 3072, 3073, 3074]) add(capture.subarray(0, offset));
    for (let offset = 2 * HANDSHAKE_SIZE + 2; offset < commandsEnd; offset += 3) add(capture.subarray(0, offset));
    for (let i = 0; i < 40; i++) add(capture.subarray(0, randomInt(commandsEnd, capture.length)));
    // Mutated captures: a few random bytes changed after the handshake.
    for (let i = 0; i < 80; i++) {
      const mutated = Buffer.from(capture.subarray(0, randomInt(4000, Math.min(capture.length, 200_000))));
      for (let flips = randomInt(1, 8); flips > 0; flips--) mutated[randomInt(1 + 2 * HANDSHAKE_SIZE, mutated.length)] = randomInt(256);
      add(mutated);
    }
    // Hostile, well-formed at the chunk level.
    add(afterHandshake(Buffer.from('03000000ffffff1400000000', 'hex'))); // 16 MB declared
    add(afterHandshake(encodeChunks(setChunkSizeMessage(0))));
    add(afterHandshake(encodeChunks(setChunkSizeMessage(0x80000000))));
    // The largest chunk size, then a 1 MiB message of which only 100 bytes ever come.
    add(afterHandshake(encodeChunks(setChunkSizeMessage(0x7fffffff)), Buffer.from('06000000100000090100000000', 'hex').subarray(0, 12), randomBytes(100)));
    add(afterHandshake(encodeChunks({ chunkStreamId: 3, typeId: 0x63, timestamp: 0, messageStreamId: 0, payload: randomBytes(300) })));
    add(afterHandshake(command(0, 'connect', amf0Object({ app: 42 }))));
    add(afterHandshake(command(0, 'connect', 'not an object')));
    add(afterHandshake(encodeChunks({ chunkStreamId: 3, typeId: 20, timestamp: 0, messageStreamId: 0, payload: encodeAmf0(3.14, null) })));
    add(afterHandshake(command(1, 'publish', null, 'ch', 'live'))); // before connect
    add(afterHandshake(connectLive, command(1, 'publish', null, 'ch', 'live'))); // before createStream
    add(afterHandshake(connectLive, ...Array.from({ length: 20 }, () => command(0, 'createStream', null))));
    add(afterHandshake(Buffer.concat(Array.from({ length: 200 }, (_, csid) => Buffer.from(`${(0x40 | ((csid % 60) + 3)).toString(16)}000000`, 'hex'))))); // fmt 1 on unknown streams
    add(afterHandshake(Buffer.concat(Array.from({ length: 100 }, (_, i) => encodeChunks({ chunkStreamId: 64 + i, typeId: 9, timestamp: 0, messageStreamId: 1, payload: Buffer.alloc(1) })))));

    await inBatches(tasks);

    // Publish twice on one connection: refused, connection closed.
    const twice = await RtmpTestClient.open(server.port);
    const streamId = await twice.publish('twice');
    await twice.waitForStatus();
    twice.command(streamId, 'publish', 6, null, 'twice-again', 'live');
    await twice.closed;
    expect(glue.named('twice')[0]?.endReasons).toEqual(['protocol-error']);

    // The healthy publish kept flowing throughout (an ended publish stays ended), and the server logged the
    // protocol errors it saw.
    expect(healthyMedia?.endReasons).toEqual([]);
    await waitFor(() => (healthyMedia?.video ?? 0) > videoBefore + 30, 'the healthy publish to keep flowing');
    expect(errors.filter((error) => error.includes('handshake C0 version')).length).toBeGreaterThanOrEqual(30);
    expect(errors.some((error) => error.includes('Set Chunk Size'))).toBe(true);
    expect(errors.some((error) => error.includes('message length'))).toBe(true);
    // Every fuzz publish that got accepted has ended exactly once, its socket being gone.
    await waitFor(() => glue.publishes.every((m) => m.request.streamName === 'healthy' || m.endReasons.length === 1), 'all fuzz publishes to end');
    expect(glue.publishes.filter((m) => m.endReasons.length > 1)).toEqual([]);
  });

  it('kept the healthy publish up until the test stops it, and then it ends cleanly; a new valid publish is accepted', async () => {
    const healthyMedia = glue.named('healthy')[0];
    expect(healthyMedia?.endReasons).toEqual([]);
    expect(healthy.child.exitCode, 'the healthy source was still running').toBeNull();
    const { code, stderr } = await interruptPublisher(healthy);
    expect(code, stderr).toBe(FFMPEG_INTERRUPTED_EXIT_CODE);
    // ffmpeg unpublished (FCUnpublish / deleteStream) rather than dropping the connection.
    expect(await healthyMedia?.ended).toBe('unpublished');
    expect(healthyMedia?.endReasons).toEqual(['unpublished']);
    expect(healthyMedia?.video).toBeGreaterThan(30);

    const after = await publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/live/afterwards`, { seconds: 1 }).exited;
    expect(after.code, after.stderr).toBe(0);
    expect(glue.named('afterwards')[0]?.video).toBeGreaterThanOrEqual(30);
  });
});
