/**
 * The same inputs signed by the official `ali-oss` package and by our pure signers must agree wherever ali-oss
 * implements the same thing: two independent readings of the protocol.
 */
import { createRequire } from 'node:module';

import OSS from 'ali-oss';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { OssLiveClient } from '../../../electron/oss';
import { authorizationV1 } from '../../../electron/oss/sign-v1';
import { authorizationV4 } from '../../../electron/oss/sign-v4';
import type { RecordedRequest, RecordingServer } from '../../support/recording-server';
import { startRecordingServer } from '../../support/recording-server';
import { parseRawQuery } from './server-side-auth';

/** The parts of ali-oss's `lib/common/signUtils.js` used here (it ships no types). */
interface AliSignUtils {
  buildCanonicalString(method: string, resourcePath: string, request: { headers: object; parameters?: object }): string;
  authorization(accessKeyId: string, accessKeySecret: string, canonicalString: string): string;
  authorizationV4(
    accessKeyId: string,
    accessKeySecret: string,
    region: string,
    method: string,
    request: { headers: object; queries?: object },
    bucketName?: string,
    objectName?: string,
  ): string;
}
const signUtils = createRequire(import.meta.url)('ali-oss/lib/common/signUtils.js') as AliSignUtils;

const credentials = { accessKeyId: '44CF9590006BF252F707', accessKeySecret: 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV' };
const sts = { accessKeyId: 'STS.tmpid', accessKeySecret: credentials.accessKeySecret, securityToken: 'tok/en+1 =' };
const bucket = 'examplebucket';
const now = new Date(1_700_000_000_000);

const aliClient = (extra: Partial<OSS.Options> = {}): OSS =>
  new OSS({ region: 'oss-cn-hangzhou', bucket, secure: true, accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret, ...extra });
const ourClient = (options: Partial<ConstructorParameters<typeof OssLiveClient>[0]> = {}): OssLiveClient =>
  new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket, credentials, now: () => now, ...options });

/** ali-oss reads the clock through Date.now(); freeze only Date so sockets and timers behave. */
beforeEach(() => {
  vi.useFakeTimers({ now, toFake: ['Date'] });
  // ali-oss warns on every STS client without a refresh hook; irrelevant to signing.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('RTMP URLs: ali-oss getRtmpUrl', () => {
  const channels = ['test-channel', 'live channel 2', '直播-1', "it's (a) channel!*"];
  for (const channel of channels) {
    for (const playlistName of [undefined, 'playlist.m3u8', 'my list.m3u8']) {
      it(`agrees for ${JSON.stringify(channel)} with playlist ${String(playlistName)}`, () => {
        const theirs = aliClient().getRtmpUrl(channel, { expires: 3600, ...(playlistName ? { params: { playlistName } } : {}) });
        const ours = ourClient().signRtmpUrl(channel, { expiresInSeconds: 3600, ...(playlistName ? { playlistName } : {}) });
        // Same parameters, same signature; URL escaping may differ only in characters Node's querystring leaves bare.
        expect(decodeURIComponent(ours.url)).toBe(decodeURIComponent(theirs));
        expect(new URL(ours.url).searchParams.get('Signature')).toBe(new URL(theirs).searchParams.get('Signature'));
      });
    }
  }

  it('differs only where ali-oss drops the STS token', () => {
    const theirs = new URL(aliClient({ accessKeyId: sts.accessKeyId, stsToken: sts.securityToken }).getRtmpUrl('test-channel', { expires: 3600 }));
    const ours = new URL(ourClient({ credentials: sts }).signRtmpUrl('test-channel', { expiresInSeconds: 3600 }).url);
    expect(theirs.searchParams.has('security-token')).toBe(false);
    expect(ours.searchParams.get('security-token')).toBe(sts.securityToken);
    expect(ours.searchParams.get('Signature')).not.toBe(theirs.searchParams.get('Signature'));
  });
});

