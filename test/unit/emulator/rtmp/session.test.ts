import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { amf0Object, Amf0EcmaArray, decodeAmf0, encodeAmf0, type Amf0Object, type Amf0Value } from '../../../../emulator/rtmp/amf0';
import { ChunkReader } from '../../../../emulator/rtmp/chunk-reader';
import { encodeChunks } from '../../../../emulator/rtmp/chunk-writer';
import { commandMessage } from '../../../../emulator/rtmp/commands';
import { HANDSHAKE_SIZE } from '../../../../emulator/rtmp/handshake';
import { MessageType, userControlMessage, windowAckSizeMessage, type RtmpMessage } from '../../../../emulator/rtmp/messages';
import { RtmpSession } from '../../../../emulator/rtmp/session';
import type { PublishDecision, PublishEndReason, PublishMedia, PublishRequest } from '../../../../emulator/rtmp/types';

/** Drives one RtmpSession with client bytes and decodes what it sends back. No socket involved. */
class Harness {
  readonly session: RtmpSession;
  readonly requests: PublishRequest[] = [];
  readonly ends: PublishEndReason[] = [];
  readonly video: [number, number][] = [];
  readonly audio: [number, number][] = [];
  readonly metadata: Record<string, unknown>[] = [];
  readonly logs: string[] = [];
  readonly paused: boolean[] = [];
  closes = 0;
  private readonly out = new ChunkReader({ maxMessageSize: 1 << 20, maxChunkStreams: 64 });
  private outBytes = 0;
  readonly received: RtmpMessage[] = [];
  /** What onPublish answers; a function so tests can delay or throw. */
  decide: (request: PublishRequest) => Promise<PublishDecision> = async () => ({ accept: true, media: this.media() });
  sinkThrows = false;

  constructor() {
    this.session = new RtmpSession({
      remoteAddress: '127.0.0.1:50000',
      maxMessageSize: 64 * 1024,
      onPublish: (request) => {
        this.requests.push(request);
        return this.decide(request);
      },
      send: (bytes) => this.read(bytes),
      close: () => (this.closes += 1),
      pauseInput: (paused) => this.paused.push(paused),
      log: (event) => this.logs.push(event),
    });
  }

  media(): PublishMedia {
    return {
      onVideo: (timestamp, payload) => {
        if (this.sinkThrows) throw new Error('not H.264');
        this.video.push([timestamp, payload.length]);
      },
      onAudio: (timestamp, payload) => this.audio.push([timestamp, payload.length]),
      onMetadata: (metadata) => this.metadata.push(metadata),
      end: (reason) => {
        this.ends.push(reason);
      },
    };
  }

  private read(bytes: Buffer): void {
    const skip = Math.max(0, Math.min(bytes.length, 1 + 2 * HANDSHAKE_SIZE - this.outBytes));
    this.outBytes += bytes.length;
    this.out.push(bytes.subarray(skip));
    for (let message = this.out.next(); message !== undefined; message = this.out.next()) this.received.push(message);
  }

  handshake(): void {
    this.session.receive(Buffer.concat([Buffer.of(3), randomBytes(HANDSHAKE_SIZE)]));
    this.session.receive(randomBytes(HANDSHAKE_SIZE));
  }

  send(message: RtmpMessage): void {
    this.session.receive(encodeChunks(message));
  }

  command(streamId: number, name: string, transactionId: number, ...args: Amf0Value[]): void {
    this.send(commandMessage(streamId, name, transactionId, ...args));
  }

  media8or9(typeId: 8 | 9, timestamp: number, length: number, streamId = 1): void {
    this.send({ chunkStreamId: typeId === 8 ? 4 : 6, typeId, timestamp, messageStreamId: streamId, payload: randomBytes(length) });
  }

  commands(): Amf0Value[][] {
    return this.received.filter((m) => m.typeId === MessageType.CommandAmf0).map((m) => decodeAmf0(m.payload));
  }

