import { describe, expect, it } from 'vitest';

import {
  defaultRtmpBase,
  normalizeRtmpBase,
  objectUrl,
  parseEndpoint,
  regionFromHostname,
  requestTarget,
  resolveRegion,
} from '../../../electron/oss/endpoint';
import { encodeKeyPath, encodeRfc3986, formatQuery } from '../../../electron/oss/uri-encoding';
import { ValidationError } from '../../../shared/validation';

describe('parseEndpoint', () => {
  it('defaults to https and virtual-hosted style for domains', () => {
    expect(parseEndpoint('oss-cn-hangzhou.aliyuncs.com')).toEqual({ protocol: 'https:', hostname: 'oss-cn-hangzhou.aliyuncs.com', pathStyle: false });
    expect(parseEndpoint('OSS-CN-Hangzhou.aliyuncs.com/')).toMatchObject({ hostname: 'oss-cn-hangzhou.aliyuncs.com' });
  });

  it('keeps an explicit scheme and custom port', () => {
    expect(parseEndpoint('http://oss.example.test:8080')).toEqual({ protocol: 'http:', hostname: 'oss.example.test', port: 8080, pathStyle: false });
    expect(parseEndpoint('https://oss.example.test:443')).toEqual({ protocol: 'https:', hostname: 'oss.example.test', pathStyle: false });
  });

  it('uses path-style for IPv4, IPv6 and localhost', () => {
    expect(parseEndpoint('http://127.0.0.1:9000')).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: 9000, pathStyle: true });
    expect(parseEndpoint('http://[::1]:9000')).toMatchObject({ hostname: '[::1]', pathStyle: true });
    expect(parseEndpoint('localhost:9000')).toEqual({ protocol: 'https:', hostname: 'localhost', port: 9000, pathStyle: true });
  });

  it('rejects other schemes, paths, credentials and empty input, naming the field', () => {
    for (const bad of ['', 'ftp://host', 'https://host/path', 'https://user:pw@host', 'https://host?x=1', 'http://']) {
      const error = (() => {
        try {
          parseEndpoint(bad);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, bad).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('endpoint');
    }
  });
});

describe('region', () => {
  it('derives it from standard public and internal endpoints', () => {
    expect(regionFromHostname('oss-cn-hangzhou.aliyuncs.com')).toBe('cn-hangzhou');
    expect(regionFromHostname('oss-cn-hangzhou-internal.aliyuncs.com')).toBe('cn-hangzhou');
    expect(regionFromHostname('oss-ap-southeast-1.aliyuncs.com')).toBe('ap-southeast-1');
  });

  it('derives nothing from accelerate, custom or IP endpoints', () => {
    expect(regionFromHostname('oss-accelerate.aliyuncs.com')).toBeUndefined();
    expect(regionFromHostname('oss-accelerate-overseas.aliyuncs.com')).toBeUndefined();
    expect(regionFromHostname('cdn.example.com')).toBeUndefined();
    expect(regionFromHostname('127.0.0.1')).toBeUndefined();
  });

  it('prefers an explicit region and drops an oss- prefix', () => {
    const endpoint = parseEndpoint('oss-cn-hangzhou.aliyuncs.com');
    expect(resolveRegion('cn-shanghai', endpoint)).toBe('cn-shanghai');
    expect(resolveRegion('oss-cn-beijing', endpoint)).toBe('cn-beijing');
    expect(resolveRegion(undefined, endpoint)).toBe('cn-hangzhou');
    expect(() => resolveRegion('cn hangzhou', endpoint)).toThrow('region: must be a region id');
  });
});

describe('request targets and URLs', () => {
  const domain = parseEndpoint('oss-cn-hangzhou.aliyuncs.com');
  const local = parseEndpoint('http://127.0.0.1:9000');

  it('addresses the bucket in the host for domains and in the path for IPs', () => {
    expect(requestTarget(domain, 'examplebucket', 'test-channel', { live: '', comp: 'stat' })).toEqual({
      protocol: 'https:',
      hostname: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      path: '/test-channel?live&comp=stat',
    });
    expect(requestTarget(local, 'examplebucket', 'test-channel', { live: '' })).toEqual({
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 9000,
      path: '/examplebucket/test-channel?live',
    });
    expect(requestTarget(local, 'examplebucket', '', { live: '' }).path).toBe('/examplebucket/?live');
    expect(requestTarget(domain, 'examplebucket', '', {}).path).toBe('/');
  });

  it('strips IPv6 brackets for the connection but keeps them in URLs', () => {
    const v6 = parseEndpoint('http://[::1]:9000');
    expect(requestTarget(v6, 'b-1', 'k', {}).hostname).toBe('::1');
    expect(objectUrl(v6, 'b-1', 'k', {})).toBe('http://[::1]:9000/b-1/k');
  });

  it('percent-encodes keys (keeping /) and query values RFC 3986 style', () => {
    expect(encodeRfc3986("a b+c/d*e'(f)!~")).toBe('a%20b%2Bc%2Fd%2Ae%27%28f%29%21~');
    expect(encodeKeyPath('live channel/直播.m3u8')).toBe('live%20channel/%E7%9B%B4%E6%92%AD.m3u8');
    expect(formatQuery({ vod: '', endTime: '2', 'x-oss-process': 'hls/sign' })).toBe('vod&endTime=2&x-oss-process=hls%2Fsign');
    expect(objectUrl(domain, 'examplebucket', 'a b/c.m3u8', { x: 'y z' })).toBe('https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a%20b/c.m3u8?x=y%20z');
  });
});

describe('RTMP publish base', () => {
  it('is rtmp://<bucket>.<host>/live for domains, without the HTTP port', () => {
    expect(defaultRtmpBase(parseEndpoint('https://oss-cn-hangzhou.aliyuncs.com:8443'), 'examplebucket')).toBe('rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live');
  });

  it('goes to the region endpoint when the API uses transfer acceleration (HTTP only)', () => {
    expect(defaultRtmpBase(parseEndpoint('oss-accelerate.aliyuncs.com'), 'examplebucket', 'cn-beijing')).toBe('rtmp://examplebucket.oss-cn-beijing.aliyuncs.com/live');
    expect(defaultRtmpBase(parseEndpoint('oss-accelerate-overseas.aliyuncs.com'), 'examplebucket', 'ap-southeast-1')).toBe('rtmp://examplebucket.oss-ap-southeast-1.aliyuncs.com/live');
    expect(defaultRtmpBase(parseEndpoint('oss-cn-hangzhou-internal.aliyuncs.com'), 'examplebucket', 'cn-hangzhou')).toBe('rtmp://examplebucket.oss-cn-hangzhou-internal.aliyuncs.com/live');
  });

  it('is rtmp://<host>/<bucket>/live for IP and localhost endpoints (default port 1935 left implicit)', () => {
    expect(defaultRtmpBase(parseEndpoint('http://127.0.0.1:9000'), 'examplebucket')).toBe('rtmp://127.0.0.1/examplebucket/live');
    expect(defaultRtmpBase(parseEndpoint('http://localhost:9000'), 'b-1')).toBe('rtmp://localhost/b-1/live');
  });

  it('accepts a configured base and drops a trailing slash', () => {
    expect(normalizeRtmpBase('rtmp://127.0.0.1:19350/examplebucket/live/')).toBe('rtmp://127.0.0.1:19350/examplebucket/live');
    expect(() => normalizeRtmpBase('http://host/live')).toThrow('rtmpBase: must look like rtmp://host[:port]/app');
    expect(() => normalizeRtmpBase('rtmp://host')).toThrow(ValidationError);
  });
});
