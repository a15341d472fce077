/**
 * Objects over real sockets: PutObject (Content-MD5), GetObject with ranges, HeadObject, ListObjects v1/v2 paging,
 * DeleteObject, CORS for a browser player on another origin, and `x-oss-process=hls/sign` playlists.
 */
import { createHash, randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OssError } from '../../../electron/oss';
import { aliClient, ourClient, rawRequest, startTestEmulator, xmlText, type TestEmulator } from './emulator-harness';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.dispose();
});

const md5Hex = (data: Uint8Array): string => createHash('md5').update(data).digest('hex').toUpperCase();

describe('PutObject, GetObject, HeadObject, DeleteObject', () => {
  const data = randomBytes(100_000);

  it('stores a body and serves it back with OSS ETag, type by extension, Last-Modified', async () => {
    const ali = aliClient(emulator);
    const put = await ali.put('media/clip.ts', data, { mime: 'video/MP2T' });
    expect((put.res.headers as Record<string, string>).etag).toBe(`"${md5Hex(data)}"`);
    const object = await ourClient(emulator).getObject('media/clip.ts');
    expect(Buffer.from(object.body).equals(data)).toBe(true);
    expect(object).toMatchObject({ etag: `"${md5Hex(data)}"`, contentType: 'video/MP2T' });
    expect(Math.abs(object.lastModified.getTime() - Date.now())).toBeLessThan(60_000);
    const head = await ourClient(emulator).headObject('media/clip.ts');
    expect(head).toMatchObject({ contentLength: data.length, etag: `"${md5Hex(data)}"` });
  });

  it('types .m3u8 and .ts by extension when no Content-Type is sent', async () => {
    for (const [key, type] of [
      ['types/playlist.m3u8', 'application/x-mpegURL'],
      ['types/1.ts', 'video/MP2T'],
      ['types/blob', 'application/octet-stream'],
    ] as const) {
      const response = await rawRequest(emulator.port, { method: 'PUT', path: `/local/${key}`, body: 'x', headers: await signedHeaders('PUT', key) });
      expect(response.status).toBe(200);
      expect((await ourClient(emulator).headObject(key)).contentType).toBe(type);
    }
  });

  it('serves byte ranges with 206 and Content-Range, and the whole object for bad or unsatisfiable ranges', async () => {
    const client = ourClient(emulator);
    const first = await client.getObject('media/clip.ts', { range: { start: 10, end: 19 } });
    expect(first.contentRange).toBe(`bytes 10-19/${data.length}`);
    expect(Buffer.from(first.body).equals(data.subarray(10, 20))).toBe(true);
    const open = await client.getObject('media/clip.ts', { range: { start: data.length - 5 } });
    expect(Buffer.from(open.body).equals(data.subarray(-5))).toBe(true);
    for (const range of ['bytes=-7', `bytes=${data.length}-`, 'bytes=5-2', 'chars=1-2', 'bytes=1-2,4-5']) {
      const response = await rawRequest(emulator.port, { path: '/local/media/clip.ts', headers: { ...(await signedHeaders('GET', 'media/clip.ts')), range } });
      if (range === 'bytes=-7') {
        expect(response.status).toBe(206);
        expect(response.body.equals(data.subarray(-7))).toBe(true);
      } else {
        expect(response.status, range).toBe(200);
        expect(response.body.length).toBe(data.length);
      }
    }
  });

  it('checks Content-MD5: a mismatch is refused and the old object stays', async () => {
    const key = 'md5/object.txt';
    await aliClient(emulator).put(key, Buffer.from('original'));
    const headers = { ...(await signedHeaders('PUT', key, { 'content-md5': createHash('md5').update('other').digest('base64') })) };
    const response = await rawRequest(emulator.port, { method: 'PUT', path: `/local/${key}`, headers, body: 'changed' });
    expect(response.status).toBe(400);
    expect(xmlText(response.text, 'Code')).toBe('InvalidDigest');
    expect(new TextDecoder().decode((await ourClient(emulator).getObject(key)).body)).toBe('original');
  });

  it('deletes with 204, also for a missing key; then GET and HEAD are 404 NoSuchKey', async () => {
    await aliClient(emulator).put('gone.txt', Buffer.from('x'));
    const ali = aliClient(emulator);
    expect((await ali.delete('gone.txt')).res.status).toBe(204);
    expect((await ali.delete('gone.txt')).res.status).toBe(204);
    const error = await ourClient(emulator).headObject('gone.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssError);
    expect(error).toMatchObject({ status: 404, code: 'NoSuchKey' });
  });

  it('keeps odd keys apart and reachable: spaces, unicode, `..`, and a key that is also a "folder"', async () => {
    const ali = aliClient(emulator);
    const keys = ['odd/a b.txt', 'odd/直播.ts', 'odd/x', 'odd/x/y', 'odd/%41', 'odd/A', 'odd/../dots'];
    // HTTP clients resolve `..` in paths, so that key goes out percent-encoded by hand.
    for (const key of keys.slice(0, -1)) await ali.put(key, Buffer.from(`body of ${key}`));
    const dots = await rawRequest(emulator.port, { method: 'PUT', path: '/local/odd/%2E%2E/dots', headers: await signedHeaders('PUT', 'odd/../dots'), body: 'body of odd/../dots' });
    expect(dots.status).toBe(200);
    for (const key of keys) expect(new TextDecoder().decode((await ourClient(emulator).getObject(key)).body)).toBe(`body of ${key}`);
  });
});

describe('ListObjects', () => {
  const keys = Array.from({ length: 30 }, (_, i) => `list/${i % 3}/${String(i).padStart(3, '0')}.ts`);
  beforeAll(async () => {
    const ali = aliClient(emulator);
    await Promise.all([...keys, 'list/top.m3u8'].map((key) => ali.put(key, Buffer.from(key))));
  });

  it('v2 pages with continuation tokens (our client) and rolls up at the delimiter', async () => {
    const client = ourClient(emulator);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.listObjects({ prefix: 'list/', maxKeys: 7, ...(token ? { continuationToken: token } : {}) });
      seen.push(...page.objects.map((o) => o.key));
      token = page.nextContinuationToken;
      expect(page.isTruncated).toBe(token !== undefined);
    } while (token);
    expect(seen).toEqual([...keys, 'list/top.m3u8'].sort());
    const folders = await client.listObjects({ prefix: 'list/', delimiter: '/' });
    expect(folders.commonPrefixes).toEqual(['list/0/', 'list/1/', 'list/2/']);
    expect(folders.objects.map((o) => o.key)).toEqual(['list/top.m3u8']);
  });

  it('v2 pages common prefixes one by one without repeating them (ali-oss listV2, start-after)', async () => {
    const ali = aliClient(emulator, { authorizationV4: true });
    const first = await ali.listV2({ prefix: 'list/', delimiter: '/', 'max-keys': '2' }, {});
    expect(first.prefixes).toEqual(['list/0/', 'list/1/']);
    expect(first.isTruncated).toBe(true);
    const second = await ali.listV2({ prefix: 'list/', delimiter: '/', 'max-keys': '2', 'continuation-token': String(first.nextContinuationToken) }, {});
    expect(second.prefixes).toEqual(['list/2/']);
    expect(second.objects.map((o) => o.name)).toEqual(['list/top.m3u8']);
    const after = await ali.listV2({ prefix: 'list/1/', 'start-after': 'list/1/013.ts' }, {});
    expect(after.objects.map((o) => o.name)).toEqual(keys.filter((k) => k.startsWith('list/1/') && k > 'list/1/013.ts'));
  });

  it('v1 pages with marker and NextMarker (ali-oss list)', async () => {
    const ali = aliClient(emulator);
    const seen: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await ali.list({ prefix: 'list/0/', 'max-keys': 4, ...(marker ? { marker } : {}) }, {});
      seen.push(...page.objects.map((o) => o.name));
      if (!page.isTruncated) break;
      marker = page.nextMarker ?? undefined;
    }
    expect(seen).toEqual(keys.filter((k) => k.startsWith('list/0/')));
  });
});

