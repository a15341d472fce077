/**
 * RTMP messages: the unit the chunk stream carries, the message type ids, and the protocol control and user control
 * messages (encode for what the server sends, decode for what it reads).
 */
import { RtmpProtocolError } from './protocol-error';

/** One complete RTMP message, reassembled from chunks. */
export interface RtmpMessage {
  /** Chunk stream it arrived on (2 = protocol control). */
  chunkStreamId: number;
  typeId: number;
  /** Milliseconds, 32-bit wrapping as on the wire. */
  timestamp: number;
  messageStreamId: number;
  payload: Buffer;
}

export const MessageType = {
  SetChunkSize: 1,
  Abort: 2,
  Acknowledgement: 3,
  UserControl: 4,
  WindowAckSize: 5,
  SetPeerBandwidth: 6,
  Audio: 8,
  Video: 9,
  DataAmf3: 15,
  CommandAmf3: 17,
  DataAmf0: 18,
  CommandAmf0: 20,
  Aggregate: 22,
} as const;

export const UserControlEvent = {
  StreamBegin: 0,
  StreamEof: 1,
  PingRequest: 6,
  PingResponse: 7,
} as const;

/** Chunk stream ids the server writes on: 2 is reserved for control, commands conventionally use 3. */
export const ControlChunkStream = 2;
export const CommandChunkStream = 3;

/** The chunk size both sides start with. */
export const DEFAULT_CHUNK_SIZE = 128;

/** Largest chunk size the protocol allows (the top bit of the 32-bit field must be 0). */
export const MAX_CHUNK_SIZE = 0x7fffffff;

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0, 0);
  return bytes;
}

function control(typeId: number, payload: Buffer): RtmpMessage {
  return { chunkStreamId: ControlChunkStream, typeId, timestamp: 0, messageStreamId: 0, payload };
}

/** Set Chunk Size (type 1): the sender's chunks are this large from now on. */
export function setChunkSizeMessage(size: number): RtmpMessage {
  return control(MessageType.SetChunkSize, u32(size));
}

/** Acknowledgement (type 3): total bytes received so far (wraps at 2^32). */
export function acknowledgementMessage(bytesReceived: number): RtmpMessage {
  return control(MessageType.Acknowledgement, u32(bytesReceived % 2 ** 32));
}

/** Window Acknowledgement Size (type 5): acknowledge every `size` bytes you receive from me. */
export function windowAckSizeMessage(size: number): RtmpMessage {
  return control(MessageType.WindowAckSize, u32(size));
}

/** Set Peer Bandwidth (type 6); limit type 2 = dynamic. */
export function setPeerBandwidthMessage(size: number, limitType: 0 | 1 | 2 = 2): RtmpMessage {
  return control(MessageType.SetPeerBandwidth, Buffer.concat([u32(size), Buffer.of(limitType)]));
}

/** User Control (type 4) event with one 32-bit argument (stream id or ping timestamp). */
export function userControlMessage(event: number, argument: number): RtmpMessage {
  const payload = Buffer.alloc(6);
  payload.writeUInt16BE(event, 0);
  payload.writeUInt32BE(argument >>> 0, 2);
  return control(MessageType.UserControl, payload);
}

/** Reads the 32-bit value that Set Chunk Size, Abort, Acknowledgement and Window Ack Size carry. */
export function readU32(message: RtmpMessage, field: string): number {
  if (message.payload.length < 4) {
    throw new RtmpProtocolError(field, `a 4-byte payload (got ${message.payload.length})`);
  }
  return message.payload.readUInt32BE(0);
}

/** Validates and returns the size a Set Chunk Size message announces. */
export function readChunkSize(message: RtmpMessage): number {
  const size = readU32(message, 'Set Chunk Size');
  if (size < 1 || size > MAX_CHUNK_SIZE) {
    throw new RtmpProtocolError('Set Chunk Size', `a size from 1 to ${MAX_CHUNK_SIZE} (got ${size})`);
  }
  return size;
}

/** Decodes a User Control message into its event type and first argument. */
export function readUserControl(message: RtmpMessage): { event: number; argument: number } {
  if (message.payload.length < 6) {
    throw new RtmpProtocolError('User Control', `event type and a 4-byte argument (got ${message.payload.length} bytes)`);
  }
  return { event: message.payload.readUInt16BE(0), argument: message.payload.readUInt32BE(2) };
}
