import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChunkReader } from '../../../../emulator/rtmp/chunk-reader';
import { basicHeader, ChunkWriter, encodeChunks } from '../../../../emulator/rtmp/chunk-writer';
import { setChunkSizeMessage, type RtmpMessage } from '../../../../emulator/rtmp/messages';
import { RtmpProtocolError } from '../../../../emulator/rtmp/protocol-error';

const LIMITS = { maxMessageSize: 1024 * 1024, maxChunkStreams: 16 };
const h = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const fill = (length: number, byte: number): Buffer => Buffer.alloc(length, byte);

function readAll(input: Buffer, limits = LIMITS, pieceSize = input.length): RtmpMessage[] {
  const reader = new ChunkReader(limits);
  const messages: RtmpMessage[] = [];
  for (let offset = 0; offset < input.length; offset += pieceSize) {
    reader.push(input.subarray(offset, offset + pieceSize));
    for (let message = reader.next(); message !== undefined; message = reader.next()) messages.push(message);
  }
  return messages;
}

const summary = (m: RtmpMessage): [number, number, number, number, number] => [
  m.chunkStreamId,
  m.typeId,
  m.timestamp,
  m.messageStreamId,
  m.payload.length,
];

describe('ChunkReader: the specification examples (RTMP 1.0, 5.3.2)', () => {
  it('example 1: fmt 0, then fmt 2 delta, then fmt 3 chunks that reuse the delta', () => {
    const input = Buffer.concat([
      h('03 0003e8 000020 08 39300000'), fill(32, 1), // fmt 0: ts 1000, 32 bytes, audio, stream 12345
      h('83 000014'), fill(32, 2), // fmt 2: delta 20
      h('c3'), fill(32, 3), // fmt 3: delta 20 again
      h('c3'), fill(32, 4),
    ]);
    const messages = readAll(input);
    expect(messages.map(summary)).toEqual([
      [3, 8, 1000, 12345, 32],
      [3, 8, 1020, 12345, 32],
      [3, 8, 1040, 12345, 32],
      [3, 8, 1060, 12345, 32],
    ]);
    expect(messages.map((m) => m.payload[0])).toEqual([1, 2, 3, 4]);
  });

  it('example 2: one 307-byte message split into fmt 0 + fmt 3 + fmt 3 chunks of 128', () => {
    const payload = randomBytes(307);
    const input = Buffer.concat([
      h('04 0003e8 000133 09 3a300000'), payload.subarray(0, 128),
      h('c4'), payload.subarray(128, 256),
      h('c4'), payload.subarray(256),
    ]);
    const [message, ...rest] = readAll(input);
    expect(rest).toEqual([]);
    expect(message && summary(message)).toEqual([4, 9, 1000, 12346, 307]);
    expect(message?.payload.equals(payload)).toBe(true);
  });

  it('fmt 1 changes length and type but keeps the message stream id', () => {
    const input = Buffer.concat([
      h('06 000064 000002 09 01000000'), fill(2, 9), // fmt 0: ts 100, video, stream 1
      h('46 000021 000003 08'), fill(3, 8), // fmt 1: delta 33, 3 bytes, audio
    ]);
    expect(readAll(input).map(summary)).toEqual([
      [6, 9, 100, 1, 2],
      [6, 8, 133, 1, 3],
    ]);
  });

  it('reads the same messages whether bytes arrive whole or one at a time', () => {
    const input = Buffer.concat([h('04 0003e8 000133 09 3a300000'), fill(128, 5), h('c4'), fill(128, 6), h('c4'), fill(51, 7)]);
    const whole = readAll(input);
    const trickled = readAll(input, LIMITS, 1);
    expect(trickled.map(summary)).toEqual(whole.map(summary));
    expect(trickled[0]?.payload.equals(whole[0]?.payload ?? Buffer.alloc(0))).toBe(true);
  });
});

