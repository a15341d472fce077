/** signRtmpUrl / signRtmpUrlAsync / presignUrl as OBS and the player use them. */
import { describe, expect, it } from 'vitest';

import type { Credentials, OssLiveClientOptions } from '../../../electron/oss';
import { OssLiveClient } from '../../../electron/oss';
import { rtmpStringToSign } from '../../../electron/oss/sign-rtmp';
import { signatureV1 } from '../../../electron/oss/sign-v1';
import { ValidationError } from '../../../shared/validation';

const credentials: Credentials = { accessKeyId: '44CF9590006BF252F707', accessKeySecret: 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV' };
const now = new Date(1_700_000_000_000);
const client = (options: Partial<OssLiveClientOptions> = {}): OssLiveClient =>
  new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket: 'examplebucket', credentials, now: () => now, ...options });

function validationField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('signRtmpUrl', () => {
  it('splits the URL into OBS server and stream key', () => {
    const signed = client().signRtmpUrl('live channel 2', { playlistName: 'clip.m3u8', expiresInSeconds: 600 });
    expect(signed.server).toBe('rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live');
    expect(signed.streamKey.startsWith('live%20channel%202?OSSAccessKeyId=44CF9590006BF252F707&Expires=1700000600&Signature=')).toBe(true);
    expect(signed.streamKey.endsWith('&playlistName=clip.m3u8')).toBe(true);
    expect(`${signed.server}/${signed.streamKey}`).toBe(signed.url);
    expect(signed.expiresAt).toEqual(new Date(1_700_000_600_000));
  });

  it('signs /<bucket>/<channel> whatever the publish base (path-style default and custom rtmpBase)', () => {
    const expected = signatureV1(credentials.accessKeySecret, rtmpStringToSign('examplebucket', 'ch', 1700003600, {}));
    const local = client({ endpoint: 'http://127.0.0.1:9000', signatureVersion: 'v1' }).signRtmpUrl('ch');
    expect(local.server).toBe('rtmp://127.0.0.1/examplebucket/live');
    expect(new URL(local.url).searchParams.get('Signature')).toBe(expected);
    const custom = client({ rtmpBase: 'rtmp://127.0.0.1:19350/examplebucket/live/' }).signRtmpUrl('ch');
    expect(custom.server).toBe('rtmp://127.0.0.1:19350/examplebucket/live');
    expect(custom.url.startsWith('rtmp://127.0.0.1:19350/examplebucket/live/ch?OSSAccessKeyId=')).toBe(true);
    expect(new URL(custom.url).searchParams.get('Signature')).toBe(expected);
  });

  it('defaults to one hour and accepts an absolute expiry', () => {
    expect(client().signRtmpUrl('ch').expiresAt).toEqual(new Date(1_700_003_600_000));
    const at = new Date(1_700_086_400_900); // sub-second part dropped: Expires is whole seconds
    expect(client().signRtmpUrl('ch', { expiresAt: at }).url).toContain('Expires=1700086400&');
  });

  it('refuses an expiry that is not in the future, or two expiries', () => {
    expect(validationField(() => client().signRtmpUrl('ch', { expiresAt: new Date(1_700_000_000_000) }))).toBe('expiresAt');
    expect(validationField(() => client().signRtmpUrl('ch', { expiresInSeconds: 0 }))).toBe('expiresInSeconds');
    expect(validationField(() => client().signRtmpUrl('ch', { expiresInSeconds: -1 }))).toBe('expiresInSeconds');
    expect(validationField(() => client().signRtmpUrl('ch', { expiresInSeconds: 60, expiresAt: new Date(1_800_000_000_000) }))).toBe('expiresAt');
  });

  it('validates the channel and playlist names', () => {
    expect(validationField(() => client().signRtmpUrl('a/b'))).toBe('channel');
    expect(validationField(() => client().signRtmpUrl('ch', { playlistName: 'x.ts' }))).toBe('playlistName');
  });

  it('returns the unsigned URL with only the params when anonymous (oss2 AnonymousAuth)', () => {
    const anonymous = new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket: 'examplebucket', now: () => now });
    expect(anonymous.signRtmpUrl('ch', { playlistName: 'test.m3u8' }).url).toBe('rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live/ch?playlistName=test.m3u8');
    const bare = anonymous.signRtmpUrl('ch');
    expect(bare.url).toBe('rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live/ch');
    expect(bare.streamKey).toBe('ch');
  });

  it('needs signRtmpUrlAsync with a credentials provider', async () => {
    const sts = { ...credentials, accessKeyId: 'STS.x', securityToken: 'tok' };
    const provided = client({ credentials: async () => sts });
    expect(validationField(() => provided.signRtmpUrl('ch'))).toBe('credentials');
    const signed = await provided.signRtmpUrlAsync('ch', { playlistName: 'playlist.m3u8' });
    expect(signed).toEqual(client({ credentials: sts }).signRtmpUrl('ch', { playlistName: 'playlist.m3u8' }));
    expect(new URL(signed.url).searchParams.get('security-token')).toBe('tok');
  });
});

describe('presignUrl', () => {
  it('V4 by default: x-oss-* parameters with a relative expiry', async () => {
    const url = new URL(await client().presignUrl('test-channel/playlist.m3u8', { process: 'hls/sign', expiresInSeconds: 300 }));
    expect(url.origin + url.pathname).toBe('https://examplebucket.oss-cn-hangzhou.aliyuncs.com/test-channel/playlist.m3u8');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'x-oss-process': 'hls/sign',
      'x-oss-signature-version': 'OSS4-HMAC-SHA256',
      'x-oss-credential': '44CF9590006BF252F707/20231114/cn-hangzhou/oss/aliyun_v4_request',
      'x-oss-date': '20231114T221320Z',
      'x-oss-expires': '300',
    });
    expect(url.searchParams.get('x-oss-signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('carries the STS token (V1: security-token, V4: x-oss-security-token)', async () => {
    const sts = { ...credentials, securityToken: 'tok/1' };
    expect(new URL(await client({ credentials: sts, signatureVersion: 'v1' }).presignUrl('a.m3u8')).searchParams.get('security-token')).toBe('tok/1');
    expect(new URL(await client({ credentials: sts }).presignUrl('a.m3u8')).searchParams.get('x-oss-security-token')).toBe('tok/1');
  });

  it('uses path-style URLs for IP endpoints', async () => {
    const url = await client({ endpoint: 'http://127.0.0.1:9000', signatureVersion: 'v1' }).presignUrl('ch/playlist.m3u8', { expiresInSeconds: 60 });
    expect(url.startsWith('http://127.0.0.1:9000/examplebucket/ch/playlist.m3u8?OSSAccessKeyId=44CF9590006BF252F707&Expires=1700000060&Signature=')).toBe(true);
  });

  it('returns a plain URL when anonymous', async () => {
    const anonymous = new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket: 'examplebucket' });
    expect(await anonymous.presignUrl('ch/playlist.m3u8', { process: 'hls/sign' })).toBe(
      'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/ch/playlist.m3u8?x-oss-process=hls%2Fsign',
    );
  });
});
