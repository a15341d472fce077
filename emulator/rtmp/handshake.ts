/**
 * The RTMP simple handshake, server side: C0+C1 in, S0+S1+S2 out, then C2 in. S1 is version-0 random data and S2
 * echoes C1, which ffmpeg and OBS (librtmp without encryption or SWF verification) both accept. The digest
 * ("complex") handshake that Flash players require is not needed by encoders and is not offered.
 */
import { randomBytes } from 'node:crypto';
import { RtmpProtocolError } from './protocol-error';

export const RTMP_VERSION = 3;
/** Size of C1, C2, S1 and S2. */
export const HANDSHAKE_SIZE = 1536;

/**
 * Builds S0+S1+S2 for a client's C0+C1 (`1 + 1536` bytes). Throws when C0 asks for another version
 * (6 = RTMPE encryption, or not RTMP at all).
 */
export function serverHandshakeReply(c0c1: Uint8Array, random: (size: number) => Uint8Array = randomBytes): Buffer {
  if (c0c1.length !== 1 + HANDSHAKE_SIZE) {
    throw new RtmpProtocolError('handshake C0+C1', `${1 + HANDSHAKE_SIZE} bytes (got ${c0c1.length})`);
  }
  if (c0c1[0] !== RTMP_VERSION) {
    throw new RtmpProtocolError('handshake C0 version', `${RTMP_VERSION} (got ${String(c0c1[0])})`);
  }
  const s1 = Buffer.alloc(HANDSHAKE_SIZE);
  // time (4 bytes) = 0, zero/version (4 bytes) = 0: a simple-handshake S1; the rest is random.
  s1.set(random(HANDSHAKE_SIZE - 8), 8);
  const s2 = Buffer.from(c0c1.subarray(1));
  return Buffer.concat([Buffer.of(RTMP_VERSION), s1, s2]);
}

/** Tracks the server side of the handshake over arbitrary TCP reads. */
export class ServerHandshake {
  private received: Buffer = Buffer.alloc(0);
  private replied = false;
  private finished = false;

  constructor(private readonly random: (size: number) => Uint8Array = randomBytes) {}

  get done(): boolean {
    return this.finished;
  }

  /**
   * Feeds client bytes. Returns the reply to send (once, after C0+C1) and, when C2 is complete, the bytes that
   * followed it (the start of the chunk stream).
   */
  receive(bytes: Uint8Array): { reply?: Buffer; rest?: Buffer } {
    if (this.finished) return { rest: Buffer.from(bytes) };
    this.received = Buffer.concat([this.received, bytes]);
    // Fail on the first byte: garbage should not hold a connection open until 1537 bytes arrive.
    if (this.received[0] !== RTMP_VERSION) {
      throw new RtmpProtocolError('handshake C0 version', `${RTMP_VERSION} (got ${String(this.received[0])})`);
    }
    const result: { reply?: Buffer; rest?: Buffer } = {};
    if (!this.replied && this.received.length >= 1 + HANDSHAKE_SIZE) {
      result.reply = serverHandshakeReply(this.received.subarray(0, 1 + HANDSHAKE_SIZE), this.random);
      this.replied = true;
    }
    const total = 1 + 2 * HANDSHAKE_SIZE; // C0 + C1 + C2; C2's content (an echo of S1) is not checked
    if (this.replied && this.received.length >= total) {
      result.rest = this.received.subarray(total);
      this.received = Buffer.alloc(0);
      this.finished = true;
    }
    return result;
  }
}
