/** The signing vectors of the wire spec (§10), derived by running oss2 and ali-oss 6.23.0 with frozen clocks. */
import { describe, expect, it } from 'vitest';

import { OssLiveClient } from '../../../electron/oss';
import { authorizationV1, presignQueryV1, stringToSignV1 } from '../../../electron/oss/sign-v1';
import { rtmpStringToSign, signRtmpQuery } from '../../../electron/oss/sign-rtmp';
import { authorizationV4, canonicalRequestV4, stringToSignV4 } from '../../../electron/oss/sign-v4';

const credentials = { accessKeyId: '44CF9590006BF252F707', accessKeySecret: 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV' };
const sts = { accessKeyId: 'STS.tmpid', accessKeySecret: credentials.accessKeySecret, securityToken: 'tok/en+1' };
const bucket = 'examplebucket';
const channel = 'test-channel';
const date = 'Wed, 24 Aug 2016 11:11:28 GMT';
const frozen = new Date(1_700_000_000_000);

describe('RTMP signature (spec §5, §10)', () => {
  it('signs playlistName: oss2 and ali-oss agree', () => {
    const params = { playlistName: 'playlist.m3u8' };
    expect(rtmpStringToSign(bucket, channel, 1700003600, params)).toBe('1700003600\nplaylistName:playlist.m3u8\n/examplebucket/test-channel');
    expect(signRtmpQuery({ bucket, channel, expires: 1700003600, params, credentials }).Signature).toBe('YY9RjoDwz64Iv+cqa2i58BH8ebE=');
  });

  it('signs without params', () => {
    expect(rtmpStringToSign(bucket, channel, 1700003600, {})).toBe('1700003600\n/examplebucket/test-channel');
    expect(signRtmpQuery({ bucket, channel, expires: 1700003600, params: {}, credentials }).Signature).toBe('BO9kd3yrVRq6jM9gML33DsN0Liw=');
  });

  it('signs the STS token oss2-style: security-token is a signed param and travels in the URL', () => {
    const query = signRtmpQuery({ bucket, channel, expires: 1700003600, params: { playlistName: 'playlist.m3u8' }, credentials: sts });
    expect(query).toEqual({
      OSSAccessKeyId: 'STS.tmpid',
      Expires: '1700003600',
      Signature: '3Hud8zmzs33BApBSjZLCmlmlnIQ=',
      playlistName: 'playlist.m3u8',
      'security-token': 'tok/en+1',
    });
  });

  it('builds the exact ali-oss URL from the client', () => {
    const client = new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket, credentials, now: () => frozen });
    const signed = client.signRtmpUrl(channel, { playlistName: 'playlist.m3u8', expiresInSeconds: 3600 });
    expect(signed.url).toBe(
      'rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live/test-channel?OSSAccessKeyId=44CF9590006BF252F707&Expires=1700003600&Signature=YY9RjoDwz64Iv%2Bcqa2i58BH8ebE%3D&playlistName=playlist.m3u8',
    );
    expect(signed.server).toBe('rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live');
    expect(`${signed.server}/${signed.streamKey}`).toBe(signed.url);
    expect(signed.expiresAt).toEqual(new Date(1_700_003_600_000));
  });

  it('puts the encoded STS token in the client URL', () => {
    const client = new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket, credentials: sts, now: () => frozen });
    const { url } = client.signRtmpUrl(channel, { playlistName: 'playlist.m3u8', expiresAt: new Date(1_700_003_600_000) });
    expect(url).toContain('Signature=3Hud8zmzs33BApBSjZLCmlmlnIQ%3D&playlistName=playlist.m3u8&security-token=tok%2Fen%2B1');
  });
});

interface Case {
  method: string;
  key: string;
  query: Record<string, string>;
  resource?: string;
  auth: string;
}

