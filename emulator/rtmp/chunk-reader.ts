/**
 * Reads an RTMP chunk stream into messages. Pull-based: push() bytes as they arrive, then call next() until it
 * returns undefined. The chunk-layer control messages (Set Chunk Size, Abort) are applied here and not returned, so
 * the chunks that follow them are read with the right size. Memory is bounded: at most a few header bytes are kept
 * between pushes (chunk payloads are copied straight into their message), message sizes and the number of chunk
 * streams are capped, and so is the total of partly received messages.
 */
import { DEFAULT_CHUNK_SIZE, MessageType, readChunkSize, readU32, type RtmpMessage } from './messages';
import { RtmpProtocolError } from './protocol-error';

export interface ChunkReaderLimits {
  /** Largest message (bytes); also the cap on the sum of all partly received messages. */
  maxMessageSize: number;
  /** Distinct chunk stream ids a peer may use (real clients use fewer than 10). */
  maxChunkStreams: number;
}

/** Per chunk stream id: the last header's fields (later chunks inherit them) and the message being assembled. */
interface ChunkStreamState {
  readonly chunkStreamId: number;
  timestamp: number;
  /** The last timestamp field read (absolute for fmt 0, a delta otherwise): a new message in fmt 3 adds it again. */
  timestampField: number;
  /** Whether the last fmt 0/1/2 header used the extended timestamp, so fmt 3 chunks carry one too. */
  extended: boolean;
  messageLength: number;
  typeId: number;
  messageStreamId: number;
  payload: Buffer | undefined;
  received: number;
}

const EXTENDED = 0xffffff;
const MESSAGE_HEADER_LENGTH = [11, 7, 3, 0] as const;
const EMPTY = Buffer.alloc(0);

export class ChunkReader {
  private chunkSize = DEFAULT_CHUNK_SIZE;
  private input: Buffer = EMPTY;
  private readonly streams = new Map<number, ChunkStreamState>();
  /** The chunk whose payload is being read, and how many of its payload bytes are still to come. */
  private current: { state: ChunkStreamState; payloadLeft: number } | undefined;
  private partialBytes = 0;

  constructor(private readonly limits: ChunkReaderLimits) {}

  /** The peer's current chunk size. */
  get peerChunkSize(): number {
    return this.chunkSize;
  }

  /** Bytes received but not yet parsed (only header fragments, or input left while the consumer paused). */
  get unreadBytes(): number {
    return this.input.length;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const incoming = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.input = this.input.length === 0 ? incoming : Buffer.concat([this.input, incoming]);
  }

  /** Returns the next complete message, or undefined when more input is needed. Throws RtmpProtocolError. */
  next(): RtmpMessage | undefined {
    for (;;) {
      if (this.current === undefined && !this.readHeader()) return undefined;
      const message = this.readPayload();
      if (message === 'need-input') return undefined;
      if (message === undefined) continue; // chunk done, message not: read the next chunk header
      if (message.typeId === MessageType.SetChunkSize) this.chunkSize = readChunkSize(message);
      else if (message.typeId === MessageType.Abort) this.abort(readU32(message, 'Abort'));
      else return message;
    }
  }

  /** Discards the partly received message on one chunk stream (the Abort message). */
  private abort(chunkStreamId: number): void {
    const state = this.streams.get(chunkStreamId);
    if (state?.payload === undefined) return;
    this.partialBytes -= state.messageLength;
    state.payload = undefined;
    state.received = 0;
  }