  statuses(): Amf0Object[] {
    return this.commands().filter((c) => c[0] === 'onStatus').map((c) => c[3] as Amf0Object);
  }

  /** OBS's command sequence (librtmp): connect, releaseStream, FCPublish, createStream, publish. */
  publishLikeObs(name = 'ch?x=1'): void {
    this.handshake();
    this.command(0, 'connect', 1, amf0Object({ app: 'live', type: 'nonprivate', flashVer: 'FMLE/3.0', tcUrl: 'rtmp://bucket.host:1935/live' }));
    this.command(0, 'releaseStream', 2, null, name);
    this.command(0, 'FCPublish', 3, null, name);
    this.command(0, 'createStream', 4, null);
    this.command(1, 'publish', 5, null, name, 'live');
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RtmpSession: the OBS / ffmpeg publish sequence', () => {
  it('answers connect, releaseStream, FCPublish, createStream and publish as an ingest server does', async () => {
    const h = new Harness();
    h.publishLikeObs();
    await settle();

    const types = h.received.map((m) => m.typeId);
    expect(types.slice(0, 2)).toEqual([MessageType.WindowAckSize, MessageType.SetPeerBandwidth]);
    const commands = h.commands();
    expect(commands[0]?.slice(0, 2)).toEqual(['_result', 1]);
    expect((commands[0]?.[3] as Amf0Object)['code']).toBe('NetConnection.Connect.Success');
    expect(commands.find((c) => c[0] === '_result' && c[1] === 2)).toBeDefined(); // releaseStream
    expect(commands.find((c) => c[0] === 'onFCPublish')).toBeDefined();
    expect(commands.find((c) => c[0] === '_result' && c[1] === 4)?.[3]).toBe(1); // createStream -> stream 1
    expect(h.statuses().map((s) => [s['level'], s['code']])).toEqual([['status', 'NetStream.Publish.Start']]);
    const streamBegin = h.received.find((m) => m.typeId === MessageType.UserControl);
    expect(streamBegin?.payload).toEqual(Buffer.from('000000000001', 'hex'));

    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]).toMatchObject({ app: 'live', streamName: 'ch', host: 'bucket.host', remoteAddress: '127.0.0.1:50000' });
    expect(h.requests[0]?.query.get('x')).toBe('1');
    expect(h.session.livePublish?.streamName).toBe('ch');
    expect(h.paused).toEqual([true, false]);
  });

  it('hands media and metadata to the sink, then ends exactly once on FCUnpublish / deleteStream / close', async () => {
    const h = new Harness();
    h.publishLikeObs();
    await settle();
    h.send({ chunkStreamId: 5, typeId: MessageType.DataAmf0, timestamp: 0, messageStreamId: 1,
      payload: encodeAmf0('@setDataFrame', 'onMetaData', new Amf0EcmaArray(amf0Object({ width: 320, encoder: 'obs' }))) });
    h.media8or9(9, 0, 40);
    h.media8or9(8, 0, 7);
    h.media8or9(9, 33, 300); // spans three 128-byte chunks
    h.media8or9(9, 66, 10, 7); // another message stream: not the publish, ignored
    expect(h.metadata).toEqual([{ width: 320, encoder: 'obs' }]);
    expect(h.video).toEqual([[0, 40], [33, 300]]);
    expect(h.audio).toEqual([[0, 7]]);

    h.command(0, 'FCUnpublish', 6, null, 'ch?x=1');
    h.command(0, 'deleteStream', 7, null, 1);
    h.session.terminate('disconnected');
    expect(h.ends).toEqual(['unpublished']);
    expect(h.commands().find((c) => c[0] === 'onFCUnpublish')).toBeDefined();
    h.media8or9(9, 99, 10);
    expect(h.video).toHaveLength(2);
  });

  it('ends with "disconnected" when the connection drops mid-publish', async () => {
    const h = new Harness();
    h.publishLikeObs();
    await settle();
    h.session.terminate('disconnected');
    h.session.terminate('kicked');
    expect(h.ends).toEqual(['disconnected']);
    expect(h.closes).toBe(1);
  });

  it('sends the kick reason to the publisher as an error onStatus before closing', async () => {
    const h = new Harness();
    h.publishLikeObs();
    await settle();
    h.session.terminate('kicked', { code: 'NetConnection.Connect.Closed', description: 'channel disabled' });
    expect(h.statuses().at(-1)).toMatchObject({ level: 'error', description: 'channel disabled' });
    expect(h.ends).toEqual(['kicked']);
  });

  it('answers a ping request with a ping response carrying the same timestamp', () => {
    const h = new Harness();
    h.handshake();
    h.send(userControlMessage(6, 123456));
    const response = h.received.find((m) => m.typeId === MessageType.UserControl);
    expect(response?.payload).toEqual(Buffer.from('00070001e240', 'hex'));
  });

  it('acknowledges every window of received bytes, as announced by the peer', async () => {
    const h = new Harness();
    h.publishLikeObs();
    await settle();
    h.send(windowAckSizeMessage(10_000));
    for (let i = 0; i < 20; i++) h.media8or9(9, i * 33, 5000);
    const acks = h.received.filter((m) => m.typeId === MessageType.Acknowledgement).map((m) => m.payload.readUInt32BE(0));
    expect(acks.length).toBeGreaterThanOrEqual(9);
    for (let i = 1; i < acks.length; i++) expect((acks[i] ?? 0) - (acks[i - 1] ?? 0)).toBeGreaterThanOrEqual(10_000);
  });

  it('reads commands sent as AMF3 command messages (type 17, format byte 0 then AMF0)', () => {
    const h = new Harness();
    h.handshake();
    h.send({ chunkStreamId: 3, typeId: MessageType.CommandAmf3, timestamp: 0, messageStreamId: 0,
      payload: Buffer.concat([Buffer.of(0), encodeAmf0('connect', 1, amf0Object({ app: 'live', tcUrl: 'rtmp://h/live' }))]) });
    expect(h.commands()[0]?.[0]).toBe('_result');
  });
});

