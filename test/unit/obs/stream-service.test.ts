import { describe, expect, it } from 'vitest';

import { restoreRequests, rtmpCustomRequest, sameJson } from '../../../electron/obs/stream-service';
import type { StreamServiceSnapshot } from '../../../electron/obs/stream-service';
import { ValidationError } from '../../../shared/validation';

const server = 'rtmp://bucket.oss-cn-hangzhou.aliyuncs.com/live';
const key = 'channel?Expires=1700000000&OSSAccessKeyId=id&Signature=sig%3D';

describe('rtmpCustomRequest', () => {
  it('sets server and key and turns authentication off explicitly, so stale fields cannot survive a merge', () => {
    expect(rtmpCustomRequest({ type: 'rtmp_custom', server, key })).toEqual({
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server, key, use_auth: false, username: '', password: '' },
    });
  });

  it('turns authentication on only when both username and password are given', () => {
    const withAuth = rtmpCustomRequest({ type: 'rtmp_custom', server, key, username: 'u', password: 'p' });
    expect(withAuth.streamServiceSettings).toMatchObject({ use_auth: true, username: 'u', password: 'p' });
    const half = rtmpCustomRequest({ type: 'rtmp_custom', server, key, username: 'u' });
    expect(half.streamServiceSettings).toMatchObject({ use_auth: false, username: '' });
  });

  it('names the field of a bad server or an empty key', () => {
    const fieldOf = (target: { server: string; key: string }): string | undefined => {
      try {
        rtmpCustomRequest({ type: 'rtmp_custom', ...target });
        return undefined;
      } catch (error) {
        return error instanceof ValidationError ? error.field : 'other';
      }
    };
    expect(fieldOf({ server: 'http://example.com/live', key })).toBe('server');
    expect(fieldOf({ server: 'rtmp://', key })).toBe('server');
    expect(fieldOf({ server: 'rtmps://ingest.example.com:443/app', key })).toBeUndefined();
    expect(fieldOf({ server, key: '' })).toBe('key');
  });
});

describe('restoreRequests', () => {
  const custom = (settings: Record<string, string | boolean>): StreamServiceSnapshot => ({
    streamServiceType: 'rtmp_custom',
    streamServiceSettings: settings,
  });
  const fresh: StreamServiceSnapshot = { streamServiceType: 'rtmp_common', streamServiceSettings: {} };

  it('sends nothing when OBS already has the snapshot (key order aside)', () => {
    expect(restoreRequests(custom({ server, key }), custom({ key, server }))).toEqual([]);
  });

  it('sets a snapshot of another type directly, and gives back "no settings" as a null that OBS drops', () => {
    expect(restoreRequests(custom({ server, key }), fresh)).toEqual([
      { streamServiceType: 'rtmp_common', streamServiceSettings: { none: null } },
    ]);
  });

  it('passes through another type first when the type is the same, so OBS does not merge', () => {
    const user = custom({ server: 'rtmp://a/live', key: 'mine' });
    const ours = custom({ server, key, use_auth: false, username: '', password: '' });
    expect(restoreRequests(ours, user)).toEqual([
      { streamServiceType: 'rtmp_common', streamServiceSettings: { none: null } },
      user,
    ]);
    const twitch: StreamServiceSnapshot = {
      streamServiceType: 'rtmp_common',
      streamServiceSettings: { service: 'Twitch', server: 'auto', key: 'live_1' },
    };
    expect(restoreRequests(fresh, twitch)[0]).toEqual({
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { none: null },
    });
  });
});

describe('sameJson', () => {
  it('compares JSON structurally', () => {
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});
