/** Error paths, retries, timeouts, aborts and validation, against a real local socket. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { OssLiveClientOptions } from '../../../electron/oss';
import { OssError, OssLiveClient } from '../../../electron/oss';
import { ValidationError } from '../../../shared/validation';
import type { RecordingServer } from '../../support/recording-server';
import { startRecordingServer } from '../../support/recording-server';
import { fixture } from './fixtures';

const credentials = { accessKeyId: '44CF9590006BF252F707', accessKeySecret: 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV' };
const bucket = 'examplebucket';
const xmlError = (status: number, name: string): { status: number; headers: Record<string, string>; body: string } => ({
  status,
  headers: { 'content-type': 'application/xml', 'x-oss-request-id': 'HEADER0000000000000000ID' },
  body: fixture(name),
});
const idle = { status: 200, headers: { 'content-type': 'application/xml' }, body: fixture('live-channel-stat-idle.xml') };

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

/** Path-style V4 client with tiny backoffs so retry tests stay fast. */
const client = (options: Partial<OssLiveClientOptions> = {}): OssLiveClient =>
  new OssLiveClient({ endpoint: server.url, bucket, region: 'cn-hangzhou', credentials, retries: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...options });

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function ossError(promise: Promise<unknown>): Promise<OssError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(OssError);
  return error as OssError;
}

