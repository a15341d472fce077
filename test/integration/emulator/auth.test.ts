/**
 * Authentication and addressing over real sockets: anonymous requests against each bucket ACL, bad signatures,
 * skewed clocks, expired presigned URLs, STS tokens, V4 scopes, and the three ways to name a bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OssError } from '../../../electron/oss';
import { authorizationV1 } from '../../../electron/oss/sign-v1';
import { authorizationV4, formatV4Date } from '../../../electron/oss/sign-v4';
import type { BucketAcl } from '../../../emulator';
import { aliClient, aliRtmp, ourClient, rawRequest, startTestEmulator, xmlText, type TestEmulator } from './emulator-harness';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ extraBuckets: ['second'] });
  await ourClient(emulator).putLiveChannel('auth-channel', {});
});
afterAll(async () => {
  await emulator.dispose();
});

async function ossError(promise: Promise<unknown>): Promise<OssError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OssError) return error;
    throw error;
  }
  throw new Error('expected an OssError');
}

/** A V1-signed raw request for `bucket/key` with `Date` set to `date`. */
function signedV1(init: { method?: string; path: string; bucket: string; key: string; query?: Record<string, string>; date?: Date; secret?: string; host?: string }) {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { date: (init.date ?? new Date()).toUTCString() };
  const credentials = { accessKeyId: emulator.accessKeyId, accessKeySecret: init.secret ?? emulator.accessKeySecret };
  const { authorization } = authorizationV1({ method, bucket: init.bucket, key: init.key, query: init.query ?? {}, headers }, credentials);
  return rawRequest(emulator.port, { method, path: init.path, headers: { ...headers, authorization, ...(init.host ? { host: init.host } : {}) } });
}

