import { connect, type Socket } from 'node:net';
import { amf0Object, decodeAmf0, type Amf0Object, type Amf0Value } from '../../../../emulator/rtmp/amf0';
import { ChunkReader } from '../../../../emulator/rtmp/chunk-reader';
import { encodeChunks } from '../../../../emulator/rtmp/chunk-writer';
import { commandMessage } from '../../../../emulator/rtmp/commands';
import { HANDSHAKE_SIZE } from '../../../../emulator/rtmp/handshake';
import { MessageType, type RtmpMessage } from '../../../../emulator/rtmp/messages';

/**
 * A minimal RTMP publisher over a real socket, for tests that need exact control over what is sent (command order,
 * malformed input, many concurrent sessions). It speaks the same sequence as OBS: connect, releaseStream, FCPublish,
 * createStream, publish.
 */
export class RtmpTestClient {
  readonly received: RtmpMessage[] = [];
  readonly closed: Promise<void>;
  private handshakeBytes = Buffer.alloc(0);
  private readonly reader = new ChunkReader({ maxMessageSize: 16 * 1024 * 1024, maxChunkStreams: 64 });
  private waiters: (() => void)[] = [];
  private isClosed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (bytes: Buffer) => this.onData(bytes));
    socket.on('error', () => undefined); // resets are expected in these tests; `closed` reports the end
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.isClosed = true;
        this.wake();
        resolve();
      }),
    );
  }

  static async open(port: number): Promise<RtmpTestClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RtmpTestClient(socket);
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  private onData(bytes: Buffer): void {
    const needed = 1 + 2 * HANDSHAKE_SIZE - this.handshakeBytes.length;
    if (needed > 0) {
      this.handshakeBytes = Buffer.concat([this.handshakeBytes, bytes.subarray(0, needed)]);
      bytes = bytes.subarray(needed);
    }
    this.reader.push(bytes);
    for (let message = this.reader.next(); message !== undefined; message = this.reader.next()) {
      this.received.push(message);
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once `condition` holds on what was received, or rejects after `timeoutMs` or when the socket closes. */
  async until<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (this.isClosed) throw new Error(`connection closed while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  sendRaw(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  send(message: RtmpMessage): void {
    this.sendRaw(encodeChunks(message));
  }

  async handshake(): Promise<void> {
    const c0c1 = Buffer.alloc(1 + HANDSHAKE_SIZE);
    c0c1[0] = 3;
    this.sendRaw(c0c1);
    await this.until(() => (this.handshakeBytes.length === 1 + 2 * HANDSHAKE_SIZE ? true : undefined), 'S0+S1+S2');
    this.sendRaw(this.handshakeBytes.subarray(1, 1 + HANDSHAKE_SIZE)); // C2 echoes S1
  }

  command(streamId: number, name: string, transactionId: number, ...args: Amf0Value[]): void {
    this.send(commandMessage(streamId, name, transactionId, ...args));
  }

  /** Every AMF0 command received so far, decoded. */
  commands(): Amf0Value[][] {
    return this.received.filter((m) => m.typeId === MessageType.CommandAmf0).map((m) => decodeAmf0(m.payload));
  }

  /** Waits for a command by name (and optional transaction id); returns its decoded values. */
  async waitForCommand(name: string, transactionId?: number, timeoutMs?: number): Promise<Amf0Value[]> {
    return this.until(
      () => this.commands().find((values) => values[0] === name && (transactionId === undefined || values[1] === transactionId)),
      `command ${name}`,
      timeoutMs,
    );
  }

  /** Waits for an onStatus and returns its info object. */
  async waitForStatus(timeoutMs?: number): Promise<Amf0Object> {
    const values = await this.waitForCommand('onStatus', undefined, timeoutMs);
    return values[3] as Amf0Object;
  }

  /** OBS's sequence up to and including publish; returns the stream id. */
  async publish(name: string, app = 'live', tcUrl = `rtmp://127.0.0.1:${String(this.socket.remotePort)}/${app}`): Promise<number> {
    await this.handshake();
    this.command(0, 'connect', 1, amf0Object({ app, type: 'nonprivate', flashVer: 'FMLE/3.0 (compatible; test)', tcUrl }));
    await this.waitForCommand('_result', 1);
    this.command(0, 'releaseStream', 2, null, name);
    this.command(0, 'FCPublish', 3, null, name);
    this.command(0, 'createStream', 4, null);
    const created = await this.waitForCommand('_result', 4);
    const streamId = created[3];
    if (typeof streamId !== 'number') throw new Error('createStream returned no stream id');
    this.command(streamId, 'publish', 5, null, name, 'live');
    return streamId;
  }

  sendMedia(streamId: number, typeId: 8 | 9, timestamp: number, payload: Uint8Array): void {
    this.send({ chunkStreamId: typeId === 8 ? 4 : 6, typeId, timestamp, messageStreamId: streamId, payload: Buffer.from(payload) });
  }

  destroy(): void {
    this.socket.destroy();
  }
}
