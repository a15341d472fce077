import { describe, expect, it } from 'vitest';

import { hostName, parseTarget, resolveAddress } from '../../../../emulator/http/addressing';
import { OssServiceError } from '../../../../emulator/errors';

const known = (bucket: string): boolean => bucket === 'local' || bucket === 'second';

describe('parseTarget', () => {
  it('decodes the path and the query; bare and empty values alike; first occurrence wins', () => {
    expect(parseTarget('/lc%2Ftest.m3u8?vod=&endTime=1470792140&startTime=1470788540')).toEqual({
      path: '/lc/test.m3u8',
      query: { vod: '', endTime: '1470792140', startTime: '1470788540' },
    });
    expect(parseTarget('/ch?live&comp=stat&comp=history&&x=a+b%2B')).toEqual({ path: '/ch', query: { live: '', comp: 'stat', x: 'a b+' } });
    expect(parseTarget('/a+b')).toEqual({ path: '/a+b', query: {} });
  });

  it('refuses what is not a request path or not valid percent-encoding', () => {
    for (const target of ['*', 'http://host/x', '/%E0%A4%A', '/x?%zz=1', '/x?a=%']) {
      expect(() => parseTarget(target), target).toThrow(OssServiceError);
    }
  });
});

describe('resolveAddress', () => {
  it('reads a virtual-hosted bucket from the Host', () => {
    expect(resolveAddress('second.localhost:9000', '/ch', known, 'local')).toEqual({ bucket: 'second', key: 'ch', style: 'virtual-hosted' });
    expect(resolveAddress('second.oss-local.aliyuncs.com', '/a/b', known, 'local')).toEqual({ bucket: 'second', key: 'a/b', style: 'virtual-hosted' });
  });

  it('answers NoSuchBucket for an unknown bucket sub-domain of localhost or aliyuncs.com', () => {
    expect(() => resolveAddress('nope.localhost', '/', known, 'local')).toThrow('The specified bucket does not exist.');
    expect(() => resolveAddress('nope.oss-cn-hangzhou.aliyuncs.com', '/', known, 'local')).toThrow(OssServiceError);
  });

  it('uses the first path segment when it names a known bucket (path-style)', () => {
    expect(resolveAddress('127.0.0.1:9000', '/second/ch/1.ts', known, 'local')).toEqual({ bucket: 'second', key: 'ch/1.ts', style: 'path' });
    expect(resolveAddress('127.0.0.1', '/local/', known, 'local')).toEqual({ bucket: 'local', key: '', style: 'path' });
    expect(resolveAddress('localhost', '/local', known, 'local')).toEqual({ bucket: 'local', key: '', style: 'path' });
  });

  it('sends everything else to the default bucket (bucket-less)', () => {
    expect(resolveAddress('127.0.0.1:9000', '/ch?', known, 'local')).toEqual({ bucket: 'local', key: 'ch?', style: 'bucket-less' });
    expect(resolveAddress('[::1]:9000', '/', known, 'local')).toEqual({ bucket: 'local', key: '', style: 'bucket-less' });
    expect(resolveAddress(undefined, '/x/y', known, 'local')).toEqual({ bucket: 'local', key: 'x/y', style: 'bucket-less' });
    expect(resolveAddress('my-laptop.lan', '/x', known, 'local')).toEqual({ bucket: 'local', key: 'x', style: 'bucket-less' });
  });

  it('normalises Host names', () => {
    expect(hostName('Local.LocalHost:80')).toBe('local.localhost');
    expect(hostName('[::1]:9000')).toBe('::1');
    expect(hostName(undefined)).toBe('');
  });
});