describe('V1 presigned URLs: ali-oss signatureUrl', () => {
  const keys = ['test-channel/playlist.m3u8', 'live channel 2/playlist.m3u8', '直播/clip (1).m3u8'];
  for (const key of keys) {
    it(`agrees for ${JSON.stringify(key)} with process=hls/sign`, async () => {
      const theirs = aliClient().signatureUrl(key, { expires: 3600, process: 'hls/sign' });
      const ours = await ourClient({ signatureVersion: 'v1' }).presignUrl(key, { expiresInSeconds: 3600, process: 'hls/sign' });
      expect(decodeURIComponent(ours)).toBe(decodeURIComponent(theirs));
    });
  }

  it('agrees with STS credentials (security-token signed as a sub-resource)', async () => {
    const theirs = aliClient({ accessKeyId: sts.accessKeyId, stsToken: sts.securityToken }).signatureUrl('a/b.m3u8', { expires: 600 });
    const ours = await ourClient({ signatureVersion: 'v1', credentials: sts }).presignUrl('a/b.m3u8', { expiresInSeconds: 600 });
    expect(decodeURIComponent(ours)).toBe(decodeURIComponent(theirs));
  });

  it('agrees for HEAD', async () => {
    // @types/ali-oss lists only GET/POST/DELETE/PUT; the implementation signs any method.
    const head = 'HEAD' as unknown as OSS.HTTPMethods;
    const theirs = aliClient().signatureUrl('a.ts', { expires: 60, method: head });
    const ours = await ourClient({ signatureVersion: 'v1' }).presignUrl('a.ts', { expiresInSeconds: 60, method: 'HEAD' });
    expect(decodeURIComponent(ours)).toBe(decodeURIComponent(theirs));
  });
});

describe('V4 presigned URLs: ali-oss signatureUrlV4', () => {
  for (const key of ['test-channel/playlist.m3u8', 'live channel 2/直播.m3u8']) {
    it(`agrees for ${JSON.stringify(key)} with process=hls/sign`, async () => {
      const theirs = new URL(await aliClient().signatureUrlV4('GET', 3600, { queries: { 'x-oss-process': 'hls/sign' } }, key));
      const ours = new URL(await ourClient().presignUrl(key, { expiresInSeconds: 3600, process: 'hls/sign' }));
      expect(ours.pathname).toBe(theirs.pathname);
      expect(Object.fromEntries(ours.searchParams)).toEqual(Object.fromEntries(theirs.searchParams));
    });
  }

  it('agrees with STS credentials', async () => {
    const theirs = new URL(await aliClient({ accessKeyId: sts.accessKeyId, stsToken: sts.securityToken }).signatureUrlV4('GET', 900, {}, 'x.m3u8'));
    const ours = new URL(await ourClient({ credentials: sts }).presignUrl('x.m3u8', { expiresInSeconds: 900 }));
    expect(Object.fromEntries(ours.searchParams)).toEqual(Object.fromEntries(theirs.searchParams));
  });
});

/** LiveChannel requests as our client signs them; ali-oss passes empty sub-resources as null (bare key). */
const requests: Array<{ method: string; key: string; query: Record<string, string> }> = [
  { method: 'PUT', key: 'test-channel', query: { live: '' } },
  { method: 'PUT', key: 'test-channel', query: { live: '', status: 'disabled' } },
  { method: 'GET', key: 'test-channel', query: { live: '', comp: 'stat' } },
  { method: 'GET', key: 'live channel 2', query: { live: '', comp: 'history' } },
  { method: 'GET', key: '', query: { live: '', prefix: 'ch', marker: 'ch-4', 'max-keys': '3' } },
  { method: 'POST', key: '直播/vod.m3u8', query: { vod: '', endTime: '1472020226', startTime: '1472020031' } },
  { method: 'GET', key: '', query: { 'list-type': '2', prefix: 'a/', delimiter: '/', 'continuation-token': 'tok+=/' } },
];
const withNulls = (query: Record<string, string>): Record<string, string | null> =>
  Object.fromEntries(Object.entries(query).map(([name, value]) => [name, value === '' ? null : value]));

/**
 * V1 signs only the sub-resources of the query, so which parameters count must not come from us: ali-oss's own
 * LiveChannel and ListObjects calls decide (each names its sub-resources; prefix, marker, max-keys, list-type and
 * delimiter travel as plain query). Their real requests go to a recording server; our signer then gets the raw
 * query, headers and path exactly as they arrived and must produce the header ali-oss sent.
 */