describe('ChunkReader: interleaving, headers, extended timestamps, chunk size', () => {
  it('reassembles two messages whose chunks interleave on different chunk streams', () => {
    const video = randomBytes(200);
    const audio = randomBytes(150);
    const input = Buffer.concat([
      h('06 000000 0000c8 09 01000000'), video.subarray(0, 128),
      h('04 000000 000096 08 01000000'), audio.subarray(0, 128),
      h('c6'), video.subarray(128),
      h('c4'), audio.subarray(128),
    ]);
    const messages = readAll(input);
    expect(messages.map((m) => m.typeId)).toEqual([9, 8]);
    expect(messages[0]?.payload.equals(video)).toBe(true);
    expect(messages[1]?.payload.equals(audio)).toBe(true);
  });

  it('reads 2-byte and 3-byte basic headers (chunk stream ids 64-319 and 320-65599)', () => {
    expect(basicHeader(0, 64)).toEqual(h('00 00'));
    expect(basicHeader(3, 319)).toEqual(h('c0 ff'));
    expect(basicHeader(0, 320)).toEqual(h('01 0001'));
    expect(basicHeader(1, 65599)).toEqual(h('41 ffff'));
    const input = Buffer.concat([
      h('00 00 000001 000001 09 01000000 aa'), // csid 64
      h('01 0001 000002 000001 08 01000000 bb'), // csid 320
      h('01 ffff 000003 000001 08 01000000 cc'), // csid 65599
    ]);
    expect(readAll(input).map((m) => [m.chunkStreamId, m.timestamp])).toEqual([[64, 1], [320, 2], [65599, 3]]);
  });

  it('reads extended timestamps on fmt 0 and repeats them on every fmt 3 chunk of the message', () => {
    const payload = randomBytes(300);
    const input = Buffer.concat([
      h('06 ffffff 00012c 09 01000000 01312d00'), payload.subarray(0, 128), // ts 20 000 000 in the extended field
      h('c6 01312d00'), payload.subarray(128, 256),
      h('c6 01312d00'), payload.subarray(256),
    ]);
    const [message] = readAll(input);
    expect(message?.timestamp).toBe(20_000_000);
    expect(message?.payload.equals(payload)).toBe(true);
  });

  it('reads an extended timestamp delta (fmt 1) and adds it again for a new fmt 3 message', () => {
    const input = Buffer.concat([
      h('06 000010 000001 09 01000000'), fill(1, 1), // ts 16
      h('46 ffffff 000001 09 01000000'), fill(1, 2), // delta 16 777 216 (extended)
      h('c6 01000000'), fill(1, 3), // new message, same delta, extended field present again
    ]);
    expect(readAll(input).map((m) => m.timestamp)).toEqual([16, 16 + 0x1000000, 16 + 2 * 0x1000000]);
  });

  it('applies Set Chunk Size mid-stream (and does not return it)', () => {
    const big = randomBytes(1000);
    const input = Buffer.concat([
      encodeChunks(setChunkSizeMessage(4096)),
      h('06 000000 0003e8 09 01000000'), big, // one 1000-byte chunk: only valid with the new size
    ]);
    const messages = readAll(input);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.payload.equals(big)).toBe(true);
  });

  it('discards a partly received message on Abort', () => {
    const input = Buffer.concat([
      h('06 000000 0000c8 09 01000000'), fill(128, 1), // first half of a 200-byte message
      h('02 000000 000004 02 00000000 00000006'), // Abort chunk stream 6
      h('06 000005 000002 09 01000000 abcd'), // a fresh message on the same chunk stream
    ]);
    const messages = readAll(input);
    expect(messages.map(summary)).toEqual([[6, 9, 5, 1, 2]]);
  });

  it('accepts zero-length messages', () => {
    expect(readAll(h('03 000007 000000 14 00000000')).map(summary)).toEqual([[3, 20, 7, 0, 0]]);
  });
});

