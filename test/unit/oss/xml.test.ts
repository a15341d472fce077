import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import {
  XmlShapeError,
  buildLiveChannelConfiguration,
  parseCreateLiveChannelResult,
  parseErrorBody,
  parseListBucketResult,
  parseListLiveChannelResult,
  parseLiveChannelConfiguration,
  parseLiveChannelHistory,
  parseLiveChannelStat,
} from '../../../electron/oss/xml';
import { fixture } from './fixtures';

describe('parseCreateLiveChannelResult', () => {
  it('reads the docs sample', () => {
    expect(parseCreateLiveChannelResult(fixture('create-live-channel-result.xml'))).toEqual({
      publishUrls: ['rtmp://test-bucket.oss-cn-hangzhou.aliyuncs.com/live/test-channel'],
      playUrls: ['http://test-bucket.oss-cn-hangzhou.aliyuncs.com/test-channel/playlist.m3u8'],
    });
  });

  it('keeps every Url when a container has several', () => {
    const xml = '<CreateLiveChannelResult><PublishUrls><Url>rtmp://a/live/c</Url><Url>rtmp://b/live/c</Url></PublishUrls><PlayUrls/></CreateLiveChannelResult>';
    expect(parseCreateLiveChannelResult(xml)).toEqual({ publishUrls: ['rtmp://a/live/c', 'rtmp://b/live/c'], playUrls: [] });
  });
});

describe('parseListLiveChannelResult', () => {
  it('reads the docs sample (max-keys=1, truncated, NextMarker channel-0)', () => {
    expect(parseListLiveChannelResult(fixture('list-live-channel-docs.xml'))).toEqual({
      prefix: '',
      marker: '',
      maxKeys: 1,
      isTruncated: true,
      nextMarker: 'channel-0',
      channels: [
        {
          name: 'channel-0',
          description: '',
          status: 'disabled',
          lastModified: new Date(Date.UTC(2016, 6, 30, 1, 54, 21)),
          publishUrls: ['rtmp://test-bucket.oss-cn-hangzhou.aliyuncs.com/live/channel-0'],
          playUrls: ['http://test-bucket.oss-cn-hangzhou.aliyuncs.com/channel-0/playlist.m3u8'],
        },
      ],
    });
  });

  it('reads a truncated page: several channels, escaped and empty and padded descriptions', () => {
    const page = parseListLiveChannelResult(fixture('list-live-channel-truncated.xml'));
    expect(page).toMatchObject({ prefix: 'channel-list-', marker: 'channel-list-4', maxKeys: 3, isTruncated: true, nextMarker: 'channel-list-7' });
    expect(page.channels.map((c) => c.name)).toEqual(['channel-list-5', 'channel-list-6', 'channel-list-7']);
    expect(page.channels.map((c) => c.description)).toEqual(['first & <best>', '', '  spaced  ']);
    expect(page.channels.map((c) => c.status)).toEqual(['enabled', 'disabled', 'enabled']);
    expect(page.channels[2]?.lastModified.toISOString()).toBe('2023-11-14T22:13:22.000Z');
  });

  it('reads an empty bucket with NextMarker absent', () => {
    const page = parseListLiveChannelResult(fixture('list-live-channel-empty.xml'));
    expect(page).toEqual({ prefix: '', marker: '', maxKeys: 100, isTruncated: false, channels: [] });
    expect('nextMarker' in page).toBe(false);
  });

  it('treats an empty NextMarker as absent and keeps numeric-looking names as strings', () => {
    const page = parseListLiveChannelResult(fixture('list-live-channel-empty-next-marker.xml'));
    expect('nextMarker' in page).toBe(false);
    expect(page.prefix).toBe('0');
    expect(page.marker).toBe('0001');
    expect(page.channels[0]?.name).toBe('0002');
  });

  it('names the element at fault in a malformed body', () => {
    const xml = fixture('list-live-channel-docs.xml').replace('<MaxKeys>1</MaxKeys>', '<MaxKeys>many</MaxKeys>');
    expect(() => parseListLiveChannelResult(xml)).toThrow(XmlShapeError);
    expect(() => parseListLiveChannelResult(xml)).toThrow("ListLiveChannelResult/MaxKeys: expected an integer (got 'many')");
    const badStatus = fixture('list-live-channel-docs.xml').replace('<Status>disabled</Status>', '<Status>Live</Status>');
    expect(() => parseListLiveChannelResult(badStatus)).toThrow('ListLiveChannelResult/LiveChannel[0]/Status: expected enabled or disabled');
  });

  it('rejects a document of another type', () => {
    expect(() => parseListLiveChannelResult(fixture('live-channel-stat-idle.xml'))).toThrow('ListLiveChannelResult: expected a <ListLiveChannelResult> document');
  });
});

