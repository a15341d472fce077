import { describe, expect, it } from 'vitest';

import {
  parseLiveChannelConfiguration as parseConfigBody,
  createLiveChannelResult,
  liveChannelConfiguration,
  liveChannelHistory,
  liveChannelStat,
  listLiveChannelResult,
} from '../../../../emulator/http/live-channel-xml';
import { OssServiceError } from '../../../../emulator/errors';
import {
  parseListLiveChannelResult,
  parseLiveChannelConfiguration,
  parseLiveChannelHistory,
  parseLiveChannelStat,
} from '../../../../electron/oss/xml';

const body = (target: string, rest = ''): string => `<LiveChannelConfiguration>${rest}<Target>${target}</Target></LiveChannelConfiguration>`;

function ecOf(xml: string): string {
  try {
    parseConfigBody(xml);
  } catch (error) {
    if (error instanceof OssServiceError) return `${error.status} ${error.code} ${error.ec}`;
    throw error;
  }
  return 'accepted';
}

describe('PutLiveChannel body', () => {
  it('fills defaults, with or without an XML declaration', () => {
    const expected = { description: '', status: 'enabled', target: { type: 'HLS', fragDuration: 5, fragCount: 3, playlistName: 'playlist.m3u8' } };
    expect(parseConfigBody(body('<Type>HLS</Type>'))).toEqual(expected);
    expect(parseConfigBody(`<?xml version="1.0" encoding="UTF-8"?>\n${body('\n  <Type>HLS</Type>\n')}`)).toEqual(expected);
  });

  it('keeps the description as sent and reads every field', () => {
    const xml = body('<Type>HLS</Type><FragDuration> 2 </FragDuration><FragCount>4</FragCount><PlaylistName>a.m3u8</PlaylistName>', '<Description> a &amp; b </Description><Status>disabled</Status>');
    expect(parseConfigBody(xml)).toEqual({ description: ' a & b ', status: 'disabled', target: { type: 'HLS', fragDuration: 2, fragCount: 4, playlistName: 'a.m3u8' } });
  });

  it('accepts one Snapshot and echoes it', () => {
    const snapshot = '<Snapshot><RoleName>role</RoleName><DestBucket>snaps</DestBucket><NotifyTopic>topic</NotifyTopic><Interval>10</Interval></Snapshot>';
    const config = parseConfigBody(body('<Type>HLS</Type>', snapshot));
    expect(config.snapshot).toEqual({ roleName: 'role', destBucket: 'snaps', notifyTopic: 'topic', interval: 10 });
    expect(parseLiveChannelConfiguration(liveChannelConfiguration(config))).toEqual(config);
  });

  it.each([
    ['Description over 128 bytes', body('<Type>HLS</Type>', `<Description>${'é'.repeat(65)}</Description>`), '400 InvalidArgument 0044-00000001'],
    ['Status not enabled/disabled', body('<Type>HLS</Type>', '<Status>Enabled</Status>'), '400 InvalidArgument 0044-00000002'],
    ['no Target', '<LiveChannelConfiguration/>', '400 InvalidArgument 0044-00000013'],
    ['Type RTMP', body('<Type>RTMP</Type>'), '400 InvalidArgument 0044-00000013'],
    ['FragDuration 0', body('<Type>HLS</Type><FragDuration>0</FragDuration><FragCount>3</FragCount>'), '400 InvalidArgument 0044-00000014'],
    ['FragDuration 2.5', body('<Type>HLS</Type><FragDuration>2.5</FragDuration><FragCount>3</FragCount>'), '400 InvalidArgument 0044-00000014'],
    ['FragCount 101', body('<Type>HLS</Type><FragDuration>5</FragDuration><FragCount>101</FragCount>'), '400 InvalidArgument 0044-00000015'],
    ['FragDuration alone', body('<Type>HLS</Type><FragDuration>5</FragDuration>'), '400 InvalidArgument 0044-00000015'],
    ['PlaylistName with /', body('<Type>HLS</Type><PlaylistName>a/b.m3u8</PlaylistName>'), '400 InvalidArgument 0044-00000018'],
    ['PlaylistName too short', body('<Type>HLS</Type><PlaylistName>.m3u8</PlaylistName>'), '400 InvalidArgument 0044-00000018'],
    ['two Snapshots', body('<Type>HLS</Type>', '<Snapshot/><Snapshot/>'), '400 InvalidArgument 0044-00000003'],
    ['a Snapshot without RoleName', body('<Type>HLS</Type>', '<Snapshot><DestBucket>b-1</DestBucket></Snapshot>'), '400 InvalidArgument 0044-00000007'],
    ['a Snapshot with a bad DestBucket', body('<Type>HLS</Type>', '<Snapshot><RoleName>r</RoleName><DestBucket>B_</DestBucket></Snapshot>'), '400 InvalidArgument 0044-00000008'],
    ['a Snapshot without NotifyTopic', body('<Type>HLS</Type>', '<Snapshot><RoleName>r</RoleName><DestBucket>bbb</DestBucket></Snapshot>'), '400 InvalidArgument 0044-00000006'],
    ['elements where text belongs', body('<Type><X/></Type>'), '400 MalformedXML 0017-00000005'],
  ])('refuses %s', (_name, xml, expected) => {
    expect(ecOf(xml)).toBe(expected);
  });
});

