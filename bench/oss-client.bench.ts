/**
 * OSS client hot paths against ali-oss in the same run: RTMP URL signing (re-signed on every go-live and before
 * expiry) and ListLiveChannel parsing of a 1000-channel page (the largest page OSS returns).
 */
import OSS from 'ali-oss';

import { OssLiveClient } from '../electron/oss';
import { parseListLiveChannelResult } from '../electron/oss/xml';
import type { BenchResult } from './measure';
import { compared, measurePair } from './measure';

const credentials = { accessKeyId: '44CF9590006BF252F707', accessKeySecret: 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV' };
const bucket = 'examplebucket';

/** A ListLiveChannelResult with `count` channels, shaped like the docs sample. */
export function listBody(count: number): string {
  const channels = Array.from({ length: count }, (_, i) => {
    const name = `channel-${String(i).padStart(4, '0')}`;
    return (
      `  <LiveChannel>\n    <Name>${name}</Name>\n    <Description>channel number ${i}</Description>\n` +
      `    <Status>${i % 3 === 0 ? 'disabled' : 'enabled'}</Status>\n    <LastModified>2016-07-30T01:54:21.000Z</LastModified>\n` +
      `    <PublishUrls>\n      <Url>rtmp://${bucket}.oss-cn-hangzhou.aliyuncs.com/live/${name}</Url>\n    </PublishUrls>\n` +
      `    <PlayUrls>\n      <Url>http://${bucket}.oss-cn-hangzhou.aliyuncs.com/${name}/playlist.m3u8</Url>\n    </PlayUrls>\n  </LiveChannel>\n`
    );
  }).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListLiveChannelResult>\n  <Prefix></Prefix>\n  <Marker></Marker>\n` +
    `  <MaxKeys>1000</MaxKeys>\n  <IsTruncated>true</IsTruncated>\n  <NextMarker>channel-0999</NextMarker>\n${channels}</ListLiveChannelResult>\n`
  );
}

export default async function run(): Promise<BenchResult[]> {
  const ours = new OssLiveClient({ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket, credentials });
  const theirs = new OSS({ region: 'oss-cn-hangzhou', bucket, ...credentials });

  const sign = await measurePair(
    () => ours.signRtmpUrl('test-channel', { playlistName: 'playlist.m3u8', expiresInSeconds: 3600 }),
    () => theirs.getRtmpUrl('test-channel', { expires: 3600, params: { playlistName: 'playlist.m3u8' } }),
  );

  // ali-oss's private response parser (xml2js, explicitArray false): what its listChannels runs on every page.
  const aliParseXml = (theirs as unknown as { parseXML(xml: string): Promise<unknown> }).parseXML.bind(theirs);
  const body = listBody(1000);
  // Both must read all 1000 channels, or the comparison is meaningless.
  const parsedTheirs = (await aliParseXml(body)) as { LiveChannel?: unknown[] };
  if (parseListLiveChannelResult(body).channels.length !== 1000 || parsedTheirs.LiveChannel?.length !== 1000) {
    throw new Error('list parsing benchmark: a parser did not read 1000 channels');
  }
  const parse = await measurePair(() => parseListLiveChannelResult(body), () => aliParseXml(body));

  return [
    compared('RTMP URL signing', 'ops/s', sign.ours, { name: 'ali-oss getRtmpUrl', value: sign.theirs }),
    compared('ListLiveChannel parse, 1000 channels', 'pages/s', parse.ours, { name: 'ali-oss parseXML (xml2js)', value: parse.theirs },
      'ours also converts to typed values (Date, number, boolean); ali-oss returns strings'),
  ];
}
