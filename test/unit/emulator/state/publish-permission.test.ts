import OSS from 'ali-oss';
import { describe, expect, it } from 'vitest';

import { rtmpStringToSign, signRtmpQuery } from '../../../../electron/oss/sign-rtmp';
import { signatureV1 } from '../../../../electron/oss/sign-v1';
import { CredentialAuthority } from '../../../../emulator/credentials';
import { OssServiceError } from '../../../../emulator/errors';
import { checkPublishPermission, type PublishCheck } from '../../../../emulator/state/publish-permission';

const root = { accessKeyId: 'LTAIaaaaaaaaaaaaaaaaaaaa', accessKeySecret: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' };
const now = new Date();
const authority = new CredentialAuthority(root, () => now);
const expires = Math.floor(now.getTime() / 1000) + 600;

function check(query: Record<string, string>, overrides: Partial<PublishCheck> = {}): string {
  try {
    checkPublishPermission({ bucket: 'local', channel: 'live ch', query: new URLSearchParams(query), acl: 'private', authority, now, ...overrides });
  } catch (error) {
    if (error instanceof OssServiceError) return error.code;
    throw error;
  }
  return 'allowed';
}

describe('checkPublishPermission', () => {
  it('accepts our client signature, with and without playlistName', () => {
    expect(check(signRtmpQuery({ bucket: 'local', channel: 'live ch', expires, params: {}, credentials: root }))).toBe('allowed');
    expect(check(signRtmpQuery({ bucket: 'local', channel: 'live ch', expires, params: { playlistName: 'a.m3u8' }, credentials: root }))).toBe('allowed');
  });

  it('accepts the URL ali-oss getRtmpUrl makes', () => {
    const ali = new OSS({ region: 'oss-local', bucket: 'local', accessKeyId: root.accessKeyId, accessKeySecret: root.accessKeySecret });
    const url = new URL(ali.getRtmpUrl('live ch', { expires: 600, params: { playlistName: 'p.m3u8' } }));
    expect(check(Object.fromEntries(url.searchParams))).toBe('allowed');
  });

  it('accepts STS tokens signed (oss2, our client) and unsigned (go); refuses a dropped token (ali-oss)', () => {
    const sts = authority.issueSts();
    const signed = signRtmpQuery({ bucket: 'local', channel: 'live ch', expires, params: {}, credentials: sts });
    expect(check(signed)).toBe('allowed');
    const goStyle = { OSSAccessKeyId: sts.accessKeyId, Expires: String(expires), Signature: signatureV1(sts.accessKeySecret, rtmpStringToSign('local', 'live ch', expires, {})), 'security-token': sts.securityToken };
    expect(check(goStyle)).toBe('allowed');
    const { 'security-token': _dropped, ...aliStyle } = goStyle;
    expect(check(aliStyle)).toBe('InvalidAccessKeyId');
  });

  it('refuses a wrong signature, another channel, an expired URL, and no signature on a private bucket', () => {
    const query = signRtmpQuery({ bucket: 'local', channel: 'live ch', expires, params: {}, credentials: root });
    expect(check({ ...query, Signature: 'AAAA' })).toBe('SignatureDoesNotMatch');
    expect(check(query, { channel: 'other' })).toBe('SignatureDoesNotMatch');
    expect(check({ ...query, playlistName: 'added.m3u8' })).toBe('SignatureDoesNotMatch');
    const past = signRtmpQuery({ bucket: 'local', channel: 'live ch', expires: expires - 3600, params: {}, credentials: root });
    expect(check(past)).toBe('AccessDenied');
    expect(check({})).toBe('AccessDenied');
    expect(check({ playlistName: 'x.m3u8' }, { acl: 'public-read' })).toBe('AccessDenied');
    expect(check({ playlistName: 'x.m3u8' }, { acl: 'public-read-write' })).toBe('allowed');
  });
});
