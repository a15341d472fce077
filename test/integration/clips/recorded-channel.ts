/**
 * A channel with real recordings: ffmpeg publishes the test pattern (H.264 + AAC, keyframe every second) into the
 * emulator, once per connection, and we wait until the emulator has closed each session (its history record is
 * written after the last segment, so the VOD playlist is complete then).
 */
import type { LiveRecord, VodRange } from '../../../shared/live-channel';
import type { OssLiveClient } from '../../../electron/oss';
import { publishTestPattern } from '../../support/ffmpeg-publisher';
import { until } from '../monitor/until';

export async function recordConnections(client: OssLiveClient, channel: string, connections: number, seconds: number): Promise<LiveRecord[]> {
  await client.putLiveChannel(channel, { fragDuration: 1, fragCount: 3 });
  for (let connection = 1; connection <= connections; connection++) {
    const { code, stderr } = await publishTestPattern(client.signRtmpUrl(channel).url, { seconds, fragDuration: 1 }).exited;
    if (code !== 0) throw new Error(`ffmpeg publish failed (${String(code)}): ${stderr}`);
    await until(async () => (await client.getLiveChannelHistory(channel)).length >= connection, 10_000, `history record ${connection} of ${channel}`);
  }
  return client.getLiveChannelHistory(channel);
}

/** The whole span of some records, widened to whole seconds (OSS takes a segment when its start is in the range). */
export const spanOf = (records: LiveRecord[]): VodRange => ({
  startTime: Math.floor(Math.min(...records.map((record) => record.startTime.getTime())) / 1000),
  endTime: Math.ceil(Math.max(...records.map((record) => record.endTime.getTime())) / 1000),
});
