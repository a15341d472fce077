import { describe, expect, it } from 'vitest';

import { ERRORS, OssServiceError } from '../../../../emulator/errors';
import { FAILED_CODE, refusal, REFUSED_CODE, resolvePublishTarget } from '../../../../emulator/ingest';

const buckets = { isKnown: (name: string) => name === 'local' || name === 'second', defaultBucket: 'local' };
const target = (app: string, host: string) => resolvePublishTarget({ app, host, streamName: 'ch' }, buckets);

describe('resolvePublishTarget', () => {
  it('maps live to the host bucket or the default, and <bucket>/live to that bucket', () => {
    expect(target('live', '127.0.0.1')).toEqual({ bucket: 'local', channel: 'ch' });
    expect(target('live', 'localhost')).toEqual({ bucket: 'local', channel: 'ch' });
    expect(target('live', '')).toEqual({ bucket: 'local', channel: 'ch' });
    expect(target('live', 'second.localhost')).toEqual({ bucket: 'second', channel: 'ch' });
    expect(target('live', 'second.oss-local.aliyuncs.com')).toEqual({ bucket: 'second', channel: 'ch' });
    expect(target('second/live', '127.0.0.1')).toEqual({ bucket: 'second', channel: 'ch' });
    expect(target('local/live', 'second.localhost')).toEqual({ bucket: 'local', channel: 'ch' });
  });

  it('refuses unknown buckets and other applications with the OSS error', () => {
    expect(() => target('nope/live', '127.0.0.1')).toThrow(expect.objectContaining({ code: 'NoSuchBucket' }) as Error);
    expect(() => target('live', 'nope.localhost')).toThrow(expect.objectContaining({ code: 'NoSuchBucket' }) as Error);
    expect(() => target('app', '127.0.0.1')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as Error);
    expect(() => target('a/b/live', '127.0.0.1')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as Error);
  });
});

describe('refusal', () => {
  it('gives the agreed short reason with the OSS code, as BadName', () => {
    const cases: Array<[OssServiceError, string]> = [
      [new OssServiceError(ERRORS.liveChannelDisabled), 'channel is disabled (LiveChannelDisabled)'],
      [new OssServiceError(ERRORS.channelStillLive), 'channel is already live (ChannelStillLive)'],
      [new OssServiceError(ERRORS.signatureDoesNotMatch), 'signature does not match (SignatureDoesNotMatch)'],
      [new OssServiceError(ERRORS.anonymousDenied), 'missing signature (AccessDenied)'],
      [new OssServiceError(ERRORS.requestExpired), 'url expired (AccessDenied)'],
      [new OssServiceError(ERRORS.noSuchLiveChannel), 'no such live channel (NoSuchLiveChannel)'],
      [new OssServiceError(ERRORS.invalidPlaylistName), 'invalid playlistName (InvalidArgument)'],
    ];
    for (const [error, reason] of cases) expect(refusal(error)).toEqual({ accept: false, code: REFUSED_CODE, reason });
  });

  it('reports anything else as an internal failure without its message', () => {
    expect(refusal(new Error('EIO: /secret/path'))).toEqual({ accept: false, code: FAILED_CODE, reason: 'internal error while starting the publish' });
  });
});