describe('response documents read back by our client', () => {
  it('Live stat with media, Idle stat, history, list', () => {
    const connectedTime = new Date('2026-01-02T03:04:05.000Z');
    const live = { status: 'Live' as const, connectedTime, remoteAddr: '8.8.8.8:57186', video: { width: 1280, height: 536, frameRate: 24, bandwidth: 214146, codec: 'H264' }, audio: { bandwidth: 11444, sampleRate: 22050, codec: 'AAC' } };
    expect(parseLiveChannelStat(liveChannelStat(live))).toEqual(live);
    expect(liveChannelStat({ status: 'Idle' })).toContain('<LiveChannelStat><Status>Idle</Status></LiveChannelStat>');
    const records = [{ startTime: connectedTime, endTime: new Date('2026-01-02T03:05:05.000Z'), remoteAddr: '1.1.1.1:57365' }];
    expect(parseLiveChannelHistory(liveChannelHistory(records))).toEqual(records);
    expect(liveChannelHistory([])).toContain('<LiveChannelHistory></LiveChannelHistory>');
    const channel = { name: 'c<1>', config: { description: 'd', status: 'enabled' as const, target: { type: 'HLS' as const, fragDuration: 5, fragCount: 3, playlistName: 'playlist.m3u8' } }, lastModified: connectedTime, history: [] };
    const xml = listLiveChannelResult({ prefix: 'c', marker: '', maxKeys: 1, isTruncated: true, nextMarker: 'c<1>', channels: [{ channel, urls: { publishUrl: 'rtmp://h/live/c', playUrl: 'http://h/c/p.m3u8' } }] });
    expect(xml.indexOf('<Prefix>')).toBeLessThan(xml.indexOf('<Marker>'));
    expect(xml.indexOf('<IsTruncated>')).toBeLessThan(xml.indexOf('<NextMarker>'));
    expect(parseListLiveChannelResult(xml)).toEqual({
      prefix: 'c', marker: '', maxKeys: 1, isTruncated: true, nextMarker: 'c<1>',
      channels: [{ name: 'c<1>', description: 'd', status: 'enabled', lastModified: connectedTime, publishUrls: ['rtmp://h/live/c'], playUrls: ['http://h/c/p.m3u8'] }],
    });
  });
});

/**
 * The exact text, so element names and order are pinned as spec §2 shows them (SDK parsers such as go's encoding/xml
 * and oss2's `_find_tag` read by name, but the documented order is the contract; our own parser would not notice).
 */