describe('signatures', () => {
  it('answers a wrong secret with SignatureDoesNotMatch and what the server signed', async () => {
    const date = new Date();
    const response = await signedV1({ path: '/local/auth-channel?live', bucket: 'local', key: 'auth-channel', query: { live: '' }, secret: 'wrong-secret', date });
    expect(response.status).toBe(403);
    expect(xmlText(response.text, 'Code')).toBe('SignatureDoesNotMatch');
    expect(xmlText(response.text, 'EC')).toBe('0002-00000040');
    expect(response.headers['x-oss-ec']).toBe('0002-00000040');
    expect(xmlText(response.text, 'OSSAccessKeyId')).toBe(emulator.accessKeyId);
    const expected = `GET\n\n\n${date.toUTCString()}\n/local/auth-channel?live`;
    expect(xmlText(response.text, 'StringToSign')).toBe(expected);
    expect(xmlText(response.text, 'StringToSignBytes')).toBe(`${[...Buffer.from(expected)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')} `);
    expect(xmlText(response.text, 'SignatureProvided')).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it('surfaces the same through both clients', async () => {
    const wrong = { accessKeyId: emulator.accessKeyId, accessKeySecret: 'nope' };
    for (const signatureVersion of ['v1', 'v4'] as const) {
      const error = await ossError(ourClient(emulator, { signatureVersion, credentials: wrong }).getLiveChannelInfo('auth-channel'));
      expect(error).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch', ec: '0002-00000040' });
      expect(error.stringToSign).toBeTruthy();
    }
    const aliError = await aliRtmp(emulator, { accessKeySecret: 'nope', authorizationV4: true })
      .getChannel('auth-channel')
      .then(() => undefined, (error: { status: number; code: string }) => error);
    expect(aliError).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses an unknown AccessKeyId', async () => {
    const error = await ossError(ourClient(emulator, { credentials: { accessKeyId: 'LTAInobodyknowsthisid', accessKeySecret: 'x' } }).getLiveChannelStat('auth-channel'));
    expect(error).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
  });

  it('refuses a request time more than 15 minutes off, with RequestTime and ServerTime (V1 and V4)', async () => {
    const skewed = () => new Date(Date.now() - 16 * 60 * 1000);
    for (const signatureVersion of ['v1', 'v4'] as const) {
      const error = await ossError(ourClient(emulator, { signatureVersion, now: skewed }).getLiveChannelStat('auth-channel'));
      expect(error).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed', ec: '0002-00000504' });
      expect(error.details.RequestTime).toBeTruthy();
      expect(new Date(error.details.ServerTime ?? '').getTime()).toBeGreaterThan(skewed().getTime());
    }
    const withinSkew = () => new Date(Date.now() - 10 * 60 * 1000);
    expect((await ourClient(emulator, { now: withinSkew }).getLiveChannelStat('auth-channel')).status).toBe('Idle');
  });

  it('refuses a V4 scope for another region, naming the emulator region', async () => {
    const error = await ossError(ourClient(emulator, { region: 'cn-hangzhou' }).getLiveChannelStat('auth-channel'));
    expect(error.status).toBe(400);
    expect(error.message).toContain("this emulator's region is 'local'");
  });

  it('accepts V4 AdditionalHeaders (host) and refuses a malformed Authorization', async () => {
    const date = new Date();
    const headers: Record<string, string> = { host: `127.0.0.1:${emulator.port}`, 'x-oss-date': formatV4Date(date), 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' };
    const signed = authorizationV4({ method: 'GET', bucket: 'local', key: 'auth-channel', query: { live: '' }, headers, additionalHeaders: ['host'] }, emulator, 'local');
    const ok = await rawRequest(emulator.port, { path: '/local/auth-channel?live', headers: { ...headers, authorization: signed.authorization } });
    expect(ok.status).toBe(200);
    const bad = await rawRequest(emulator.port, { path: '/local/auth-channel?live', headers: { ...headers, authorization: 'Bearer abc' } });
    expect(bad.status).toBe(400);
    expect(xmlText(bad.text, 'Code')).toBe('InvalidArgument');
  });
});

describe('presigned URLs', () => {
  beforeAll(async () => {
    await ourClient(emulator).putLiveChannel('presign', {});
    await aliClient(emulator).put('presign/hello.txt', Buffer.from('hello'));
  });

  it('serves V1 and V4 presigned GETs from our client and V1/V4 from ali-oss', async () => {
    const urls = [
      await ourClient(emulator, { signatureVersion: 'v1' }).presignUrl('presign/hello.txt'),
      await ourClient(emulator, { signatureVersion: 'v4' }).presignUrl('presign/hello.txt'),
      // ali-oss refuses to presign for IP endpoints; `localhost` with cname sends bucket-less paths.
      aliClient(emulator, { endpoint: `http://localhost:${emulator.port}`, cname: true }).signatureUrl('presign/hello.txt', { expires: 600 }),
      await aliClient(emulator, { endpoint: `http://localhost:${emulator.port}`, cname: true }).signatureUrlV4('GET', 600, undefined, 'presign/hello.txt'),
    ];
    for (const url of urls) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(await response.text()).toBe('hello');
    }
  });

  it('refuses an expired V1 URL with "Request has expired." plus Expires and ServerTime, before checking the signature', async () => {
    const past = new Date(Date.now() - 3_600_000);
    const url = await ourClient(emulator, { signatureVersion: 'v1', now: () => past }).presignUrl('presign/hello.txt', { expiresInSeconds: 60 });
    const response = await fetch(url.replace(/Signature=[^&]+/, 'Signature=garbage'));
    const text = await response.text();
    expect(response.status).toBe(403);
    expect(xmlText(text, 'Code')).toBe('AccessDenied');
    expect(xmlText(text, 'Message')).toBe('Request has expired.');
    expect(xmlText(text, 'Expires')).toBe(new Date((Math.floor(past.getTime() / 1000) + 60) * 1000).toISOString());
    expect(xmlText(text, 'ServerTime')).toBeTruthy();
  });

  it('refuses an expired V4 URL and a tampered one', async () => {
    const past = new Date(Date.now() - 3_600_000);
    const expired = await ourClient(emulator, { now: () => past }).presignUrl('presign/hello.txt', { expiresInSeconds: 60 });
    const expiredResponse = await fetch(expired);
    expect(expiredResponse.status).toBe(403);
    expect(xmlText(await expiredResponse.text(), 'Message')).toBe('Request has expired.');
    const valid = await ourClient(emulator).presignUrl('presign/hello.txt');
    const tampered = await fetch(valid.replace('hello.txt', 'hello.txt2'));
    expect(tampered.status).toBe(403);
    expect(xmlText(await tampered.text(), 'Code')).toBe('SignatureDoesNotMatch');
  });
});

describe('STS', () => {
  it('accepts issued credentials in headers (V1, V4) and presigned URLs (security-token signed)', async () => {
    const sts = emulator.issueStsCredentials({ durationSeconds: 900 });
    expect(sts.accessKeyId.startsWith('STS.')).toBe(true);
    expect(sts.expiration.getTime()).toBeGreaterThan(Date.now());
    for (const signatureVersion of ['v1', 'v4'] as const) {
      const client = ourClient(emulator, { signatureVersion, credentials: sts });
      expect((await client.getLiveChannelStat('auth-channel')).status).toBe('Idle');
      const url = await client.presignUrl('presign/hello.txt');
      expect(new URL(url).searchParams.get(signatureVersion === 'v1' ? 'security-token' : 'x-oss-security-token')).toBe(sts.securityToken);
      expect((await fetch(url)).status).toBe(200);
    }
    const stsOptions = { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret, stsToken: sts.securityToken };
    const ali = aliRtmp(emulator, { ...stsOptions, refreshSTSToken: async () => stsOptions });
    expect((await ali.getChannelStatus('auth-channel')).data.Status).toBe('Idle');
  });

  it('refuses a token once it expired (SecurityTokenExpired), on the emulator clock', async () => {
    let clock = Date.now();
    const emu = await startTestEmulator({ now: () => new Date(clock) });
    try {
      const sts = emu.issueStsCredentials({ durationSeconds: 60 });
      const client = ourClient(emu, { credentials: sts, now: () => new Date(clock) });
      expect((await client.listLiveChannels()).channels).toEqual([]);
      clock += 120_000;
      const error = await ossError(client.listLiveChannels());
      expect(error).toMatchObject({ status: 403, code: 'SecurityTokenExpired', ec: '0002-00000007' });
      // Tokens are checked from themselves: they stay valid across a restart on the same data dir.
      const fresh = emu.issueStsCredentials();
      await emu.stop();
      const again = await startTestEmulator({ dataDir: emu.data, now: () => new Date(clock) });
      try {
        expect((await ourClient(again, { credentials: fresh, now: () => new Date(clock) }).listLiveChannels()).channels).toEqual([]);
      } finally {
        await again.stop();
      }
    } finally {
      await emu.dispose();
    }
  });

  it('refuses a forged token, a token for another key and a missing token', async () => {
    const a = emulator.issueStsCredentials();
    const b = emulator.issueStsCredentials();
    const cases: Array<[string, { accessKeyId: string; accessKeySecret: string; securityToken?: string }, string]> = [
      ['forged', { ...a, securityToken: `${a.securityToken.slice(0, -4)}AAAA` }, 'InvalidSecurityToken'],
      ['another key', { ...a, securityToken: b.securityToken }, 'InvalidSecurityToken'],
      ['missing', { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret }, 'InvalidAccessKeyId'],
    ];
    for (const [name, credentials, code] of cases) {
      const error = await ossError(ourClient(emulator, { credentials }).getLiveChannelStat('auth-channel'));
      expect(error.code, name).toBe(code);
      expect(error.status, name).toBe(403);
    }
  });
});

describe('bucket ACL', () => {
  const anonymous = async (emu: TestEmulator, method: string, path: string): Promise<number> =>
    (await rawRequest(emu.port, { method, path, headers: method === 'PUT' ? { 'content-length': '2' } : {}, body: method === 'PUT' ? 'hi' : undefined })).status;

  const cases: Array<[BucketAcl, { read: number; write: number }]> = [
    ['private', { read: 403, write: 403 }],
    ['public-read', { read: 200, write: 403 }],
    ['public-read-write', { read: 200, write: 200 }],
  ];
  it.each(cases)('%s: anonymous reads and writes as OSS allows them', async (acl, expected) => {
    const emu = await startTestEmulator({ acl });
    try {
      await ourClient(emu).putLiveChannel('acl', {});
      await ourClient(emu).putLiveChannel('acl-delete', {});
      expect(await anonymous(emu, 'GET', '/local/acl?live')).toBe(expected.read);
      expect(await anonymous(emu, 'GET', '/local/acl?live&comp=stat')).toBe(expected.read);
      expect(await anonymous(emu, 'PUT', '/local/anon.txt')).toBe(expected.write);
      expect(await anonymous(emu, 'DELETE', '/local/acl-delete?live')).toBe(expected.write === 200 ? 204 : 403);
      const denied = await rawRequest(emu.port, { method: 'HEAD', path: '/local/nothing.txt' });
      if (acl === 'private') {
        expect(denied.status).toBe(403);
        expect(denied.body).toHaveLength(0);
        expect(Buffer.from(denied.headers['x-oss-err'] ?? '', 'base64').toString('utf8')).toContain('<Code>AccessDenied</Code>');
      } else {
        expect(denied.status).toBe(404);
        expect(Buffer.from(denied.headers['x-oss-err'] ?? '', 'base64').toString('utf8')).toContain('<Code>NoSuchKey</Code>');
      }
      // A present signature is still verified on a public bucket.
      const wrong = await ossError(ourClient(emu, { credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: 'bad' } }).getLiveChannelInfo('acl'));
      expect(wrong.code).toBe('SignatureDoesNotMatch');
    } finally {
      await emu.dispose();
    }
  });

  it('private: anonymous DeleteLiveChannel is 403 AccessDenied (case 26)', async () => {
    const response = await rawRequest(emulator.port, { method: 'DELETE', path: '/local/auth-channel?live=' });
    expect(response.status).toBe(403);
    expect(xmlText(response.text, 'Code')).toBe('AccessDenied');
    expect(xmlText(response.text, 'RequestId')).toBe(response.headers['x-oss-request-id']);
    expect(response.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
  });
});

describe('addressing', () => {
  beforeAll(async () => {
    await ourClient(emulator, { bucket: 'second' }).putLiveChannel('in-second', {});
  });

  it('path-style names the bucket in the path', async () => {
    const response = await signedV1({ path: '/second/in-second?live', bucket: 'second', key: 'in-second', query: { live: '' } });
    expect(response.status).toBe(200);
  });

  it('virtual-hosted names it in the Host (bucket.localhost and bucket.oss-<region>.aliyuncs.com)', async () => {
    for (const host of [`second.localhost:${emulator.port}`, 'second.oss-local.aliyuncs.com']) {
      const response = await signedV1({ path: '/in-second?live', bucket: 'second', key: 'in-second', query: { live: '' }, host });
      expect(response.status, host).toBe(200);
    }
    const unknown = await signedV1({ path: '/x?live', bucket: 'nope', key: 'x', query: { live: '' }, host: `nope.localhost:${emulator.port}` });
    expect(unknown.status).toBe(404);
    expect(xmlText(unknown.text, 'Code')).toBe('NoSuchBucket');
  });

  it('bucket-less requests to the IP go to the default bucket (ali-oss with cname)', async () => {
    const response = await signedV1({ path: '/auth-channel?live', bucket: 'local', key: 'auth-channel', query: { live: '' } });
    expect(response.status).toBe(200);
    const ali = aliRtmp(emulator, { endpoint: `http://127.0.0.1:${emulator.port}`, cname: true });
    expect((await ali.getChannelStatus('auth-channel')).data.Status).toBe('Idle');
  });

  it('ali-oss with an IP endpoint is virtual-hosted: its Host names the bucket, its path does not', async () => {
    const ali = aliRtmp(emulator, { bucket: 'second' });
    expect((await ali.getChannelStatus('in-second')).data.Status).toBe('Idle');
    const inDefault = await ali.getChannelStatus('auth-channel').then(() => 'found', (error: { status: number }) => error.status);
    expect(inDefault).toBe(404);
  });

  it('our client reaches a second bucket path-style, and its RTMP publish URL names the bucket', async () => {
    const urls = await ourClient(emulator, { bucket: 'second' }).putLiveChannel('in-second-2', {});
    expect(urls.publishUrls).toEqual([emulator.rtmp.replace(/\/live$/, '/second/live/in-second-2')]);
    expect(urls.playUrls).toEqual([`${emulator.endpoint}/second/in-second-2/playlist.m3u8`]);
    expect((await ourClient(emulator, { bucket: 'second' }).listLiveChannels()).channels.map((c) => c.name)).toEqual(['in-second', 'in-second-2']);
  });
});