describe('V1 header signature, oss2 style (Date only)', () => {
  const cases: Case[] = [
    { method: 'PUT', key: channel, query: { live: '', status: 'disabled' }, resource: '/examplebucket/test-channel?live&status=disabled', auth: 'rNnTeuhZZ7KIR9TSpjSiqaq2R9s=' },
    { method: 'GET', key: channel, query: { live: '', comp: 'stat' }, resource: '/examplebucket/test-channel?comp=stat&live', auth: 'F7dsFgvNnz+k/ZaaPTVr0Q66AEs=' },
    { method: 'GET', key: '', query: { live: '', prefix: '', marker: '', 'max-keys': '100' }, resource: '/examplebucket/?live', auth: 'mRnoOGYYFRFqv48C5BaiFlYqLpY=' },
    {
      method: 'POST',
      key: `${channel}/vod.m3u8`,
      query: { vod: '', endTime: '1472020226', startTime: '1472020031' },
      resource: '/examplebucket/test-channel/vod.m3u8?endTime=1472020226&startTime=1472020031&vod',
      auth: 'XO5uFu/E1+U+6uxCc5nyNae/3+E=',
    },
  ];
  for (const c of cases) {
    it(`${c.method} ${c.resource}`, () => {
      const input = { method: c.method, bucket, key: c.key, query: c.query, headers: { Date: date } };
      expect(stringToSignV1(input)).toBe(`${c.method}\n\n\n${date}\n${c.resource ?? ''}`);
      expect(authorizationV1(input, credentials).authorization).toBe(`OSS 44CF9590006BF252F707:${c.auth}`);
    });
  }
});

describe('V1 header signature, ali-oss style (x-oss-date only)', () => {
  const cases: Case[] = [
    { method: 'PUT', key: channel, query: { live: '', status: 'disabled' }, auth: 'icC1CmKOPTbQ/tTtyqocKQW/rP0=' },
    { method: 'GET', key: channel, query: { live: '', comp: 'stat' }, auth: '/gLkWfT4c12oF2OpHrPXP0TQheQ=' },
    { method: 'POST', key: `${channel}/vod.m3u8`, query: { vod: '', endTime: '1472020226', startTime: '1472020031' }, auth: '14Oy7kCY+4bKWGYySqmDOPQR704=' },
  ];
  for (const c of cases) {
    it(`${c.method} ${JSON.stringify(c.query)}`, () => {
      const input = { method: c.method, bucket, key: c.key, query: c.query, headers: { 'x-oss-date': date } };
      expect(stringToSignV1(input)).toContain(`${date}\nx-oss-date:${date}\n/examplebucket/`);
      expect(authorizationV1(input, credentials).authorization).toBe(`OSS 44CF9590006BF252F707:${c.auth}`);
    });
  }
});

describe('V1 presigned m3u8 with x-oss-process=hls/sign', () => {
  it('signs the process as a sub-resource', () => {
    const input = { method: 'GET', bucket, key: `${channel}/playlist.m3u8`, query: { 'x-oss-process': 'hls/sign' }, headers: {} };
    expect(stringToSignV1(input, '1700003600')).toBe('GET\n\n\n1700003600\n/examplebucket/test-channel/playlist.m3u8?x-oss-process=hls/sign');
    expect(presignQueryV1({ ...input, expires: 1700003600, credentials }).Signature).toBe('/9SP3QTKUtAQUlOiolUmcN4/Eto=');
  });

  it('comes out of the client as a URL with the process encoded', async () => {
    const client = new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket, credentials, signatureVersion: 'v1', now: () => frozen });
    const url = await client.presignUrl(`${channel}/playlist.m3u8`, { process: 'hls/sign', expiresInSeconds: 3600 });
    expect(url).toBe(
      'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/test-channel/playlist.m3u8?OSSAccessKeyId=44CF9590006BF252F707&Expires=1700003600&Signature=%2F9SP3QTKUtAQUlOiolUmcN4%2FEto%3D&x-oss-process=hls%2Fsign',
    );
  });
});

describe('V4 header signature (GetLiveChannelStat)', () => {
  const input = {
    method: 'GET',
    bucket,
    key: channel,
    query: { live: '', comp: 'stat' },
    headers: { 'x-oss-date': '20231203T121212Z', 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' },
  };

  it('builds the canonical request', () => {
    expect(canonicalRequestV4(input)).toBe(
      'GET\n/examplebucket/test-channel\ncomp=stat&live\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231203T121212Z\n\n\nUNSIGNED-PAYLOAD',
    );
  });

  it('builds the string to sign', () => {
    expect(stringToSignV4(canonicalRequestV4(input), '20231203T121212Z', 'cn-hangzhou')).toBe(
      'OSS4-HMAC-SHA256\n20231203T121212Z\n20231203/cn-hangzhou/oss/aliyun_v4_request\n905925b83b1bf59fb98729c557da07fa0d77ec39fd48d1cdfc223cecd406093a',
    );
  });

  it('computes the signature and the header', () => {
    expect(authorizationV4(input, credentials, 'cn-hangzhou').authorization).toBe(
      'OSS4-HMAC-SHA256 Credential=44CF9590006BF252F707/20231203/cn-hangzhou/oss/aliyun_v4_request,Signature=07b6bb7082a87e2f629156c6f28b2d577c8cdd13071fd0917913e7e55eb8ebf3',
    );
  });
});