describe('V1 Authorization header: real ali-oss requests', () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const aliLocal = (extra: Partial<OSS.Options> = {}): OSS =>
    new OSS({ endpoint: server.url, bucket, accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret, ...extra });
  const conf = { Description: 'd', Status: 'enabled', Target: { Type: 'HLS', FragDuration: '2', FragCount: '3', PlaylistName: 'p.m3u8' } };
  /** @types/ali-oss has no LiveChannel (rtmp) calls although the package implements them. */
  type AliRtmp = Record<'putChannel' | 'putChannelStatus' | 'getChannelStatus' | 'getChannelHistory' | 'listChannels' | 'createVod' | 'deleteChannel', (...args: unknown[]) => Promise<unknown>>;
  const rtmp = (client: OSS): AliRtmp => client as unknown as AliRtmp;
  const calls: Array<[string, (client: OSS) => Promise<unknown>]> = [
    ['PutLiveChannel', (c) => rtmp(c).putChannel('test-channel', conf)],
    ['PutLiveChannelStatus', (c) => rtmp(c).putChannelStatus('test-channel', 'disabled')],
    ['GetLiveChannelStat', (c) => rtmp(c).getChannelStatus('test-channel')],
    ['GetLiveChannelHistory', (c) => rtmp(c).getChannelHistory('live channel 2')],
    ['ListLiveChannel with prefix, marker, max-keys', (c) => rtmp(c).listChannels({ prefix: 'ch', marker: 'ch-4', 'max-keys': 3 })],
    ['PostVodPlaylist', (c) => rtmp(c).createVod('直播', 'vod.m3u8', { startTime: 1472020031, endTime: 1472020226 })],
    ['DeleteLiveChannel', (c) => rtmp(c).deleteChannel('test-channel')],
    ['ListObjects v2', (c) => c.listV2({ prefix: 'a/', delimiter: '/', 'continuation-token': 'tok+=/', 'max-keys': '10' })],
  ];

  /** The request ali-oss sent, and the Authorization header our signer computes for what arrived. */
  async function sentByAliOss(client: OSS, call: (client: OSS) => Promise<unknown>): Promise<{ request: RecordedRequest; ours: string }> {
    // The recording server answers an error; only the request matters here.
    await call(client).catch(() => undefined);
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0] as RecordedRequest;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && name !== 'authorization') headers[name] = value;
    const key = decodeURIComponent(request.path).slice(1);
    const ours = authorizationV1({ method: request.method, bucket, key, query: parseRawQuery(request.rawQuery), headers }, credentials).authorization;
    return { request, ours };
  }

  for (const [name, call] of calls) {
    it(`agrees for ${name}`, async () => {
      const { request, ours } = await sentByAliOss(aliLocal(), call);
      expect(request.headers.authorization).toMatch(/^OSS 44CF9590006BF252F707:/);
      expect(ours).toBe(request.headers.authorization);
    });
  }

  it('agrees with the STS token header (signed as an x-oss- header)', async () => {
    const { request, ours } = await sentByAliOss(aliLocal({ accessKeyId: credentials.accessKeyId, stsToken: 'tok' }), (c) => rtmp(c).getChannelStatus('test-channel'));
    expect(request.headers['x-oss-security-token']).toBe('tok');
    expect(ours).toBe(request.headers.authorization);
  });
});

describe('V4 Authorization header: ali-oss signUtils', () => {
  for (const request of requests) {
    it(`agrees for ${request.method} /${request.key}?${Object.keys(request.query).join('&')}`, () => {
      const headers = {
        'x-oss-date': '20231203T121212Z',
        'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
        'content-type': 'application/xml',
        'x-oss-security-token': 'tok',
      };
      const theirs = signUtils.authorizationV4(
        credentials.accessKeyId,
        credentials.accessKeySecret,
        'cn-hangzhou',
        request.method,
        { headers, queries: withNulls(request.query) },
        bucket,
        request.key || undefined,
      );
      expect(authorizationV4({ ...request, bucket, headers }, credentials, 'cn-hangzhou').authorization).toBe(theirs);
    });
  }
});
