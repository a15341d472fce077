/**
 * Writes RTMP messages as chunks. The server sends few, small messages, so every message gets a full fmt 0 header
 * (no header compression) followed by fmt 3 continuation chunks, which every client reads.
 */
import { DEFAULT_CHUNK_SIZE, type RtmpMessage } from './messages';
import { RtmpProtocolError } from './protocol-error';

const EXTENDED = 0xffffff;

/** Encodes a chunk basic header: 1, 2 or 3 bytes depending on the chunk stream id (2-65599). */
export function basicHeader(format: 0 | 1 | 2 | 3, chunkStreamId: number): Buffer {
  if (!Number.isInteger(chunkStreamId) || chunkStreamId < 2 || chunkStreamId > 65599) {
    throw new RtmpProtocolError('chunk stream id', `an integer from 2 to 65599 (got ${chunkStreamId})`);
  }
  if (chunkStreamId < 64) return Buffer.of((format << 6) | chunkStreamId);
  if (chunkStreamId < 320) return Buffer.of(format << 6, chunkStreamId - 64);
  const rest = chunkStreamId - 64;
  return Buffer.of((format << 6) | 1, rest & 0xff, rest >> 8);
}

/**
 * Splits one message into chunks of at most `chunkSize` payload bytes. Timestamps of 0xFFFFFF and above go in the
 * extended field, which is then repeated in every fmt 3 chunk of the message (as the specification requires).
 */
export function encodeChunks(message: RtmpMessage, chunkSize: number = DEFAULT_CHUNK_SIZE): Buffer {
  const timestamp = message.timestamp % 2 ** 32;
  const extended = timestamp >= EXTENDED;
  const header = Buffer.alloc(11);
  header.writeUIntBE(extended ? EXTENDED : timestamp, 0, 3);
  header.writeUIntBE(message.payload.length, 3, 3);
  header.writeUInt8(message.typeId, 6);
  header.writeUInt32LE(message.messageStreamId, 7);
  const extendedField = Buffer.alloc(extended ? 4 : 0);
  if (extended) extendedField.writeUInt32BE(timestamp, 0);

  const parts: Buffer[] = [basicHeader(0, message.chunkStreamId), header, extendedField];
  const continuation = Buffer.concat([basicHeader(3, message.chunkStreamId), extendedField]);
  for (let offset = 0; offset < message.payload.length; offset += chunkSize) {
    if (offset > 0) parts.push(continuation);
    parts.push(message.payload.subarray(offset, offset + chunkSize));
  }
  return Buffer.concat(parts);
}

/** Keeps the outgoing chunk size and encodes messages with it. */
export class ChunkWriter {
  private size = DEFAULT_CHUNK_SIZE;

  get chunkSize(): number {
    return this.size;
  }

  /** Switch chunk size; call right after encoding the Set Chunk Size message that announces it. */
  setChunkSize(size: number): void {
    this.size = size;
  }

  encode(message: RtmpMessage): Buffer {
    return encodeChunks(message, this.size);
  }
}