describe('response documents, exact text in the order of spec §2', () => {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const doc = (...parts: string[]): string => `${declaration}${parts.join('')}\n`;
  const connectedTime = new Date('2016-08-25T06:25:15.000Z');
  const channelUrls = { publishUrl: 'rtmp://test-bucket.oss-cn-hangzhou.aliyuncs.com/live/test-channel', playUrl: 'http://test-bucket.oss-cn-hangzhou.aliyuncs.com/test-channel/playlist.m3u8' };

  it('CreateLiveChannelResult (§2.1): PublishUrls, then PlayUrls', () => {
    expect(createLiveChannelResult(channelUrls)).toBe(
      doc(
        '<CreateLiveChannelResult>',
        '<PublishUrls><Url>rtmp://test-bucket.oss-cn-hangzhou.aliyuncs.com/live/test-channel</Url></PublishUrls>',
        '<PlayUrls><Url>http://test-bucket.oss-cn-hangzhou.aliyuncs.com/test-channel/playlist.m3u8</Url></PlayUrls>',
        '</CreateLiveChannelResult>',
      ),
    );
  });

  it('LiveChannelConfiguration (§2.5): Description, Status, Target(Type, FragDuration, FragCount, PlaylistName)', () => {
    const config = { description: '', status: 'enabled' as const, target: { type: 'HLS' as const, fragDuration: 2, fragCount: 3, playlistName: 'playlist.m3u8' } };
    expect(liveChannelConfiguration(config)).toBe(
      doc(
        '<LiveChannelConfiguration>',
        '<Description></Description>',
        '<Status>enabled</Status>',
        '<Target><Type>HLS</Type><FragDuration>2</FragDuration><FragCount>3</FragCount><PlaylistName>playlist.m3u8</PlaylistName></Target>',
        '</LiveChannelConfiguration>',
      ),
    );
  });

  it('LiveChannelStat Live (§2.6): Status, ConnectedTime, RemoteAddr, Video(Width, Height, FrameRate, Bandwidth, Codec), Audio(Bandwidth, SampleRate, Codec)', () => {
    const live = {
      status: 'Live' as const,
      connectedTime,
      remoteAddr: '10.1.2.3:47745',
      video: { width: 1280, height: 536, frameRate: 24, bandwidth: 0, codec: 'H264' },
      audio: { bandwidth: 0, sampleRate: 44100, codec: 'AAC' },
    };
    expect(liveChannelStat(live)).toBe(
      doc(
        '<LiveChannelStat>',
        '<Status>Live</Status>',
        '<ConnectedTime>2016-08-25T06:25:15.000Z</ConnectedTime>',
        '<RemoteAddr>10.1.2.3:47745</RemoteAddr>',
        '<Video><Width>1280</Width><Height>536</Height><FrameRate>24</FrameRate><Bandwidth>0</Bandwidth><Codec>H264</Codec></Video>',
        '<Audio><Bandwidth>0</Bandwidth><SampleRate>44100</SampleRate><Codec>AAC</Codec></Audio>',
        '</LiveChannelStat>',
      ),
    );
    expect(liveChannelStat({ status: 'Disabled' })).toBe(doc('<LiveChannelStat><Status>Disabled</Status></LiveChannelStat>'));
  });

  it('LiveChannelHistory (§2.7): LiveRecord(StartTime, EndTime, RemoteAddr), oldest first as given', () => {
    const records = [
      { startTime: new Date('2016-07-30T01:53:21.000Z'), endTime: new Date('2016-07-30T01:53:31.000Z'), remoteAddr: '10.101.194.148:56861' },
      { startTime: new Date('2016-07-30T01:53:35.000Z'), endTime: new Date('2016-07-30T01:53:45.000Z'), remoteAddr: '10.101.194.148:57126' },
    ];
    expect(liveChannelHistory(records)).toBe(
      doc(
        '<LiveChannelHistory>',
        '<LiveRecord><StartTime>2016-07-30T01:53:21.000Z</StartTime><EndTime>2016-07-30T01:53:31.000Z</EndTime><RemoteAddr>10.101.194.148:56861</RemoteAddr></LiveRecord>',
        '<LiveRecord><StartTime>2016-07-30T01:53:35.000Z</StartTime><EndTime>2016-07-30T01:53:45.000Z</EndTime><RemoteAddr>10.101.194.148:57126</RemoteAddr></LiveRecord>',
        '</LiveChannelHistory>',
      ),
    );
    expect(liveChannelHistory([])).toBe(doc('<LiveChannelHistory></LiveChannelHistory>'));
  });

  it('ListLiveChannelResult (§2.2): Prefix, Marker, MaxKeys, IsTruncated, NextMarker, then each LiveChannel(Name, Description, Status, LastModified, PublishUrls, PlayUrls)', () => {
    const channel = {
      name: 'channel-0',
      config: { description: '', status: 'disabled' as const, target: { type: 'HLS' as const, fragDuration: 5, fragCount: 3, playlistName: 'playlist.m3u8' } },
      lastModified: new Date('2016-07-30T01:54:21.000Z'),
      history: [],
    };
    const urls = { publishUrl: 'rtmp://b.host/live/channel-0', playUrl: 'http://b.host/channel-0/playlist.m3u8' };
    const liveChannel =
      '<LiveChannel><Name>channel-0</Name><Description></Description><Status>disabled</Status><LastModified>2016-07-30T01:54:21.000Z</LastModified>' +
      '<PublishUrls><Url>rtmp://b.host/live/channel-0</Url></PublishUrls><PlayUrls><Url>http://b.host/channel-0/playlist.m3u8</Url></PlayUrls></LiveChannel>';
    expect(listLiveChannelResult({ prefix: '', marker: '', maxKeys: 1, isTruncated: true, nextMarker: 'channel-0', channels: [{ channel, urls }] })).toBe(
      doc('<ListLiveChannelResult>', '<Prefix></Prefix><Marker></Marker><MaxKeys>1</MaxKeys><IsTruncated>true</IsTruncated><NextMarker>channel-0</NextMarker>', liveChannel, '</ListLiveChannelResult>'),
    );
    // Not truncated: no NextMarker (the docs), the rest unchanged.
    expect(listLiveChannelResult({ prefix: 'ch', marker: 'a', maxKeys: 100, isTruncated: false, channels: [{ channel, urls }] })).toBe(
      doc('<ListLiveChannelResult>', '<Prefix>ch</Prefix><Marker>a</Marker><MaxKeys>100</MaxKeys><IsTruncated>false</IsTruncated>', liveChannel, '</ListLiveChannelResult>'),
    );
  });
});
