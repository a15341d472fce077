/** Request shapes: method, path, query, headers, body and signature of every operation, on a real local socket. */
import { createHash, createHmac } from 'node:crypto';
import type { LookupFunction } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Credentials, OssLiveClientOptions } from '../../../electron/oss';
import { OssLiveClient } from '../../../electron/oss';
import type { RecordedRequest, RecordingServer } from '../../support/recording-server';
import { startRecordingServer } from '../../support/recording-server';
import { fixture } from './fixtures';
import { expectedAuthorization } from './server-side-auth';

const credentials: Credentials = { accessKeyId: '44CF9590006BF252F707', accessKeySecret: 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV' };
const bucket = 'examplebucket';
const now = new Date('2023-12-03T12:12:12.000Z');
const xml = (body: string): { status: number; headers: Record<string, string>; body: string } => ({
  status: 200,
  headers: { 'content-type': 'application/xml', 'x-oss-request-id': '57BD8419B92475920B0002F1' },
  body,
});

let server: RecordingServer;
/** Host names the client asked DNS for (the lookup hook answers 127.0.0.1 for all of them). */
const looked: string[] = [];
const toLoopback: LookupFunction = (hostname, options, callback) => {
  looked.push(hostname);
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  looked.length = 0;
});

/** A V4 client on a real OSS domain name, routed to the recording server. */
function domainClient(options: Partial<OssLiveClientOptions> = {}): OssLiveClient {
  return new OssLiveClient({
    endpoint: `http://oss-cn-hangzhou.aliyuncs.com:${server.port}`,
    bucket,
    credentials,
    now: () => now,
    lookup: toLoopback,
    retries: 0,
    ...options,
  });
}

/** A path-style client on 127.0.0.1. */
function localClient(options: Partial<OssLiveClientOptions> = {}): OssLiveClient {
  return new OssLiveClient({ endpoint: server.url, bucket, region: 'cn-hangzhou', credentials, now: () => now, retries: 0, ...options });
}

function only(requests: RecordedRequest[]): RecordedRequest {
  expect(requests).toHaveLength(1);
  const [request] = requests;
  if (!request) throw new Error('no request recorded');
  return request;
}