describe('RtmpSession: refusals and protocol errors close only this session', () => {
  it('refuses with the glue\'s reason as a NetStream.Publish.BadName error, then closes', async () => {
    const h = new Harness();
    h.decide = async () => ({ accept: false, reason: 'signature does not match' });
    h.publishLikeObs();
    await settle();
    expect(h.statuses()).toEqual([expect.objectContaining({ level: 'error', code: 'NetStream.Publish.BadName', description: 'signature does not match' })]);
    expect(h.closes).toBe(1);
    expect(h.ends).toEqual([]);
  });

  it('uses the glue\'s status code when it gives one', async () => {
    const h = new Harness();
    h.decide = async () => ({ accept: false, code: 'NetStream.Publish.Denied', reason: 'channel disabled' });
    h.publishLikeObs();
    await settle();
    expect(h.statuses()[0]).toMatchObject({ code: 'NetStream.Publish.Denied', description: 'channel disabled' });
  });

  it('refuses with NetStream.Publish.Failed when onPublish throws', async () => {
    const h = new Harness();
    h.decide = async () => {
      throw new Error('database down');
    };
    h.publishLikeObs();
    await settle();
    expect(h.statuses()[0]).toMatchObject({ level: 'error', code: 'NetStream.Publish.Failed' });
    expect(h.logs).toContain('rtmp.on-publish-failed');
  });

  it('ends a publish accepted after the connection dropped, with the drop\'s reason', async () => {
    const h = new Harness();
    let accept: (decision: PublishDecision) => void = () => undefined;
    h.decide = () => new Promise((resolve) => (accept = resolve));
    h.publishLikeObs();
    h.session.terminate('server-stopped');
    accept({ accept: true, media: h.media() });
    await h.session.finished();
    expect(h.ends).toEqual(['server-stopped']);
  });

  it('holds input that arrives while the decision is pending and plays it after acceptance', async () => {
    const h = new Harness();
    let accept: (decision: PublishDecision) => void = () => undefined;
    h.decide = () => new Promise((resolve) => (accept = resolve));
    h.publishLikeObs();
    h.media8or9(9, 0, 100);
    expect(h.video).toEqual([]);
    accept({ accept: true, media: h.media() });
    await settle();
    expect(h.video).toEqual([[0, 100]]);
  });

  it('refuses a second publish on the same connection and ends the first with "protocol-error"', async () => {
    const h = new Harness();
    h.publishLikeObs();
    await settle();
    h.command(1, 'publish', 6, null, 'other', 'live');
    expect(h.statuses().at(-1)).toMatchObject({ level: 'error', description: 'only one publish per connection' });
    expect(h.ends).toEqual(['protocol-error']);
    expect(h.closes).toBe(1);
  });

  it('ends the publish with "protocol-error" when the sink throws on media', async () => {
    const h = new Harness();
    h.publishLikeObs();
    await settle();
    h.sinkThrows = true;
    h.media8or9(9, 0, 10);
    expect(h.ends).toEqual(['protocol-error']);
    expect(h.logs).toContain('rtmp.protocol-error');
  });

  it.each<[string, (h: Harness) => void]>([
    ['createStream before connect', (h) => h.command(0, 'createStream', 2, null)],
    ['a second connect', (h) => {
      h.command(0, 'connect', 1, amf0Object({ app: 'live' }));
      h.command(0, 'connect', 2, amf0Object({ app: 'live' }));
    }],
    ['connect without an object', (h) => h.command(0, 'connect', 1, 'live')],
    ['connect with a numeric app', (h) => h.command(0, 'connect', 1, amf0Object({ app: 7 }))],
    ['a command whose name is not a string', (h) => h.send({ chunkStreamId: 3, typeId: 20, timestamp: 0, messageStreamId: 0, payload: encodeAmf0(1, 2) })],
    ['publish on a stream never created', (h) => {
      h.command(0, 'connect', 1, amf0Object({ app: 'live' }));
      h.command(5, 'publish', 0, null, 'ch', 'live');
    }],
    ['malformed AMF in a command', (h) => h.send({ chunkStreamId: 3, typeId: 20, timestamp: 0, messageStreamId: 0, payload: Buffer.from('02ffff41', 'hex') })],
    ['a too-large message', (h) => h.session.receive(Buffer.from('06000000ffffff0901000000', 'hex'))],
    ['play (this server only ingests)', (h) => {
      h.command(0, 'connect', 1, amf0Object({ app: 'live' }));
      h.command(0, 'play', 0, null, 'ch');
    }],
  ])('closes on %s', (_name, act) => {
    const h = new Harness();
    h.handshake();
    act(h);
    expect(h.closes).toBe(1);
    expect(h.session.state).toBe('closed');
    expect(h.requests).toEqual([]);
  });

  it('never throws on random input and stops reading once closed', () => {
    for (let round = 0; round < 300; round++) {
      const h = new Harness();
      if (round % 2 === 0) h.handshake();
      expect(() => h.session.receive(randomBytes(1 + Math.floor(Math.random() * 4000)))).not.toThrow();
      expect(() => h.session.receive(randomBytes(100))).not.toThrow();
      expect(h.requests).toEqual([]);
    }
  });

  it('ignores unknown message types and media before publish, without closing', () => {
    const h = new Harness();
    h.handshake();
    h.send({ chunkStreamId: 3, typeId: 99, timestamp: 0, messageStreamId: 0, payload: Buffer.from('hello') });
    h.media8or9(9, 0, 10);
    expect(h.closes).toBe(0);
    expect(h.logs).toContain('rtmp.ignored-message');
  });
});
