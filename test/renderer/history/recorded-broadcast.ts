/**
 * A broadcast recorded by the app's own embedded emulator: the channel is created and the publish URL signed
 * through the app's API, ffmpeg publishes the test pattern, and we wait until the app's history shows it ended
 * (OSS's history record comes after the last segment, so the recording is complete then).
 */
import type { RendererApi } from '../../../shared/api';
import type { Broadcast } from '../../../shared/history';
import { until } from '../../integration/monitor/until';
import { publishTestPattern } from '../../support/ffmpeg-publisher';

export async function recordBroadcast(api: RendererApi, channel: string, seconds: number): Promise<Broadcast> {
  await api.invoke('channels.create', channel, { fragDuration: 1, fragCount: 3 }, { overwrite: false });
  const { url } = await api.invoke('channels.signPublishUrl', channel, { expiresInSeconds: 600 });
  const { code, stderr } = await publishTestPattern(url, { seconds, fragDuration: 1 }).exited;
  if (code !== 0) throw new Error(`ffmpeg publish failed (${String(code)}): ${stderr}`);
  let ended: Broadcast | undefined;
  await until(
    async () => (ended = (await api.invoke('history.list', channel)).find((broadcast) => broadcast.endedAt !== undefined)) !== undefined,
    10_000,
    `an ended broadcast on ${channel}`,
  );
  if (!ended) throw new Error('unreachable');
  return ended;
}
