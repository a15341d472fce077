import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HANDSHAKE_SIZE, serverHandshakeReply, ServerHandshake } from '../../../../emulator/rtmp/handshake';
import { RtmpProtocolError } from '../../../../emulator/rtmp/protocol-error';

const c0c1 = (): Buffer => Buffer.concat([Buffer.of(3), randomBytes(HANDSHAKE_SIZE)]);

describe('serverHandshakeReply', () => {
  it('answers S0 = 3, S1 = time 0 + zero 0 + random, S2 = C1 echoed', () => {
    const client = c0c1();
    const random = Buffer.alloc(HANDSHAKE_SIZE - 8, 0xab);
    const reply = serverHandshakeReply(client, () => random);
    expect(reply.length).toBe(1 + 2 * HANDSHAKE_SIZE);
    expect(reply[0]).toBe(3);
    expect(reply.subarray(1, 9)).toEqual(Buffer.alloc(8));
    expect(reply.subarray(9, 1 + HANDSHAKE_SIZE)).toEqual(random);
    expect(reply.subarray(1 + HANDSHAKE_SIZE)).toEqual(client.subarray(1));
  });

  it.each([
    ['RTMPE (version 6)', Buffer.concat([Buffer.of(6), Buffer.alloc(HANDSHAKE_SIZE)]), /version.*got 6/],
    ['a short C1', Buffer.alloc(100, 3), /1537 bytes/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => serverHandshakeReply(input)).toThrow(RtmpProtocolError);
    expect(() => serverHandshakeReply(input)).toThrow(message);
  });
});

describe('ServerHandshake', () => {
  it('replies once C0+C1 is complete, finishes after C2, and returns the bytes that follow C2', () => {
    const handshake = new ServerHandshake();
    const client = c0c1();
    const c2 = randomBytes(HANDSHAKE_SIZE); // content is not checked: FP9 clients send digests here
    const after = Buffer.from('chunk stream starts');
    const input = Buffer.concat([client, c2, after]);

    expect(handshake.receive(input.subarray(0, 1000))).toEqual({});
    const step = handshake.receive(input.subarray(1000, 2000));
    expect(step.reply?.subarray(1 + HANDSHAKE_SIZE)).toEqual(client.subarray(1));
    expect(step.rest).toBeUndefined();
    expect(handshake.done).toBe(false);
    const last = handshake.receive(input.subarray(2000));
    expect(last.reply).toBeUndefined();
    expect(last.rest).toEqual(after);
    expect(handshake.done).toBe(true);
  });

  it('fails on the first byte when it is not version 3 (e.g. an HTTP request)', () => {
    expect(() => new ServerHandshake().receive(Buffer.from('GET / HTTP/1.1\r\n'))).toThrow(/version.*got 71/);
  });
});
