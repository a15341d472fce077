import { connect } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startRtmpServer, type RtmpServer, type RtmpServerOptions } from '../../../emulator/rtmp';
import { needs } from '../../support/tools';
import { killAllFfmpeg, publishWithFfmpeg } from './support/ffmpeg-publisher';
import { AcceptAll, waitFor } from './support/recording-media';
import { RtmpTestClient } from './support/rtmp-test-client';

const servers = new Set<RtmpServer>();
const clients = new Set<RtmpTestClient>();

async function start(options: Partial<RtmpServerOptions> & Pick<RtmpServerOptions, 'onPublish'>): Promise<RtmpServer> {
  const server = await startRtmpServer(options);
  servers.add(server);
  return server;
}

async function open(port: number): Promise<RtmpTestClient> {
  const client = await RtmpTestClient.open(port);
  clients.add(client);
  return client;
}

afterEach(async () => {
  for (const client of clients) client.destroy();
  clients.clear();
  await Promise.all([...servers].map((server) => server.close()));
  servers.clear();
});

describe.runIf(needs('ffmpeg'))('kick and close with ffmpeg publishers', () => {
  afterAll(killAllFfmpeg);

  it('kick ends only the matching publish ("kicked"), close ends the rest ("server-stopped")', async () => {
    const glue = new AcceptAll();
    const server = await start({ onPublish: glue.onPublish });
    const a = publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/live/ch-a`, { seconds: 30 });
    const b = publishWithFfmpeg(`rtmp://127.0.0.1:${server.port}/live/ch-b`, { seconds: 30 });
    await waitFor(() => glue.publishes.length === 2 && glue.publishes.every((m) => m.video >= 10), 'both publishes flowing');
    const [mediaA] = glue.named('ch-a');
    const [mediaB] = glue.named('ch-b');

    expect(server.kick((request) => request.streamName === 'ch-a', 'channel disabled')).toBe(1);
    expect(await mediaA?.ended).toBe('kicked');
    const exitA = await a.exited;
    expect(exitA.code).not.toBe(0);
    expect(exitA.stderr).toContain('channel disabled');
    expect(server.kick((request) => request.streamName === 'ch-a', 'again')).toBe(0);
    const videoB = mediaB?.video ?? 0;
    await waitFor(() => (mediaB?.video ?? 0) > videoB + 5, 'the other publish to keep flowing');

    await server.close();
    expect(mediaB?.endReasons).toEqual(['server-stopped']);
    expect(mediaA?.endReasons).toEqual(['kicked']);
    expect((await b.exited).code).not.toBe(0);
    await expect(RtmpTestClient.open(server.port)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('sessions, limits and timeouts (raw RTMP clients)', () => {
  it('serves many concurrent publishers, each with its own media, and ends each once', async () => {
    const glue = new AcceptAll();
    const server = await start({ onPublish: glue.onPublish });
    const count = 30;
    const publishers = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const client = await open(server.port);
        const streamId = await client.publish(`c${i}?n=${i}`);
        await client.waitForStatus();
        for (let frame = 0; frame <= i; frame++) client.sendMedia(streamId, 9, frame * 33, Buffer.alloc(500, i));
        return client;
      }),
    );
    await waitFor(() => glue.publishes.length === count && glue.publishes.every((m) => m.video === Number(m.request.query.get('n')) + 1), 'every frame at its own publish');
    for (const client of publishers) client.destroy();
    await Promise.all(glue.publishes.map((media) => media.ended));
    expect(glue.publishes.map((media) => media.endReasons)).toEqual(Array.from({ length: count }, () => ['disconnected']));
  });

  it('closes connections beyond maxSessions at once, and accepts again when one leaves', async () => {
    const server = await start({ onPublish: new AcceptAll().onPublish, maxSessions: 2 });
    const first = await open(server.port);
    const second = await open(server.port);
    await Promise.all([first.handshake(), second.handshake()]);
    const third = await open(server.port);
    await expect(third.handshake()).rejects.toThrow(/closed/);

    first.destroy();
    // The server notices the departure asynchronously: retry until a new connection gets its handshake answered.
    let accepted = false;
    for (let attempt = 0; attempt < 50 && !accepted; attempt++) {
      const next = await open(server.port);
      accepted = await next.handshake().then(() => true, () => false);
      if (!accepted) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(accepted).toBe(true);
  });

  it('drops a slowloris handshake and a connection that never publishes, after handshakeTimeoutMs', async () => {
    const server = await start({ onPublish: new AcceptAll().onPublish, handshakeTimeoutMs: 300 });
    const slow = await open(server.port);
    slow.sendRaw(Buffer.alloc(100, 3)); // C0 + a sliver of C1, then nothing
    const lingering = await open(server.port);
    await lingering.handshake();
    lingering.command(0, 'connect', 1, { app: 'live', tcUrl: 'rtmp://h/live' });
    await lingering.waitForCommand('_result', 1);
    await Promise.all([slow.closed, lingering.closed]);
    expect([slow.isOpen, lingering.isOpen]).toEqual([false, false]);
  });

  it('ends a publish whose publisher goes silent for idleTimeoutMs with "disconnected"', async () => {
    const glue = new AcceptAll();
    const server = await start({ onPublish: glue.onPublish, idleTimeoutMs: 300 });
    const client = await open(server.port);
    const streamId = await client.publish('quiet');
    await client.waitForStatus();
    client.sendMedia(streamId, 9, 0, Buffer.alloc(10, 0x17));
    expect(await glue.publishes[0]?.ended).toBe('disconnected');
    await client.closed;
  });

  it('survives a kick predicate that throws', async () => {
    const glue = new AcceptAll();
    const server = await start({ onPublish: glue.onPublish });
    const client = await open(server.port);
    await client.publish('p');
    await client.waitForStatus();
    expect(server.kick(() => {
      throw new Error('bad predicate');
    }, 'x')).toBe(0);
    expect(server.kick(() => true, 'maintenance')).toBe(1);
    expect(await glue.publishes[0]?.ended).toBe('kicked');
    expect(await client.waitForStatus()).toMatchObject({ code: 'NetStream.Publish.Start' });
    const kickStatus = await client.until(
      () => client.commands().find((c) => c[0] === 'onStatus' && (c[3] as { level?: unknown }).level === 'error')?.[3],
      'the kick status',
    );
    expect(kickStatus).toMatchObject({ code: 'NetConnection.Connect.Closed', description: 'maintenance' });
  });

  it('binds to 127.0.0.1 by default and rejects when the port is taken', async () => {
    const server = await start({ onPublish: new AcceptAll().onPublish });
    expect(server.host).toBe('127.0.0.1');
    await expect(startRtmpServer({ onPublish: new AcceptAll().onPublish, port: server.port })).rejects.toThrow(/EADDRINUSE/);
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.destroy();
  });
});
