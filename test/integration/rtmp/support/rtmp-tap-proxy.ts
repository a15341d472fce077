import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { ChunkReader } from '../../../../emulator/rtmp/chunk-reader';
import { HANDSHAKE_SIZE } from '../../../../emulator/rtmp/handshake';
import { MessageType } from '../../../../emulator/rtmp/messages';

/**
 * A TCP proxy between a publisher and the server that decodes the server -> publisher direction and records every
 * Acknowledgement, so a test can see the acks a real client receives. Also records the publisher's bytes (a capture
 * that fuzz tests replay and mutate).
 */
export class RtmpTapProxy {
  readonly acknowledgements: number[] = [];
  readonly fromPublisher: Buffer[] = [];
  bytesFromPublisher = 0;
  /**
   * The publisher's connection was reset rather than closed: a peer that closes with unread bytes (our acks) in its
   * receive buffer sends an RST, and whatever it sent last may then never reach the server.
   */
  publisherReset = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly record: boolean,
  ) {}

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Proxies to `targetPort`; `record` keeps the publisher's bytes in `fromPublisher`. */
  static async start(targetPort: number, record = false): Promise<RtmpTapProxy> {
    const server = createServer();
    const proxy = new RtmpTapProxy(server, record);
    server.on('connection', (client) => proxy.relay(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  private relay(client: Socket, targetPort: number): void {
    const upstream = connect(targetPort, '127.0.0.1');
    const reader = new ChunkReader({ maxMessageSize: 1 << 24, maxChunkStreams: 64 });
    let handshakeLeft = 1 + 2 * HANDSHAKE_SIZE;
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => this.sockets.delete(socket));
    }
    // The publisher hanging up must not drop what is still queued for the server (its last FCUnpublish and
    // deleteStream): end the upstream after the writes flush rather than destroying it.
    client.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') this.publisherReset = true;
    });
    client.on('close', () => upstream.end());
    upstream.on('close', () => client.destroy());
    client.on('data', (bytes: Buffer) => {
      this.bytesFromPublisher += bytes.length;
      if (this.record) this.fromPublisher.push(bytes);
      upstream.write(bytes);
    });
    upstream.on('data', (bytes: Buffer) => {
      client.write(bytes);
      const skip = Math.min(handshakeLeft, bytes.length);
      handshakeLeft -= skip;
      reader.push(bytes.subarray(skip));
      for (let message = reader.next(); message !== undefined; message = reader.next()) {
        if (message.typeId === MessageType.Acknowledgement) this.acknowledgements.push(message.payload.readUInt32BE(0));
      }
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