describe('service errors', () => {
  it('404 NoSuchLiveChannel: status, code, message, request id, host id and EC from the body', async () => {
    server.enqueue(xmlError(404, 'error-no-such-live-channel.xml'));
    const error = await ossError(client().getLiveChannelInfo('test-channel'));
    expect(error).toMatchObject({
      name: 'OssError',
      status: 404,
      code: 'NoSuchLiveChannel',
      message: 'The specified live channel does not exist.',
      requestId: '5C3D9175B6FC201293AD4890',
      hostId: 'test-bucket.oss-cn-hangzhou.aliyuncs.com',
      ec: '0044-00000209',
    });
    expect(error.details.LiveChannel).toBe('test-channel');
    expect(server.requests).toHaveLength(1);
  });

  it('403 SignatureDoesNotMatch carries the server string to sign', async () => {
    server.enqueue(xmlError(403, 'error-signature-does-not-match.xml'));
    const error = await ossError(client().putLiveChannelStatus('test-channel', 'disabled'));
    expect(error.status).toBe(403);
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.stringToSign).toBe('PUT\n\n\nWed, 24 Aug 2016 11:11:28 GMT\n/examplebucket/test-channel?live&status=disabled');
    expect(error.ec).toBe('0002-00000040');
  });

  it('400 InvalidArgument with EC (PostVodPlaylist with no ts in range)', async () => {
    server.enqueue(xmlError(400, 'error-invalid-argument-ec.xml'));
    const error = await ossError(client().postVodPlaylist('test-channel', 'vod.m3u8', { startTime: 1, endTime: 2 }));
    expect(error).toMatchObject({ status: 400, code: 'InvalidArgument', ec: '0044-00000308', message: 'No ts file found in specified time span.' });
  });

  it('409 ChannelStillLive', async () => {
    server.enqueue({
      status: 409,
      body: '<Error><Code>ChannelStillLive</Code><Message>Live channel couldn\'t be updated or deleted when channel is live.</Message><RequestId>R1</RequestId></Error>',
    });
    expect(await ossError(client().deleteLiveChannel('test-channel'))).toMatchObject({ status: 409, code: 'ChannelStillLive', requestId: 'R1' });
  });

  it('a non-XML error body becomes UnknownError with the header request id and EC', async () => {
    server.enqueue({ status: 502, headers: { 'x-oss-request-id': 'PROXY', 'x-oss-ec': '0000-00000000' }, body: '<html>Bad Gateway</html>' });
    const error = await ossError(client({ retries: 0 }).getLiveChannelStat('test-channel'));
    expect(error).toMatchObject({ status: 502, code: 'UnknownError', requestId: 'PROXY', ec: '0000-00000000' });
    expect(error.message).toContain('<html>Bad Gateway</html>');
  });

  it('HEAD errors are decoded from the base64 x-oss-err header', async () => {
    const document = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>HEADREQ</RequestId><EC>0026-00000001</EC></Error>';
    server.enqueue({ status: 404, headers: { 'x-oss-err': Buffer.from(document).toString('base64'), 'x-oss-request-id': 'HEADREQ' } });
    const error = await ossError(client().headObject('missing.ts'));
    expect(error).toMatchObject({ status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.', requestId: 'HEADREQ', ec: '0026-00000001' });
  });

  it('a 2xx body of the wrong shape becomes InvalidResponse naming the element', async () => {
    server.enqueue({ status: 200, headers: { 'x-oss-request-id': 'ODD' }, body: '<LiveChannelStat><Status>Streaming</Status></LiveChannelStat>' });
    const error = await ossError(client().getLiveChannelStat('test-channel'));
    expect(error).toMatchObject({ status: 200, code: 'InvalidResponse', requestId: 'ODD' });
    expect(error.message).toContain('LiveChannelStat/Status');
  });

  it('OssError can be made by callers too (one type for everything)', () => {
    const error = new OssError({ status: 409, code: 'ChannelAlreadyExists', message: 'exists' });
    expect(error).toBeInstanceOf(Error);
    expect(error.details).toEqual({});
    expect(error.requestId).toBeUndefined();
  });
});

describe('retries', () => {
  it('retries a 5xx and succeeds', async () => {
    server.enqueue({ status: 503, body: '<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>' }, idle);
    expect(await client().getLiveChannelStat('test-channel')).toEqual({ status: 'Idle' });
    expect(server.requests).toHaveLength(2);
  });

  it('signs every attempt afresh', async () => {
    let tick = 0;
    const clock = (): Date => new Date(Date.UTC(2024, 0, 1, 0, 0, tick++));
    server.enqueue({ status: 500 }, idle);
    await client({ now: clock }).getLiveChannelStat('test-channel');
    const [first, second] = server.requests;
    expect(first?.headers['x-oss-date']).not.toBe(second?.headers['x-oss-date']);
    expect(first?.headers.authorization).not.toBe(second?.headers.authorization);
  });

  it('gives up after 1 + retries attempts and reports the last 5xx', async () => {
    server.enqueue({ status: 500 }, { status: 500 }, { status: 503, body: '<Error><Code>ServiceUnavailable</Code><Message>still busy</Message></Error>' });
    const error = await ossError(client({ retries: 2 }).getLiveChannelInfo('test-channel'));
    expect(error).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
    expect(server.requests).toHaveLength(3);
  });

  it('takes a per-call retry count over the client\'s (a poller asks again anyway)', async () => {
    // A retry would find the queue empty and be recorded too.
    server.enqueue({ status: 503 });
    expect((await ossError(client({ retries: 2 }).getLiveChannelStat('test-channel', { retries: 0 }))).status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a 4xx', async () => {
    // A retry would find the queue empty and be recorded too.
    server.enqueue(xmlError(404, 'error-no-such-live-channel.xml'));
    expect((await ossError(client().getLiveChannelStat('test-channel'))).status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a POST (PostVodPlaylist), not even on 5xx or a network error', async () => {
    server.enqueue({ status: 503 });
    expect((await ossError(client().postVodPlaylist('c', 'v.m3u8', { startTime: 1, endTime: 2 }))).status).toBe(503);
    server.enqueue({ action: 'destroy' });
    expect((await ossError(client().postVodPlaylist('c', 'v.m3u8', { startTime: 1, endTime: 2 }))).code).toBe('NetworkError');
    expect(server.requests).toHaveLength(2);
  });

  it('retries a dropped connection', async () => {
    server.enqueue({ action: 'destroy' }, idle);
    expect(await client().getLiveChannelStat('test-channel')).toEqual({ status: 'Idle' });
    expect(server.requests).toHaveLength(2);
  });

  it('reports NetworkError (status 0) when every attempt is dropped', async () => {
    server.enqueue({ action: 'destroy' }, { action: 'destroy' });
    const error = await ossError(client({ retries: 1 }).getLiveChannelStat('test-channel'));
    expect(error).toMatchObject({ status: 0, code: 'NetworkError' });
    expect(error.message).toContain('GET /examplebucket/test-channel');
    expect(server.requests).toHaveLength(2);
  });

  it('reports NetworkError when nothing listens', async () => {
    const closed = await startRecordingServer();
    const endpoint = closed.url;
    await closed.close();
    const error = await ossError(new OssLiveClient({ endpoint, bucket, retries: 0 }).getLiveChannelStat('x'));
    expect(error).toMatchObject({ status: 0, code: 'NetworkError' });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('counts a DELETE as done when its retry answers 404 after a lost response', async () => {
    server.enqueue({ action: 'destroy' }, xmlError(404, 'error-no-such-live-channel.xml'));
    await client().deleteLiveChannel('test-channel');
    expect(server.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('still reports a 404 on the first DELETE attempt', async () => {
    server.enqueue(xmlError(404, 'error-no-such-live-channel.xml'));
    expect((await ossError(client().deleteLiveChannel('test-channel'))).code).toBe('NoSuchLiveChannel');
  });
});

describe('timeouts and aborts', () => {
  it('times out an attempt that never gets an answer: RequestTimeout, status 0', async () => {
    server.enqueue({ action: 'hang' });
    const error = await ossError(client({ timeoutMs: 150, retries: 0 }).getLiveChannelStat('test-channel'));
    expect(error).toMatchObject({ status: 0, code: 'RequestTimeout' });
    expect(error.message).toContain('timed out after 150 ms');
  });

  it('retries after a timeout', async () => {
    server.enqueue({ action: 'hang' }, idle);
    expect(await client({ timeoutMs: 150, retries: 1 }).getLiveChannelStat('test-channel')).toEqual({ status: 'Idle' });
    expect(server.requests).toHaveLength(2);
  });

  it('aborts an in-flight request: RequestAborted, no retry', async () => {
    server.enqueue({ action: 'hang' });
    const controller = new AbortController();
    const call = client({ retries: 2 }).getLiveChannelStat('test-channel', { signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    expect(await ossError(call)).toMatchObject({ status: 0, code: 'RequestAborted' });
    expect(server.requests).toHaveLength(1);
  });

  it('aborts during the backoff between attempts', async () => {
    server.enqueue({ status: 503 });
    const controller = new AbortController();
    const call = client({ retries: 3, retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000 }).getLiveChannelStat('test-channel', { signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    expect(await ossError(call)).toMatchObject({ code: 'RequestAborted' });
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const error = await ossError(client().getLiveChannelStat('test-channel', { signal: AbortSignal.abort() }));
    expect(error.code).toBe('RequestAborted');
    expect(server.requests).toHaveLength(0);
  });
});

describe('validation happens before any request', () => {
  const c = (): OssLiveClient => client();
  const cases: Array<[string, string, () => Promise<unknown>]> = [
    ['channel with /', 'channel', () => c().getLiveChannelInfo('a/b')],
    ['empty channel', 'channel', () => c().getLiveChannelStat('')],
    ['description over 128 bytes', 'description', () => c().putLiveChannel('ch', { description: '通'.repeat(43) })],
    ['fragDuration without fragCount', 'fragCount', () => c().putLiveChannel('ch', { fragDuration: 5 })],
    ['fragCount 0', 'fragCount', () => c().putLiveChannel('ch', { fragDuration: 5, fragCount: 0 })],
    ['fragDuration 101', 'fragDuration', () => c().putLiveChannel('ch', { fragDuration: 101, fragCount: 3 })],
    ['fractional fragDuration', 'fragDuration', () => c().putLiveChannel('ch', { fragDuration: 2.5, fragCount: 3 })],
    ['playlist without .m3u8', 'playlistName', () => c().putLiveChannel('ch', { playlistName: 'list.txt' })],
    ['playlist too short', 'playlistName', () => c().putLiveChannel('ch', { playlistName: '.m3u8' })],
    ['playlist with /', 'playlistName', () => c().postVodPlaylist('ch', 'a/b.m3u8', { startTime: 1, endTime: 2 })],
    ['snapshot interval 0', 'snapshot.interval', () => c().putLiveChannel('ch', { snapshot: { roleName: 'r', destBucket: 'dest', notifyTopic: 't', interval: 0 } })],
    ['status typo', 'status', () => c().putLiveChannelStatus('ch', 'enable' as 'enabled')],
    ['VOD start after end', 'endTime', () => c().getVodPlaylist('ch', { startTime: 10, endTime: 5 })],
    ['VOD milliseconds span', 'endTime', () => c().getVodPlaylist('ch', { startTime: 1543895706263, endTime: 1543895806266 })],
    ['VOD fractional time', 'startTime', () => c().postVodPlaylist('ch', 'v.m3u8', { startTime: 1.5, endTime: 5 })],
    ['VOD longer than a day', 'endTime', () => c().postVodPlaylist('ch', 'v.m3u8', { startTime: 0, endTime: 86_401 })],
    ['max-keys 0', 'maxKeys', () => c().listLiveChannels({ maxKeys: 0 })],
    ['max-keys 1001', 'maxKeys', () => c().listObjects({ maxKeys: 1001 })],
    ['object key starting with /', 'key', () => c().getObject('/abs.ts')],
    ['negative range start', 'range.start', () => c().getObject('a.ts', { range: { start: -1 } })],
    ['range end before start', 'range.end', () => c().getObject('a.ts', { range: { start: 10, end: 5 } })],
    ['presign in the past', 'expiresAt', () => c().presignUrl('a.m3u8', { expiresAt: new Date(Date.now() - 1000) })],
    ['V4 presign beyond 7 days', 'expiresInSeconds', () => c().presignUrl('a.m3u8', { expiresInSeconds: 8 * 86_400 })],
  ];
  for (const [name, field, call] of cases) {
    it(`${name} -> ValidationError(${field})`, async () => {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
      expect(server.requests).toHaveLength(0);
    });
  }

  it('listAllLiveChannels validates on first iteration, before any request', async () => {
    const iterate = async (): Promise<void> => {
      for await (const _ of c().listAllLiveChannels({ maxKeys: 5000 })) break;
    };
    expect(await rejection(iterate())).toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('constructor validation', () => {
  const build = (options: Partial<OssLiveClientOptions>): unknown => {
    try {
      return new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket, credentials, ...options });
    } catch (error) {
      return error;
    }
  };
  const fieldOf = (value: unknown): string | undefined => (value instanceof ValidationError ? value.field : undefined);

  it('asks for a region only when a V4 signature needs one, before any request', async () => {
    // RTMP URLs are always V1: no region needed to sign one.
    const noRegion = new OssLiveClient({ endpoint: server.url, bucket, credentials, retries: 0 });
    expect(noRegion.signRtmpUrl('test-channel').url).toMatch(/[?&]Signature=/);
    for (const call of [() => noRegion.getLiveChannelStat('test-channel'), () => noRegion.presignUrl('a.m3u8')]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(ValidationError);
      expect(String(error)).toBe("ValidationError: region: is required for V4 signatures: '127.0.0.1' does not name one (e.g. cn-hangzhou)");
    }
    expect(server.requests).toHaveLength(0);
    // V1 requests and anonymous ones sign nothing with a region.
    server.enqueue(idle, idle);
    expect(await new OssLiveClient({ endpoint: server.url, bucket, credentials, signatureVersion: 'v1' }).getLiveChannelStat('test-channel')).toEqual({ status: 'Idle' });
    expect(await new OssLiveClient({ endpoint: server.url, bucket }).getLiveChannelStat('test-channel')).toEqual({ status: 'Idle' });
    expect(server.requests).toHaveLength(2);
    expect(build({ endpoint: 'oss-accelerate.aliyuncs.com' })).toBeInstanceOf(OssLiveClient);
  });

  it('rejects bad buckets, credentials, endpoints and rtmp bases, naming the field', () => {
    expect(fieldOf(build({ bucket: 'Bad_Bucket' }))).toBe('bucket');
    expect(fieldOf(build({ credentials: { accessKeyId: 'id', accessKeySecret: '' } }))).toBe('credentials.accessKeySecret');
    expect(fieldOf(build({ endpoint: 'ftp://x' }))).toBe('endpoint');
    expect(fieldOf(build({ rtmpBase: 'http://x/live' }))).toBe('rtmpBase');
    expect(fieldOf(build({ retries: -1 }))).toBe('retries');
    expect(fieldOf(build({ timeoutMs: 0 }))).toBe('timeoutMs');
  });

  it('never puts the secret into a validation message', () => {
    const error = build({ credentials: { accessKeyId: '', accessKeySecret: 'TOP-SECRET' } });
    expect(String(error)).not.toContain('TOP-SECRET');
  });
});
