/**
 * Bad input never takes the emulator down: malformed XML, oversized bodies, bad numbers, unknown sub-resources,
 * invalid percent-encoding, garbage on a raw TCP socket and a failing handler each get their own 4xx/5xx with OSS
 * error XML, while a concurrent client keeps getting 200s.
 */
import { rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { authorizationV1 } from '../../../electron/oss/sign-v1';
import { ourClient, rawRequest, startTestEmulator, xmlText, type RawResponse, type TestEmulator } from './emulator-harness';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ maxObjectBytes: 1024 * 1024 });
  await ourClient(emulator).putLiveChannel('steady', {});
});
afterAll(async () => {
  await emulator.dispose();
});

/** A V1-signed raw request to the default bucket (signatures are valid; only the content is bad). */
function signed(method: string, key: string, query: Record<string, string>, rawPath: string, body?: string | Buffer, extra: Record<string, string> = {}): Promise<RawResponse> {
  const headers = { date: new Date().toUTCString(), ...extra };
  const { authorization } = authorizationV1({ method, bucket: 'local', key, query, headers }, emulator);
  return rawRequest(emulator.port, { method, path: rawPath, headers: { ...headers, authorization }, ...(body !== undefined ? { body } : {}) });
}

/** Raw bytes over TCP; resolves with everything the server sent before closing (or after 2 s). */
function rawTcp(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 2_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('error', reject);
    socket.end(bytes);
  });
}

function expectOssError(response: RawResponse, status: number, code: string): void {
  expect(response.status, response.text).toBe(status);
  expect(xmlText(response.text, 'Code')).toBe(code);
  expect(xmlText(response.text, 'RequestId')).toMatch(/^[0-9A-F]{24}$/);
  expect(xmlText(response.text, 'EC')).toMatch(/^\d{4}-\d{8}$/);
  expect(response.headers['content-length']).toBe(String(response.body.length));
}