describe('parseLiveChannelConfiguration', () => {
  it('reads the docs sample with numbers as numbers', () => {
    expect(parseLiveChannelConfiguration(fixture('live-channel-info-docs.xml'))).toEqual({
      description: '',
      status: 'enabled',
      target: { type: 'HLS', fragDuration: 2, fragCount: 3, playlistName: 'playlist.m3u8' },
    });
  });

  it('fills in the OSS defaults for absent Description and Target fields', () => {
    expect(parseLiveChannelConfiguration(fixture('live-channel-info-defaults.xml'))).toEqual({
      description: '',
      status: 'disabled',
      target: { type: 'HLS', fragDuration: 5, fragCount: 3, playlistName: 'playlist.m3u8' },
    });
  });

  it('reads a configured Snapshot and keeps a numeric-looking playlist name', () => {
    expect(parseLiveChannelConfiguration(fixture('live-channel-info-snapshot.xml'))).toEqual({
      description: 'this is channel 1',
      status: 'enabled',
      target: { type: 'HLS', fragDuration: 10, fragCount: 5, playlistName: '0001.m3u8' },
      snapshot: { roleName: 'role_for_snapshot', destBucket: 'snapshotdest', notifyTopic: 'snapshotnotify', interval: 1 },
    });
  });

  it('rejects a Target type other than HLS', () => {
    const xml = fixture('live-channel-info-docs.xml').replace('<Type>HLS</Type>', '<Type>RTMP</Type>');
    expect(() => parseLiveChannelConfiguration(xml)).toThrow("LiveChannelConfiguration/Target/Type: expected HLS (got 'RTMP')");
  });
});

describe('parseLiveChannelStat', () => {
  it('reads Idle and Disabled as bare statuses', () => {
    expect(parseLiveChannelStat(fixture('live-channel-stat-idle.xml'))).toEqual({ status: 'Idle' });
    expect(parseLiveChannelStat(fixture('live-channel-stat-disabled.xml'))).toEqual({ status: 'Disabled' });
  });

  it('reads Live with video and audio (docs sample)', () => {
    expect(parseLiveChannelStat(fixture('live-channel-stat-live.xml'))).toEqual({
      status: 'Live',
      connectedTime: new Date('2016-08-25T06:25:15.000Z'),
      remoteAddr: '10.1.2.3:47745',
      video: { width: 1280, height: 536, frameRate: 24, bandwidth: 0, codec: 'H264' },
      audio: { bandwidth: 0, sampleRate: 44100, codec: 'ADPCM' },
    });
  });

  it('reads Live before media arrived: no video, no audio', () => {
    const stat = parseLiveChannelStat(fixture('live-channel-stat-live-no-media.xml'));
    expect(stat).toEqual({ status: 'Live', connectedTime: new Date('2016-08-25T06:25:15.000Z'), remoteAddr: '8.8.8.8:57186' });
    expect(Object.keys(stat)).not.toContain('video');
  });

  it('reads Live with video only and a fractional frame rate', () => {
    const stat = parseLiveChannelStat(fixture('live-channel-stat-live-video-only.xml'));
    if (stat.status !== 'Live') throw new Error(`expected Live, got ${stat.status}`);
    expect(stat.video).toEqual({ width: 1280, height: 536, frameRate: 29.97, bandwidth: 214146, codec: 'H264' });
    expect(stat.audio).toBeUndefined();
  });

  it('requires ConnectedTime while Live and rejects unknown statuses', () => {
    expect(() => parseLiveChannelStat('<LiveChannelStat><Status>Live</Status><RemoteAddr>1.2.3.4:5</RemoteAddr></LiveChannelStat>')).toThrow(
      'LiveChannelStat/ConnectedTime: expected a required element',
    );
    expect(() => parseLiveChannelStat('<LiveChannelStat><Status>Paused</Status></LiveChannelStat>')).toThrow("expected Idle, Live or Disabled (got 'Paused')");
  });
});

describe('parseLiveChannelHistory', () => {
  it('reads the four records of the docs sample, oldest first', () => {
    const records = parseLiveChannelHistory(fixture('live-channel-history-docs.xml'));
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual({
      startTime: new Date('2016-07-30T01:53:21.000Z'),
      endTime: new Date('2016-07-30T01:53:31.000Z'),
      remoteAddr: '10.101.194.148:56861',
    });
    expect(records.map((r) => r.remoteAddr.split(':')[1])).toEqual(['56861', '57126', '57577', '57632']);
  });

  it('reads an empty root as no records, in both spellings', () => {
    expect(parseLiveChannelHistory(fixture('live-channel-history-empty.xml'))).toEqual([]);
    expect(parseLiveChannelHistory('<LiveChannelHistory/>')).toEqual([]);
  });

  it('rejects an unparseable time', () => {
    const xml = fixture('live-channel-history-docs.xml').replace('2016-07-30T01:53:31.000Z', 'yesterday');
    expect(() => parseLiveChannelHistory(xml)).toThrow("LiveChannelHistory/LiveRecord[0]/EndTime: expected an ISO 8601 time (got 'yesterday')");
  });
});