describe('CORS for a browser player', () => {
  it('answers a preflight from another origin and exposes the headers players read', async () => {
    const response = await rawRequest(emulator.port, {
      method: 'OPTIONS',
      path: '/local/list/top.m3u8',
      headers: { origin: 'http://player.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' },
    });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-headers': 'range' });
    expect(response.headers['access-control-allow-methods']).toContain('GET');
    expect(response.headers['access-control-expose-headers']).toContain('Content-Range');
    const bad = await rawRequest(emulator.port, { method: 'OPTIONS', path: '/local/list/top.m3u8', headers: { origin: 'http://player.example' } });
    expect(bad.status).toBe(403);
    expect(xmlText(bad.text, 'Code')).toBe('AccessForbidden');
  });

  it('adds the CORS headers to real responses, errors included', async () => {
    const url = await ourClient(emulator).presignUrl('list/top.m3u8');
    const ok = await fetch(url, { headers: { origin: 'null' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(ok.headers.get('access-control-expose-headers')).toContain('x-oss-request-id');
    const denied = await fetch(`${emulator.endpoint}/local/list/top.m3u8`, { headers: { origin: 'http://player.example' } });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('x-oss-process=hls/sign', () => {
  const playlist = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000,\n1700000000000.ts\n#EXTINF:2.000,\nsub/1700000002000.ts\n#EXTINF:2.000,\nhttp://elsewhere.example/x.ts\n#EXT-X-ENDLIST\n';
  beforeAll(async () => {
    const ali = aliClient(emulator);
    await ali.put('signed/playlist.m3u8', Buffer.from(playlist));
    await ali.put('signed/1700000000000.ts', Buffer.from('segment one'));
    await ali.put('signed/sub/1700000002000.ts', Buffer.from('segment two'));
  });

  for (const [name, signatureVersion, sts] of [
    ['V1', 'v1', false],
    ['V4', 'v4', false],
    ['V1 with STS', 'v1', true],
  ] as const) {
    it(`signs every relative ts URI like the playlist request (${name}), and each signed URL fetches 200`, async () => {
      const client = ourClient(emulator, { signatureVersion, ...(sts ? { credentials: emulator.issueStsCredentials() } : {}) });
      const url = await client.presignUrl('signed/playlist.m3u8', { process: 'hls/sign', expiresInSeconds: 600 });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const text = await response.text();
      const uris = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      expect(uris).toHaveLength(3);
      expect(uris[2]).toBe('http://elsewhere.example/x.ts');
      const expiry = signatureVersion === 'v1' ? new URL(url).searchParams.get('Expires') : new URL(url).searchParams.get('x-oss-date');
      const bodies: string[] = [];
      for (const uri of uris.slice(0, 2)) {
        const segmentUrl = new URL(uri, url);
        expect(segmentUrl.searchParams.get(signatureVersion === 'v1' ? 'Expires' : 'x-oss-date')).toBe(expiry);
        if (sts) expect(segmentUrl.searchParams.get('security-token')).toBeTruthy();
        const segment = await fetch(segmentUrl);
        expect(segment.status, uri).toBe(200);
        bodies.push(await segment.text());
      }
      expect(bodies).toEqual(['segment one', 'segment two']);
    });
  }

  it('serves the playlist unchanged without hls/sign, and a signed ts URL stops working for another key', async () => {
    const client = ourClient(emulator, { signatureVersion: 'v1' });
    expect(await (await fetch(await client.presignUrl('signed/playlist.m3u8'))).text()).toBe(playlist);
    const text = await (await fetch(await client.presignUrl('signed/playlist.m3u8', { process: 'hls/sign' }))).text();
    const uri = text.split('\n').find((line) => line.startsWith('1700000000000.ts?')) ?? '';
    const forged = await fetch(`${emulator.endpoint}/local/signed/sub/1700000002000.ts?${uri.split('?')[1] ?? ''}`);
    expect(forged.status).toBe(403);
  });
});

/** Headers of a V1-signed request for `key` in the default bucket. */
async function signedHeaders(method: string, key: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const { authorizationV1 } = await import('../../../electron/oss/sign-v1');
  const headers = { date: new Date().toUTCString(), ...extra };
  return { ...headers, authorization: authorizationV1({ method, bucket: 'local', key, query: {}, headers }, emulator).authorization };
}
