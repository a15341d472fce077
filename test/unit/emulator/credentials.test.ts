import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { CredentialAuthority, constantTimeEqual, loadOrCreateCredentials } from '../../../emulator/credentials';
import { OssServiceError } from '../../../emulator/errors';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const root = { accessKeyId: 'LTAIaaaaaaaaaaaaaaaaaaaa', accessKeySecret: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' };

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof OssServiceError) return error.code;
    throw error;
  }
  return 'ok';
}

describe('loadOrCreateCredentials', () => {
  it('generates a pair once, keeps it in credentials.json with mode 0600, and replaces a damaged file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'oss-live-credentials-'));
    dirs.push(dir);
    const first = await loadOrCreateCredentials(dir);
    expect(first.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(first.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(await loadOrCreateCredentials(dir)).toEqual(first);
    const file = path.join(dir, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first);
    await writeFile(file, '{"accessKeyId":');
    const replaced = await loadOrCreateCredentials(dir);
    expect(replaced.accessKeyId).not.toBe(first.accessKeyId);
  });
});

describe('CredentialAuthority', () => {
  let clock = 1_700_000_000_000;
  const authority = new CredentialAuthority(root, () => new Date(clock));

  it('knows the root pair and nothing else without a token', () => {
    expect(authority.signerFor(root.accessKeyId, undefined)).toEqual(root);
    expect(codeOf(() => authority.signerFor('LTAIother', undefined))).toBe('InvalidAccessKeyId');
    expect(codeOf(() => authority.signerFor(root.accessKeyId, 'a-token'))).toBe('InvalidAccessKeyId');
  });

  it('issues STS credentials it can verify from the token alone, until they expire', () => {
    const sts = authority.issueSts(60);
    expect(sts.accessKeyId).toMatch(/^STS\./);
    expect(sts.expiration.getTime()).toBe(clock + 60_000);
    expect(authority.signerFor(sts.accessKeyId, sts.securityToken)).toEqual({ accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret, securityToken: sts.securityToken });
    // Another authority over the same root (a restart) derives the same secret.
    expect(new CredentialAuthority(root, () => new Date(clock)).signerFor(sts.accessKeyId, sts.securityToken).accessKeySecret).toBe(sts.accessKeySecret);
    clock += 61_000;
    expect(codeOf(() => authority.signerFor(sts.accessKeyId, sts.securityToken))).toBe('SecurityTokenExpired');
  });

  it('refuses forged, swapped and missing tokens, and tokens of another root', () => {
    const a = authority.issueSts();
    const b = authority.issueSts();
    expect(codeOf(() => authority.signerFor(a.accessKeyId, b.securityToken))).toBe('InvalidSecurityToken');
    expect(codeOf(() => authority.signerFor(a.accessKeyId, `${a.securityToken}x`))).toBe('InvalidSecurityToken');
    expect(codeOf(() => authority.signerFor(a.accessKeyId, 'garbage'))).toBe('InvalidSecurityToken');
    expect(codeOf(() => authority.signerFor(a.accessKeyId, undefined))).toBe('InvalidAccessKeyId');
    const other = new CredentialAuthority({ ...root, accessKeySecret: 'c'.repeat(30) }, () => new Date(clock));
    expect(codeOf(() => other.signerFor(a.accessKeyId, a.securityToken))).toBe('InvalidSecurityToken');
  });

  it('bounds the duration like STS AssumeRole', () => {
    expect(() => authority.issueSts(0)).toThrow(RangeError);
    expect(() => authority.issueSts(12 * 3600 + 1)).toThrow(RangeError);
  });
});

describe('constantTimeEqual', () => {
  it('compares by value, also across lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
