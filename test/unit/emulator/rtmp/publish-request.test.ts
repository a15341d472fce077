import { describe, expect, it } from 'vitest';
import { formatRemoteAddress, parsePublishRequest, parseQuery, parseTcUrl } from '../../../../emulator/rtmp/publish-request';

const remote = '127.0.0.1:50000';

describe('parsePublishRequest', () => {
  it("reads OBS's split: app 'live' and stream key '<channel>?<signed query>'", () => {
    const request = parsePublishRequest(
      { app: 'live', tcUrl: 'rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live' },
      'test-channel?OSSAccessKeyId=44CF9590006BF252F707&Expires=1700003600&Signature=YY9RjoDwz64Iv%2Bcqa2i58BH8ebE%3D&playlistName=playlist.m3u8',
      remote,
    );
    expect(request).toMatchObject({
      app: 'live',
      streamName: 'test-channel',
      host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      tcUrl: 'rtmp://examplebucket.oss-cn-hangzhou.aliyuncs.com/live',
      remoteAddress: remote,
    });
    expect(Object.fromEntries(request.query)).toEqual({
      OSSAccessKeyId: '44CF9590006BF252F707',
      Expires: '1700003600',
      Signature: 'YY9RjoDwz64Iv+cqa2i58BH8ebE=',
      playlistName: 'playlist.m3u8',
    });
  });

  it('percent-decodes the channel name (ali-oss encodes spaces)', () => {
    expect(parsePublishRequest({ app: 'live', tcUrl: '' }, 'live%20channel%202', remote).streamName).toBe('live channel 2');
  });

  it('falls back to the query on the tcUrl, then on the app, when the name has none', () => {
    const fromTcUrl = parsePublishRequest({ app: 'live', tcUrl: 'rtmp://h:1935/live?Expires=1' }, 'ch', remote);
    expect(fromTcUrl.query.get('Expires')).toBe('1');
    expect(fromTcUrl.host).toBe('h');
    const fromApp = parsePublishRequest({ app: 'live?Expires=2', tcUrl: 'rtmp://h/live' }, 'ch', remote);
    expect([fromApp.app, fromApp.query.get('Expires')]).toEqual(['live', '2']);
    const nameWins = parsePublishRequest({ app: 'live', tcUrl: 'rtmp://h/live?Expires=1' }, 'ch?Expires=3', remote);
    expect(nameWins.query.get('Expires')).toBe('3');
  });

  it('puts everything before the last path part into app, however the client split it', () => {
    const ffmpeg = parsePublishRequest({ app: 'mybucket/live', tcUrl: 'rtmp://127.0.0.1:1935/mybucket/live' }, 'ch', remote);
    const other = parsePublishRequest({ app: 'mybucket', tcUrl: 'rtmp://127.0.0.1:1935/mybucket' }, 'live/ch?a=1', remote);
    expect([ffmpeg.app, ffmpeg.streamName]).toEqual(['mybucket/live', 'ch']);
    expect([other.app, other.streamName, other.query.get('a')]).toEqual(['mybucket/live', 'ch', '1']);
  });

  it.each([
    ['an empty name', ''],
    ['only a query', '?Expires=1'],
    ['a trailing slash', 'live/'],
  ])('refuses %s, naming the publish name', (_case, name) => {
    expect(() => parsePublishRequest({ app: 'live', tcUrl: '' }, name, remote)).toThrow(/^publish name: expected/);
  });
});

describe('parseQuery: what ffmpeg and OBS send for the same signed key', () => {
  const signature = 'YY9RjoDwz64Iv+cqa2i58BH8ebE=';

  it('decodes the key as typed (ffmpeg passes it through)', () => {
    expect(parseQuery('Signature=YY9RjoDwz64Iv%2Bcqa2i58BH8ebE%3D&playlistName=a%20b.m3u8').get('Signature')).toBe(signature);
  });

  it("keeps '+' as '+' in a key OBS already percent-decoded (librtmp unescapes the stream key)", () => {
    const params = parseQuery(`OSSAccessKeyId=AK&Signature=${signature}&empty=&flag`);
    expect(Object.fromEntries(params)).toEqual({ OSSAccessKeyId: 'AK', Signature: signature, empty: '', flag: '' });
  });

  it('keeps text that is not valid percent-encoding as it came, in the query and in the channel name', () => {
    expect(parseQuery('a=100%&b=%zz').get('a')).toBe('100%');
    expect(parsePublishRequest({ app: 'live', tcUrl: '' }, 'ch%E0%A4%A', remote).streamName).toBe('ch%E0%A4%A');
  });
});

describe('parseTcUrl and formatRemoteAddress', () => {
  it('takes the host without port, and leaves it empty for a non-URL', () => {
    expect(parseTcUrl('rtmp://bucket.host:1935/live?x=1')).toEqual({ host: 'bucket.host', query: 'x=1' });
    expect(parseTcUrl('not a url')).toEqual({ host: '', query: undefined });
  });

  it('formats ip:port, brackets IPv6 and unmaps IPv4-mapped addresses', () => {
    expect(formatRemoteAddress('127.0.0.1', 5)).toBe('127.0.0.1:5');
    expect(formatRemoteAddress('::1', 5)).toBe('[::1]:5');
    expect(formatRemoteAddress('::ffff:10.1.2.3', 47745)).toBe('10.1.2.3:47745');
  });
});
