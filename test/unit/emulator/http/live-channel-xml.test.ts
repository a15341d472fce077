import { describe, expect, it } from 'vitest';

import {
  parseLiveChannelConfiguration as parseConfigBody,
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