describe('bad requests get OSS error XML', () => {
  it.each([
    ['not XML at all', 'this is not xml'],
    ['unclosed elements', '<LiveChannelConfiguration><Target><Type>HLS</Type>'],
    ['another root', '<CreateBucketConfiguration/>'],
    ['a DOCTYPE with entities', '<!DOCTYPE x [<!ENTITY a "aaaa">]><LiveChannelConfiguration><Description>&a;</Description></LiveChannelConfiguration>'],
  ])('malformed XML (%s) is 400 MalformedXML', async (_name, body) => {
    expectOssError(await signed('PUT', 'bad-xml', { live: '' }, '/local/bad-xml?live', body, { 'content-type': 'application/xml' }), 400, 'MalformedXML');
  });

  it('an XML body over 64 KiB is 400 EntityTooLarge; an object over the configured cap too', async () => {
    const big = `<LiveChannelConfiguration><Description>${'x'.repeat(70 * 1024)}</Description></LiveChannelConfiguration>`;
    expectOssError(await signed('PUT', 'big', { live: '' }, '/local/big?live', big, { 'content-type': 'application/xml' }), 400, 'EntityTooLarge');
    expectOssError(await signed('PUT', 'big-object', {}, '/local/big-object', Buffer.alloc(1024 * 1024 + 1)), 400, 'EntityTooLarge');
    expect((await signed('GET', 'big-object', {}, '/local/big-object')).status).toBe(404);
  });

  it.each([
    ['max-keys', '/local/?live&max-keys=1e3', { live: '' }, ''],
    ['max-keys for objects', '/local/?max-keys=-5', {}, ''],
    ['VOD startTime', '/local/steady?vod&startTime=abc&endTime=10', { vod: '', startTime: 'abc', endTime: '10' }, 'steady'],
    ['VOD span over a day', '/local/steady?vod&startTime=0&endTime=86401', { vod: '', startTime: '0', endTime: '86401' }, 'steady'],
    ['VOD end before start', '/local/steady?vod&startTime=10&endTime=5', { vod: '', startTime: '10', endTime: '5' }, 'steady'],
    ['status value', '/local/steady?live&status=on', { live: '', status: 'on' }, 'steady'],
  ])('bad numbers and values (%s) are 400 InvalidArgument', async (_name, rawPath, query, key) => {
    const method = rawPath.includes('status=') ? 'PUT' : 'GET';
    expectOssError(await signed(method, key, query, rawPath), 400, 'InvalidArgument');
  });

  it('an unknown sub-resource is 400, an unknown comp too, and a channel name with / is refused', async () => {
    expectOssError(await signed('GET', '', { acl: '' }, '/local/?acl'), 400, 'InvalidArgument');
    expectOssError(await signed('GET', 'steady', { live: '', comp: 'bogus' }, '/local/steady?live&comp=bogus'), 400, 'InvalidArgument');
    expectOssError(await signed('GET', 'a/b', { live: '' }, '/local/a/b?live'), 400, 'InvalidArgument');
    expectOssError(await signed('POST', 'steady', {}, '/local/steady', ''), 405, 'MethodNotAllowed');
  });

  it('invalid percent-encoding is 400 InvalidURI', async () => {
    expectOssError(await rawRequest(emulator.port, { path: '/local/%E0%A4%A' }), 400, 'InvalidURI');
    expectOssError(await rawRequest(emulator.port, { path: '/local/x?prefix=%ZZ' }), 400, 'InvalidURI');
  });

  it('a garbage request line and garbage headers over raw TCP get 400 with error XML', async () => {
    for (const bytes of ['NOT HTTP AT ALL\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n', 'GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n', Buffer.from([0, 1, 2, 3, 255, 13, 10, 13, 10])]) {
      const answer = await rawTcp(bytes);
      expect(answer.startsWith('HTTP/1.1 400 Bad Request\r\n'), JSON.stringify(answer.slice(0, 40))).toBe(true);
      expect(answer).toContain('<Code>InvalidRequest</Code>');
      expect(answer).toMatch(/x-oss-request-id: [0-9A-F]{24}\r\n/);
    }
  });

  it('keeps serving a concurrent client throughout', async () => {
    const client = ourClient(emulator);
    let stop = false;
    let okCount = 0;
    const steady = (async () => {
      while (!stop) {
        expect((await client.getLiveChannelStat('steady')).status).toBe('Idle');
        okCount += 1;
      }
    })();
    for (let i = 0; i < 5; i++) {
      await rawTcp('\x16\x03\x01 garbage\r\n\r\n');
      await signed('PUT', 'bad-xml', { live: '' }, '/local/bad-xml?live', '<broken', { 'content-type': 'application/xml' });
      await rawRequest(emulator.port, { path: '/local/%zz' });
    }
    stop = true;
    await steady;
    expect(okCount).toBeGreaterThan(0);
  });
});

describe('a handler that fails unexpectedly', () => {
  it('becomes a 500 InternalError for that request only', async () => {
    const emu = await startTestEmulator();
    try {
      // Break the bucket's storage behind the server's back: object writes now fail with ENOTDIR.
      for (const area of ['objects', 'overflow']) {
        const dir = path.join(emu.data, 'buckets', 'local', area);
        await rm(dir, { recursive: true });
        await writeFile(dir, 'not a directory');
      }
      const headers = { date: new Date().toUTCString() };
      const { authorization } = authorizationV1({ method: 'PUT', bucket: 'local', key: 'k', query: {}, headers }, emu);
      const failed = await rawRequest(emu.port, { method: 'PUT', path: '/local/k', headers: { ...headers, authorization }, body: 'x' });
      expectOssError(failed, 500, 'InternalError');
      expect(await ourClient(emu).listLiveChannels()).toMatchObject({ channels: [] });
    } finally {
      await emu.dispose();
    }
  });
});