describe('parseListBucketResult', () => {
  it('reads objects, common prefixes and the continuation token', () => {
    expect(parseListBucketResult(fixture('list-objects.xml'))).toEqual({
      objects: [
        { key: 'test-channel/1700000000000.ts', size: 344606, etag: '"5B3C1A2E053D763E1B002CC607C5A0FE"', lastModified: new Date('2023-11-14T22:13:25.000Z') },
        { key: 'test-channel/1700000005000.ts', size: 0, etag: '"A1B2C3D4E5F60718293A4B5C6D7E8F90"', lastModified: new Date('2023-11-14T22:13:30.000Z') },
      ],
      commonPrefixes: ['test-channel/clips/'],
      isTruncated: true,
      nextContinuationToken: 'CgJ0ZXN0LWNoYW5uZWwvMTcwMDAwMDAwNTAwMC50cw--',
    });
  });

  it('reads an empty listing', () => {
    expect(parseListBucketResult(fixture('list-objects-empty.xml'))).toEqual({ objects: [], commonPrefixes: [], isTruncated: false });
  });
});

describe('parseErrorBody', () => {
  it('reads Code, Message, RequestId, HostId, EC and the extra elements', () => {
    expect(parseErrorBody(fixture('error-no-such-live-channel.xml'))).toEqual({
      code: 'NoSuchLiveChannel',
      message: 'The specified live channel does not exist.',
      requestId: '5C3D9175B6FC201293AD4890',
      hostId: 'test-bucket.oss-cn-hangzhou.aliyuncs.com',
      ec: '0044-00000209',
      details: {
        Code: 'NoSuchLiveChannel',
        Message: 'The specified live channel does not exist.',
        RequestId: '5C3D9175B6FC201293AD4890',
        HostId: 'test-bucket.oss-cn-hangzhou.aliyuncs.com',
        LiveChannel: 'test-channel',
        EC: '0044-00000209',
      },
    });
  });

  it('keeps StringToSign byte for byte (newlines included, entities decoded)', () => {
    const body = parseErrorBody(fixture('error-signature-does-not-match.xml'));
    expect(body?.stringToSign).toBe('PUT\n\n\nWed, 24 Aug 2016 11:11:28 GMT\n/examplebucket/test-channel?live&status=disabled');
    expect(body?.details.SignatureProvided).toBe('rNnTeuhZZ7KIR9TSpjSiqaq2R9s=');
  });

  it('reads a namespaced Error root', () => {
    expect(parseErrorBody(fixture('error-invalid-argument-ec.xml'))).toMatchObject({ code: 'InvalidArgument', ec: '0044-00000308' });
  });

  it('returns undefined for anything that is not an OSS error document', () => {
    expect(parseErrorBody('')).toBeUndefined();
    expect(parseErrorBody('<html><body>502 Bad Gateway</body></html>')).toBeUndefined();
    expect(parseErrorBody('<Error><Message>no code</Message></Error>')).toBeUndefined();
  });
});

describe('buildLiveChannelConfiguration', () => {
  const reparse = (xml: string): unknown => new XMLParser({ parseTagValue: false }).parse(xml);

  it('sends only Target/Type when nothing is set, without an XML declaration', () => {
    expect(buildLiveChannelConfiguration({})).toBe('<LiveChannelConfiguration><Target><Type>HLS</Type></Target></LiveChannelConfiguration>');
  });

  it('writes every field in the documented order and omits empty ones', () => {
    const xml = buildLiveChannelConfiguration({ description: '', status: 'disabled', fragDuration: 2, fragCount: 3, playlistName: 'live.m3u8' });
    expect(xml).toBe(
      '<LiveChannelConfiguration><Status>disabled</Status><Target><Type>HLS</Type><FragDuration>2</FragDuration>' +
        '<FragCount>3</FragCount><PlaylistName>live.m3u8</PlaylistName></Target></LiveChannelConfiguration>',
    );
  });

  it('escapes text so it round-trips through a parser', () => {
    const description = `a & b <c> "d" 'e' 通道`;
    const xml = buildLiveChannelConfiguration({ description });
    expect(xml).not.toContain('<c>');
    expect(reparse(xml)).toEqual({ LiveChannelConfiguration: { Description: description, Target: { Type: 'HLS' } } });
  });

  it('writes a Snapshot block', () => {
    const xml = buildLiveChannelConfiguration({ snapshot: { roleName: 'r', destBucket: 'dest-bucket', notifyTopic: 't', interval: 5 } });
    expect(reparse(xml)).toEqual({
      LiveChannelConfiguration: { Target: { Type: 'HLS' }, Snapshot: { RoleName: 'r', DestBucket: 'dest-bucket', NotifyTopic: 't', Interval: '5' } },
    });
  });
});