describe('virtual-hosted requests (domain endpoint, V4)', () => {
  const verify = (request: RecordedRequest): void => {
    expect(request.headers.authorization).toBe(expectedAuthorization(request, { pathStyle: false, credentials, version: 'v4', region: 'cn-hangzhou' }));
    expect(request.headers.authorization).toMatch(/^OSS4-HMAC-SHA256 Credential=44CF9590006BF252F707\/20231203\/cn-hangzhou\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/);
    expect(request.headers['x-oss-date']).toBe('20231203T121212Z');
    expect(request.headers['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD');
  };

  it('PutLiveChannel: PUT /<channel>?live with the XML body, MD5 and type', async () => {
    server.enqueue(xml(fixture('create-live-channel-result.xml')));
    const urls = await domainClient().putLiveChannel('test-channel', { description: 'a & b', fragDuration: 2, fragCount: 3, playlistName: 'live.m3u8' });
    const request = only(server.requests);
    expect(looked).toEqual(['examplebucket.oss-cn-hangzhou.aliyuncs.com']);
    expect(request.headers.host).toBe(`examplebucket.oss-cn-hangzhou.aliyuncs.com:${server.port}`);
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('/test-channel?live');
    const body =
      '<LiveChannelConfiguration><Description>a &amp; b</Description><Target><Type>HLS</Type><FragDuration>2</FragDuration>' +
      '<FragCount>3</FragCount><PlaylistName>live.m3u8</PlaylistName></Target></LiveChannelConfiguration>';
    expect(request.body.toString('utf8')).toBe(body);
    expect(request.headers['content-type']).toBe('application/xml');
    expect(request.headers['content-md5']).toBe(createHash('md5').update(body).digest('base64'));
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    verify(request);
    expect(urls.publishUrls).toEqual(['rtmp://test-bucket.oss-cn-hangzhou.aliyuncs.com/live/test-channel']);
  });

  it('ListLiveChannel: GET /?live, with prefix, marker and max-keys only when given', async () => {
    server.enqueue(xml(fixture('list-live-channel-empty.xml')), xml(fixture('list-live-channel-truncated.xml')));
    const client = domainClient();
    await client.listLiveChannels();
    const page = await client.listLiveChannels({ prefix: 'channel-list-', marker: 'channel-list-4', maxKeys: 3 });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /?live',
      'GET /?live&prefix=channel-list-&marker=channel-list-4&max-keys=3',
    ]);
    server.requests.forEach(verify);
    expect(page.nextMarker).toBe('channel-list-7');
  });

  it('listAllLiveChannels follows NextMarker across pages', async () => {
    server.enqueue(xml(fixture('list-live-channel-truncated.xml')), xml(fixture('list-live-channel-empty-next-marker.xml')));
    const names: string[] = [];
    for await (const channel of domainClient().listAllLiveChannels({ prefix: 'c', maxKeys: 3 })) names.push(channel.name);
    expect(names).toEqual(['channel-list-5', 'channel-list-6', 'channel-list-7', '0002']);
    expect(server.requests.map((r) => r.url)).toEqual(['/?live&prefix=c&max-keys=3', '/?live&prefix=c&marker=channel-list-7&max-keys=3']);
  });

  it('listAllLiveChannels starts after a given marker', async () => {
    server.enqueue(xml(fixture('list-live-channel-truncated.xml')), xml(fixture('list-live-channel-empty.xml')));
    const names: string[] = [];
    for await (const channel of domainClient().listAllLiveChannels({ marker: 'channel-list-4' })) names.push(channel.name);
    expect(names).toEqual(['channel-list-5', 'channel-list-6', 'channel-list-7']);
    expect(server.requests.map((r) => r.url)).toEqual(['/?live&marker=channel-list-4', '/?live&marker=channel-list-7']);
  });

  it('DeleteLiveChannel: DELETE /<channel>?live answered 204', async () => {
    server.enqueue({ status: 204 });
    await domainClient().deleteLiveChannel('test-channel');
    const request = only(server.requests);
    expect(`${request.method} ${request.url}`).toBe('DELETE /test-channel?live');
    verify(request);
  });

  it('PutLiveChannelStatus: PUT /<channel>?live&status=disabled with an empty body', async () => {
    server.enqueue({ status: 200 });
    await domainClient().putLiveChannelStatus('test-channel', 'disabled');
    const request = only(server.requests);
    expect(`${request.method} ${request.url}`).toBe('PUT /test-channel?live&status=disabled');
    expect(request.headers['content-length']).toBe('0');
    expect(request.headers['transfer-encoding']).toBeUndefined();
    expect(request.body).toHaveLength(0);
    verify(request);
  });

  it('GetLiveChannelInfo, Stat and History: GET with live, comp=stat, comp=history', async () => {
    server.enqueue(xml(fixture('live-channel-info-docs.xml')), xml(fixture('live-channel-stat-live.xml')), xml(fixture('live-channel-history-docs.xml')));
    const client = domainClient();
    const info = await client.getLiveChannelInfo('test-channel');
    const stat = await client.getLiveChannelStat('test-channel');
    const history = await client.getLiveChannelHistory('test-channel');
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /test-channel?live',
      'GET /test-channel?live&comp=stat',
      'GET /test-channel?live&comp=history',
    ]);
    server.requests.forEach(verify);
    expect(info.target.fragDuration).toBe(2);
    expect(stat.status).toBe('Live');
    expect(history).toHaveLength(4);
  });

  it('PostVodPlaylist: POST /<channel>/<playlist>?vod&endTime&startTime, returns the ETag', async () => {
    server.enqueue({ status: 200, headers: { etag: '"9F7E6A2D"' } });
    const result = await domainClient().postVodPlaylist('test-channel', 'vod.m3u8', { startTime: 1472020031, endTime: 1472020226 });
    const request = only(server.requests);
    expect(`${request.method} ${request.url}`).toBe('POST /test-channel/vod.m3u8?vod&endTime=1472020226&startTime=1472020031');
    expect(request.headers['content-length']).toBe('0');
    expect(request.headers['content-type']).toBeUndefined();
    verify(request);
    expect(result).toEqual({ etag: '"9F7E6A2D"' });
  });

  it('GetVodPlaylist: GET /<channel>?vod&endTime&startTime, returns the m3u8 text', async () => {
    const m3u8 = fixture('vod-playlist.m3u8');
    server.enqueue({ status: 200, headers: { 'content-type': 'application/x-mpegURL' }, body: m3u8 });
    const text = await domainClient().getVodPlaylist('test-channel', { startTime: 1543895706, endTime: 1543895806 });
    const request = only(server.requests);
    expect(`${request.method} ${request.url}`).toBe('GET /test-channel?vod&endTime=1543895806&startTime=1543895706');
    verify(request);
    expect(text).toBe(m3u8);
  });

  it('GetObject with a range: Range header, 206 with Content-Range, raw bytes', async () => {
    const bytes = Uint8Array.from([0x47, 0x40, 0x00, 0x10, 0xff]);
    server.enqueue({
      status: 206,
      headers: { 'content-type': 'video/MP2T', etag: '"AB"', 'last-modified': 'Tue, 14 Nov 2023 22:13:25 GMT', 'content-range': 'bytes 0-4/188' },
      body: bytes,
    });
    const object = await domainClient().getObject('test-channel/1700000000000.ts', { range: { start: 0, end: 4 } });
    const request = only(server.requests);
    expect(`${request.method} ${request.url}`).toBe('GET /test-channel/1700000000000.ts');
    expect(request.headers.range).toBe('bytes=0-4');
    verify(request);
    expect(object).toEqual({ body: Buffer.from(bytes), contentType: 'video/MP2T', etag: '"AB"', lastModified: new Date('2023-11-14T22:13:25Z'), contentRange: 'bytes 0-4/188' });
  });

  it('GetObject with an open range asks for bytes=<start>-', async () => {
    server.enqueue({ status: 206, headers: { 'last-modified': 'Tue, 14 Nov 2023 22:13:25 GMT' }, body: 'x' });
    await domainClient().getObject('k', { range: { start: 100 } });
    expect(only(server.requests).headers.range).toBe('bytes=100-');
  });

  it('HeadObject: HEAD /<key>, metadata from headers', async () => {
    server.enqueue({ status: 200, headers: { 'content-length': '344606', 'content-type': 'application/x-mpegURL', etag: '"E1"', 'last-modified': 'Tue, 14 Nov 2023 22:13:25 GMT' } });
    const head = await domainClient().headObject('test-channel/playlist.m3u8');
    const request = only(server.requests);
    expect(`${request.method} ${request.url}`).toBe('HEAD /test-channel/playlist.m3u8');
    verify(request);
    expect(head).toEqual({ contentLength: 344606, contentType: 'application/x-mpegURL', etag: '"E1"', lastModified: new Date('2023-11-14T22:13:25Z') });
  });

  it('ListObjects v2: GET /?list-type=2 with prefix, delimiter, continuation-token, max-keys', async () => {
    server.enqueue(xml(fixture('list-objects.xml')));
    const page = await domainClient().listObjects({ prefix: 'test-channel/', delimiter: '/', continuationToken: 'tok+/=', maxKeys: 3 });
    const request = only(server.requests);
    expect(request.url).toBe('/?list-type=2&prefix=test-channel%2F&delimiter=%2F&continuation-token=tok%2B%2F%3D&max-keys=3');
    verify(request);
    expect(page.objects).toHaveLength(2);
    expect(page.nextContinuationToken).toBe('CgJ0ZXN0LWNoYW5uZWwvMTcwMDAwMDAwNTAwMC50cw--');
  });

  it('percent-encodes channel names with spaces and unicode, and the signature still verifies', async () => {
    server.enqueue(xml(fixture('live-channel-stat-idle.xml')), xml(fixture('live-channel-stat-idle.xml')));
    const client = domainClient();
    await client.getLiveChannelStat('live channel 2');
    await client.getLiveChannelStat("直播 (1)!'*");
    expect(server.requests.map((r) => r.path)).toEqual(['/live%20channel%202', '/%E7%9B%B4%E6%92%AD%20%281%29%21%27%2A']);
    server.requests.forEach(verify);
  });

  it('sends the STS token as x-oss-security-token, inside the signature', async () => {
    const sts = { ...credentials, securityToken: 'sts-token/+=' };
    server.enqueue(xml(fixture('live-channel-stat-idle.xml')));
    await domainClient({ credentials: sts }).getLiveChannelStat('test-channel');
    const request = only(server.requests);
    expect(request.headers['x-oss-security-token']).toBe('sts-token/+=');
    expect(request.headers.authorization).toBe(expectedAuthorization(request, { pathStyle: false, credentials: sts, version: 'v4', region: 'cn-hangzhou' }));
  });

  it('asks a credentials provider before every request (STS refresh)', async () => {
    const issued = [{ ...credentials, accessKeyId: 'STS.first', securityToken: 't1' }, { ...credentials, accessKeyId: 'STS.second', securityToken: 't2' }];
    let calls = 0;
    const provider = async (): Promise<Credentials> => issued[Math.min(calls++, 1)] ?? credentials;
    server.enqueue(xml(fixture('live-channel-stat-idle.xml')), xml(fixture('live-channel-stat-idle.xml')));
    const client = domainClient({ credentials: provider });
    await client.getLiveChannelStat('test-channel');
    await client.getLiveChannelStat('test-channel');
    expect(server.requests.map((r) => r.headers['x-oss-security-token'])).toEqual(['t1', 't2']);
    server.requests.forEach((request, i) => {
      const used = issued[i] ?? credentials;
      expect(request.headers.authorization).toBe(expectedAuthorization(request, { pathStyle: false, credentials: used, version: 'v4', region: 'cn-hangzhou' }));
    });
  });
});

