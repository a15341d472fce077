import { describe, expect, it } from 'vitest';

import type { Profile } from '../../../shared/profile';
import { ValidationError } from '../../../shared/validation';
import {
  validateBucketName,
  validateEndpoint,
  validateObsWebSocketUrl,
  validateProfile,
  validateProfileName,
  validateRtmpBase,
  validateSecrets,
} from '../../../shared/profile-validation';

/** The field a check rejects, or undefined when it accepts. */
function fieldOf(check: () => void): string | undefined {
  try {
    check();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

const valid: Profile = {
  name: 'Studio A',
  endpoint: 'oss-cn-hangzhou.aliyuncs.com',
  region: 'cn-hangzhou',
  bucket: 'studio-live',
  accessKeyId: 'LTAI5tExample',
  signatureVersion: 'v4',
  obsWebSocketUrl: 'ws://127.0.0.1:4455',
};

describe('profile validation', () => {
  it('accepts profile names of 1-64 letters, digits, spaces and -_. except "Local" in any case', () => {
    for (const name of ['a', 'Studio A', 'prod-2.backup_1', 'x'.repeat(64)]) expect(fieldOf(() => validateProfileName(name))).toBeUndefined();
    for (const name of ['', 'x'.repeat(65), 'a/b', 'tab\there', 'ünïcode', ' padded', 'padded ', 'Local', 'LOCAL', 'local']) {
      expect(fieldOf(() => validateProfileName(name)), name).toBe('name');
    }
    expect(() => validateProfileName('local')).toThrow(/built-in/);
  });

  it('accepts endpoints as http(s) URLs or hosts, with ports, IPv4 and IPv6', () => {
    for (const endpoint of [
      'oss-cn-hangzhou.aliyuncs.com',
      'https://oss-cn-hangzhou.aliyuncs.com',
      'http://127.0.0.1:9000',
      'https://oss.example.com/',
      'localhost:9000',
      '10.0.0.5',
      '[::1]:9000',
      'http://[::1]:9000',
    ]) {
      expect(fieldOf(() => validateEndpoint(endpoint)), endpoint).toBeUndefined();
    }
    for (const endpoint of [
      '',
      'ftp://host',
      'https://host/path',
      'https://host?x=1',
      'https://user:pw@host',
      'host/path',
      'bad host',
      'host:99999',
      '-bad-.example.com',
      'host:',
    ]) {
      expect(fieldOf(() => validateEndpoint(endpoint)), endpoint).toBe('endpoint');
    }
  });

  it('follows OSS bucket naming rules', () => {
    for (const bucket of ['abc', 'my-bucket-1', 'a'.repeat(63), '123']) expect(fieldOf(() => validateBucketName(bucket))).toBeUndefined();
    for (const bucket of ['ab', 'a'.repeat(64), '-abc', 'abc-', 'Abc', 'a_b', 'a.b', '']) {
      expect(fieldOf(() => validateBucketName(bucket)), bucket).toBe('bucket');
    }
  });

  it('wants ws:// or wss:// for OBS and rtmp(s):// without a query for the RTMP base', () => {
    expect(fieldOf(() => validateObsWebSocketUrl('wss://obs.lan:4455'))).toBeUndefined();
    for (const url of ['http://127.0.0.1:4455', '127.0.0.1:4455', 'ws://', '']) {
      expect(fieldOf(() => validateObsWebSocketUrl(url)), url).toBe('obsWebSocketUrl');
    }
    expect(fieldOf(() => validateRtmpBase('rtmp://127.0.0.1/bucket/live'))).toBeUndefined();
    for (const url of ['http://host/live', 'rtmp://host/live?x=1', 'host/live']) {
      expect(fieldOf(() => validateRtmpBase(url)), url).toBe('rtmpBase');
    }
  });

  it('names the first bad field of a whole profile', () => {
    expect(fieldOf(() => validateProfile(valid))).toBeUndefined();
    expect(fieldOf(() => validateProfile({ ...valid, region: 'CN Hangzhou' }))).toBe('region');
    expect(fieldOf(() => validateProfile({ ...valid, accessKeyId: '' }))).toBe('accessKeyId');
    expect(fieldOf(() => validateProfile({ ...valid, accessKeyId: 'LTAI 5t' }))).toBe('accessKeyId');
    expect(fieldOf(() => validateProfile({ ...valid, signatureVersion: 'v2' as 'v4' }))).toBe('signatureVersion');
    expect(fieldOf(() => validateProfile({ ...valid, rtmpBase: 'rtmp://h/live' }))).toBeUndefined();
  });

  it('requires the AccessKeySecret, allows the others, and never echoes a secret', () => {
    expect(fieldOf(() => validateSecrets({ accessKeySecret: 's' }))).toBeUndefined();
    expect(fieldOf(() => validateSecrets({ accessKeySecret: '' }))).toBe('accessKeySecret');
    expect(fieldOf(() => validateSecrets({ accessKeySecret: 's', securityToken: '' }))).toBe('securityToken');
    expect(fieldOf(() => validateSecrets({ accessKeySecret: 's', obsPassword: 42 as unknown as string }))).toBe('obsPassword');
    expect(() => validateSecrets({ accessKeySecret: 'ok', securityToken: '' })).toThrow(/^securityToken: must be a non-empty string$/);
  });
});