  /** Parses one chunk header if it is complete; returns false when more input is needed. */
  private readHeader(): boolean {
    const input = this.input;
    const first = input[0];
    if (first === undefined) return false;
    const format = first >> 6;
    let chunkStreamId = first & 0x3f;
    let offset = 1;
    if (chunkStreamId === 0 || chunkStreamId === 1) {
      const extraLength = chunkStreamId === 0 ? 1 : 2;
      if (input.length < 1 + extraLength) return false;
      chunkStreamId = 64 + input.readUInt8(1) + (extraLength === 2 ? input.readUInt8(2) * 256 : 0);
      offset += extraLength;
    }
    const headerLength = MESSAGE_HEADER_LENGTH[format] ?? 0;
    if (input.length < offset + headerLength) return false;

    const known = this.streams.get(chunkStreamId);
    if (known === undefined && format !== 0) {
      throw new RtmpProtocolError(`chunk stream ${chunkStreamId}`, `a fmt 0 header first (got fmt ${format})`);
    }
    const inProgress = known?.payload !== undefined;
    if (inProgress && format !== 3) {
      const expected = `fmt 3 continuation of its unfinished message (got fmt ${format})`;
      throw new RtmpProtocolError(`chunk stream ${chunkStreamId}`, expected);
    }

    const field = format < 3 ? input.readUIntBE(offset, 3) : (known?.timestampField ?? 0);
    const extended = format < 3 ? field === EXTENDED : (known?.extended ?? false);
    const totalLength = offset + headerLength + (extended ? 4 : 0);
    if (input.length < totalLength) return false;

    const state = known ?? this.addStream(chunkStreamId);
    if (format < 3) {
      state.timestampField = extended ? input.readUInt32BE(offset + headerLength) : field;
      state.extended = extended;
    }
    if (format <= 1) {
      state.messageLength = input.readUIntBE(offset + 3, 3);
      state.typeId = input.readUInt8(offset + 6);
    }
    if (format === 0) state.messageStreamId = input.readUInt32LE(offset + 7);
    this.input = input.subarray(totalLength);

    if (!inProgress) this.startMessage(state, format);
    this.current = { state, payloadLeft: Math.min(this.chunkSize, state.messageLength - state.received) };
    return true;
  }

  private addStream(chunkStreamId: number): ChunkStreamState {
    if (this.streams.size >= this.limits.maxChunkStreams) {
      throw new RtmpProtocolError('chunk stream ids', `at most ${this.limits.maxChunkStreams} distinct ids per connection`);
    }
    const state: ChunkStreamState = {
      chunkStreamId,
      timestamp: 0,
      timestampField: 0,
      extended: false,
      messageLength: 0,
      typeId: 0,
      messageStreamId: 0,
      payload: undefined,
      received: 0,
    };
    this.streams.set(chunkStreamId, state);
    return state;
  }

  private startMessage(state: ChunkStreamState, format: number): void {
    const { maxMessageSize } = this.limits;
    if (state.messageLength > maxMessageSize) {
      throw new RtmpProtocolError('message length', `at most ${maxMessageSize} bytes (got ${state.messageLength})`);
    }
    if (this.partialBytes + state.messageLength > maxMessageSize) {
      throw new RtmpProtocolError('partly received messages', `at most ${maxMessageSize} bytes in total`);
    }
    // fmt 0 carries an absolute timestamp; fmt 1/2 a delta; fmt 3 repeats the previous field (see ChunkStreamState).
    state.timestamp = format === 0 ? state.timestampField : (state.timestamp + state.timestampField) % 2 ** 32;
    state.payload = Buffer.allocUnsafe(state.messageLength);
    state.received = 0;
    this.partialBytes += state.messageLength;
  }

  /** Copies the current chunk's payload; returns the message when it completes, 'need-input' when input ran out. */
  private readPayload(): RtmpMessage | undefined | 'need-input' {
    const current = this.current;
    if (current === undefined) return undefined;
    const { state } = current;
    const payload = state.payload;
    if (payload === undefined) return undefined;
    const take = Math.min(current.payloadLeft, this.input.length);
    this.input.copy(payload, state.received, 0, take);
    this.input = take === this.input.length ? EMPTY : this.input.subarray(take);
    state.received += take;
    current.payloadLeft -= take;
    if (current.payloadLeft > 0) return 'need-input';
    this.current = undefined;
    if (state.received < state.messageLength) return undefined;
    state.payload = undefined;
    this.partialBytes -= state.messageLength;
    return {
      chunkStreamId: state.chunkStreamId,
      typeId: state.typeId,
      timestamp: state.timestamp,
      messageStreamId: state.messageStreamId,
      payload,
    };
  }
}
