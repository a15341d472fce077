/**
 * The emulator's one AccessKey pair (from options, or generated once and kept in `<dataDir>/credentials.json`,
 * mode 0600) and its STS: temporary credentials that need no server-side table.
 *
 * An STS token is `base64url(payload) + "." + base64url(HMAC-SHA256(stsKey, payload))` with payload
 * `<tempAccessKeyId>\n<expiry unix seconds>`, and the temporary secret is an HMAC of the payload too. So a token is
 * checked (and its secret recomputed) from the token alone, and tokens survive an emulator restart for as long as
 * the root secret stays the same. `stsKey` is derived from the root secret and never leaves the process.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { writeFileAtomic } from '../electron/fs/atomic-write';
import { ERRORS, OssServiceError } from './errors';

export interface AccessKeyPair {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface StsCredentials extends AccessKeyPair {
  securityToken: string;
  expiration: Date;
}

const CREDENTIALS_FILE = 'credentials.json';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const STS_PREFIX = 'STS.';
const DEFAULT_STS_SECONDS = 3600;
const MAX_STS_SECONDS = 12 * 3600;

const randomText = (length: number, alphabet = ALPHANUMERIC): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)] ?? '').join('');

/** A fresh pair shaped like Alibaba Cloud's: `LTAI` + 20 characters, and a 30-character secret. */
export function generateAccessKeyPair(): AccessKeyPair {
  return { accessKeyId: `LTAI${randomText(20)}`, accessKeySecret: randomText(30) };
}

function parsePair(text: string): AccessKeyPair | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { accessKeyId, accessKeySecret } = value as Record<string, unknown>;
    if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string' || !accessKeyId || !accessKeySecret) return undefined;
    return { accessKeyId, accessKeySecret };
  } catch {
    return undefined;
  }
}

/**
 * The pair in `<dataDir>/credentials.json`, generated and saved (mode 0600) on first use. A damaged file is
 * replaced with a new pair rather than silently reused.
 */
export async function loadOrCreateCredentials(dataDir: string): Promise<AccessKeyPair> {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const existing = await readFile(file, 'utf8').then(parsePair, () => undefined);
  if (existing) return existing;
  const pair = generateAccessKeyPair();
  await writeFileAtomic(file, `${JSON.stringify(pair, null, 2)}\n`, 0o600);
  return pair;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Equal strings, compared in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // Compare against itself on a length mismatch so the time does not tell the length either.
  return timingSafeEqual(left, left.length === right.length ? right : left) && left.length === right.length;
}

/** Who a request is signed by: the root pair or a temporary one. */
export interface Signer {
  accessKeyId: string;
  accessKeySecret: string;
  /** Present for STS credentials (and then also part of what they sign). */
  securityToken?: string;
}

/** The root pair plus stateless STS issue and verification. */
export class CredentialAuthority {
  private readonly stsKey: Buffer;

  constructor(
    readonly root: AccessKeyPair,
    private readonly now: () => Date,
  ) {
    this.stsKey = createHmac('sha256', root.accessKeySecret).update('oss-live-emulator/sts').digest();
  }

  /** Temporary credentials valid for `durationSeconds` (default 3600, at most 12 h, as STS AssumeRole allows). */
  issueSts(durationSeconds = DEFAULT_STS_SECONDS): StsCredentials {
    if (!Number.isInteger(durationSeconds) || durationSeconds < 1 || durationSeconds > MAX_STS_SECONDS) {
      throw new RangeError(`durationSeconds: expected an integer from 1 to ${MAX_STS_SECONDS} (got ${String(durationSeconds)})`);
    }
    const accessKeyId = `${STS_PREFIX}${randomText(24)}`;
    const expires = Math.floor(this.now().getTime() / 1000) + durationSeconds;
    const payload = `${accessKeyId}\n${expires}`;
    return {
      accessKeyId,
      accessKeySecret: this.stsSecret(payload),
      securityToken: `${base64url(payload)}.${base64url(this.mac(payload))}`,
      expiration: new Date(expires * 1000),
    };
  }

  /**
   * The signer for `accessKeyId` (+ `securityToken`), or the OSS error: InvalidAccessKeyId for an unknown id or an
   * STS id without its token (and a root id with one), InvalidSecurityToken for a forged or mismatched token,
   * SecurityTokenExpired once it expired.
   */
  signerFor(accessKeyId: string, securityToken: string | undefined): Signer {
    const unknown = (): OssServiceError => new OssServiceError(ERRORS.invalidAccessKeyId, undefined, [['OSSAccessKeyId', accessKeyId]]);
    if (!accessKeyId.startsWith(STS_PREFIX)) {
      if (securityToken !== undefined || !constantTimeEqual(accessKeyId, this.root.accessKeyId)) throw unknown();
      return { ...this.root };
    }
    if (securityToken === undefined) throw unknown();
    const [encodedPayload = '', mac = ''] = securityToken.split('.');
    const payload = Buffer.from(encodedPayload, 'base64url').toString('utf8');
    if (!constantTimeEqual(mac, base64url(this.mac(payload)))) throw new OssServiceError(ERRORS.invalidSecurityToken);
    const [tokenKeyId = '', expiresText = ''] = payload.split('\n');
    if (tokenKeyId !== accessKeyId) throw new OssServiceError(ERRORS.invalidSecurityToken);
    const expires = Number(expiresText);
    if (!(expires * 1000 > this.now().getTime())) {
      throw new OssServiceError(ERRORS.securityTokenExpired, undefined, [['Expiration', new Date(expires * 1000).toISOString()]]);
    }
    return { accessKeyId, accessKeySecret: this.stsSecret(payload), securityToken };
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.stsKey).update(payload).digest();
  }

  private stsSecret(payload: string): string {
    return createHmac('sha256', this.stsKey).update(`secret\n${payload}`).digest('base64url').slice(0, 30);
  }
}