describe('path-style requests (IP endpoint)', () => {
  it('puts the bucket in the path and signs V1 over /bucket/key with sub-resources only', async () => {
    server.enqueue(xml(fixture('list-live-channel-empty.xml')), { status: 200 }, { status: 204 });
    const client = localClient({ signatureVersion: 'v1' });
    await client.listLiveChannels({ prefix: 'p', maxKeys: 10 });
    await client.putLiveChannelStatus('live channel 2', 'enabled');
    await client.deleteLiveChannel('直播');
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /examplebucket/?live&prefix=p&max-keys=10',
      'PUT /examplebucket/live%20channel%202?live&status=enabled',
      'DELETE /examplebucket/%E7%9B%B4%E6%92%AD?live',
    ]);
    for (const request of server.requests) {
      expect(request.headers.host).toBe(`127.0.0.1:${server.port}`);
      expect(request.headers['x-oss-date']).toBe('Sun, 03 Dec 2023 12:12:12 GMT');
      expect(request.headers.date).toBe('Sun, 03 Dec 2023 12:12:12 GMT');
      expect(request.headers.authorization).toMatch(/^OSS 44CF9590006BF252F707:[A-Za-z0-9+/]{27}=$/);
      expect(request.headers.authorization).toBe(expectedAuthorization(request, { pathStyle: true, credentials, version: 'v1' }));
    }
  });

  it('V1 vector: prefix, marker and max-keys travel in the URL but are not signed (spec §4, written out)', async () => {
    server.enqueue(xml(fixture('list-live-channel-empty.xml')));
    await localClient({ signatureVersion: 'v1' }).listLiveChannels({ prefix: 'ch', marker: 'ch-4', maxKeys: 3 });
    const request = only(server.requests);
    expect(request.url).toBe('/examplebucket/?live&prefix=ch&marker=ch-4&max-keys=3');
    // VERB \n Content-MD5 \n Content-Type \n Date \n x-oss-* headers \n /bucket/key?sub-resources: only `live` counts.
    const date = 'Sun, 03 Dec 2023 12:12:12 GMT';
    const stringToSign = `GET\n\n\n${date}\nx-oss-date:${date}\n/examplebucket/?live`;
    const signature = createHmac('sha1', credentials.accessKeySecret).update(stringToSign).digest('base64');
    expect(request.headers.authorization).toBe(`OSS 44CF9590006BF252F707:${signature}`);
  });

  it('signs V4 path-style requests over the same canonical URI', async () => {
    server.enqueue(xml(fixture('live-channel-history-empty.xml')));
    expect(await localClient().getLiveChannelHistory('test-channel')).toEqual([]);
    const request = only(server.requests);
    expect(request.url).toBe('/examplebucket/test-channel?live&comp=history');
    expect(request.headers.authorization).toBe(expectedAuthorization(request, { pathStyle: true, credentials, version: 'v4', region: 'cn-hangzhou' }));
  });

  it('sends no Authorization when anonymous', async () => {
    server.enqueue(xml(fixture('live-channel-stat-idle.xml')));
    await new OssLiveClient({ endpoint: server.url, bucket, retries: 0 }).getLiveChannelStat('test-channel');
    const request = only(server.requests);
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers['x-oss-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });
});