describe('ChunkReader: refuses what would break it or bloat memory', () => {
  it.each<[string, Buffer, RegExp]>([
    ['chunk size 0', encodeChunks(setChunkSizeMessage(0)), /Set Chunk Size.*got 0/],
    ['chunk size 2^31', encodeChunks(setChunkSizeMessage(0x80000000)), /Set Chunk Size.*got 2147483648/],
    ['a message longer than maxMessageSize', h('06 000000 ffffff 09 01000000'), /message length.*16777215/],
    ['fmt 1 on a chunk stream never seen', h('46 000000 000001 09 aa'), /fmt 0 header first/],
    ['fmt 0 in the middle of a message', Buffer.concat([h('06 000000 0000c8 09 01000000'), fill(128, 0), h('06 000000 000001 09 01000000 00')]), /continuation/],
  ])('%s', (_name, input, message) => {
    expect(() => readAll(input)).toThrow(RtmpProtocolError);
    expect(() => readAll(input)).toThrow(message);
  });

  it('caps the number of chunk stream ids', () => {
    const input = Buffer.concat(Array.from({ length: 17 }, (_, i) => h(`${(i + 3).toString(16).padStart(2, '0')} 000000 000001 09 01000000 00`)));
    expect(() => readAll(input)).toThrow(/at most 16 distinct/);
  });

  it('caps the total of partly received messages across chunk streams', () => {
    const limits = { maxMessageSize: 1000, maxChunkStreams: 16 };
    const partial = (csid: number): Buffer => Buffer.concat([h(`0${csid} 000000 0002bc 09 01000000`), fill(128, 0)]); // 700 bytes declared
    expect(() => readAll(Buffer.concat([partial(4), partial(5)]), limits)).toThrow(/partly received messages/);
  });

  it('keeps only header fragments between pushes, even with a huge chunk size', () => {
    const reader = new ChunkReader(LIMITS);
    reader.push(encodeChunks(setChunkSizeMessage(0x7fffffff)));
    expect(reader.next()).toBeUndefined();
    reader.push(h('06 000000 0f4240 09 01000000')); // a 1 000 000-byte message in one chunk
    reader.push(randomBytes(500_000));
    expect(reader.next()).toBeUndefined();
    expect(reader.unreadBytes).toBe(0);
    reader.push(randomBytes(500_000));
    expect(reader.next()?.payload.length).toBe(1_000_000);
  });
});

describe('ChunkWriter', () => {
  it('writes fmt 0 then fmt 3 chunks, matching the specification example 2 layout', () => {
    const payload = fill(307, 0x11);
    const encoded = encodeChunks({ chunkStreamId: 4, typeId: 9, timestamp: 1000, messageStreamId: 12346, payload });
    expect(encoded.subarray(0, 12)).toEqual(h('04 0003e8 000133 09 3a300000'));
    expect(encoded[12 + 128]).toBe(0xc4);
    expect(encoded[12 + 128 + 1 + 128]).toBe(0xc4);
    expect(encoded.length).toBe(12 + 307 + 2);
  });

  it('round-trips random messages through the reader at random chunk sizes, extended timestamps included', () => {
    for (let round = 0; round < 50; round++) {
      const chunkSize = 1 + Math.floor(Math.random() * 5000);
      const writer = new ChunkWriter();
      const parts = [writer.encode(setChunkSizeMessage(chunkSize))];
      writer.setChunkSize(chunkSize);
      const sent: RtmpMessage[] = Array.from({ length: 5 }, (_, i) => ({
        chunkStreamId: 3 + (i % 3) * 100,
        typeId: 8 + (i % 2),
        timestamp: i % 2 === 0 ? Math.floor(Math.random() * 2 ** 32) : i,
        messageStreamId: 1,
        payload: randomBytes(Math.floor(Math.random() * 10_000)),
      }));
      for (const message of sent) parts.push(writer.encode(message));
      const input = Buffer.concat(parts);
      const received = readAll(input, LIMITS, 1 + Math.floor(Math.random() * 3000));
      expect(received.map(summary)).toEqual(sent.map(summary));
      received.forEach((message, i) => expect(message.payload.equals(sent[i]?.payload ?? Buffer.alloc(0))).toBe(true));
    }
  });
});
