import type { ApiHandlers, ChannelStatView } from '../../../shared/api';
import type { LiveChannelInput } from '../../../shared/live-channel';
import type { AppContext } from '../../app/app-context';
import { createChannel } from '../../services/create-channel';
import { toApiError } from '../api-error';
import { MAX_URL_SECONDS, expectBoolean, expectInteger, expectObject, expectOneOf, expectString, expectStringArray, optionalInteger, optionalString, pickFields } from '../guards';

type ChannelHandlers = Pick<
  ApiHandlers,
  | 'channels.list'
  | 'channels.stats'
  | 'channels.info'
  | 'channels.create'
  | 'channels.setStatus'
  | 'channels.delete'
  | 'channels.signPublishUrl'
  | 'channels.playUrl'
  | 'channels.previewUrl'
>;

/** Badges for one page of channels: a few stats at a time, so OSS is not hit with a burst. */
const STAT_CONCURRENCY = 6;

function readInput(value: unknown): LiveChannelInput {
  return pickFields<LiveChannelInput>(value, 'input', {
    description: optionalString,
    status: (raw, field) => (raw === undefined ? undefined : expectOneOf(raw, field, ['enabled', 'disabled'] as const)),
    fragDuration: optionalInteger,
    fragCount: optionalInteger,
    playlistName: optionalString,
    snapshot: (raw) => (raw === undefined ? undefined : pickFields(raw, 'input.snapshot', { roleName: expectString, destBucket: expectString, notifyTopic: expectString, interval: expectInteger })),
  });
}

function readUrlOptions(value: unknown): { playlistName?: string; expiresInSeconds: number } {
  return pickFields<{ playlistName?: string; expiresInSeconds: number }>(value, 'options', {
    playlistName: optionalString,
    expiresInSeconds: (raw, field) => expectInteger(raw, field, 1, MAX_URL_SECONDS),
  });
}

/** `items` mapped with at most `limit` calls in flight. */
async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Channels: list, badges, create (never overwriting by accident), enable/disable, delete, and the three URLs. */
export function channelHandlers(context: AppContext): ChannelHandlers {
  const client = async () => (await context.services()).client;

  return {
    async 'channels.list'(query) {
      const q = pickFields<{ prefix?: string; marker?: string; maxKeys?: number }>(query, 'query', {
        prefix: optionalString,
        marker: optionalString,
        maxKeys: (raw, field) => optionalInteger(raw, field, 1, 1000),
      });
      return (await client()).listLiveChannels(q);
    },

    async 'channels.stats'(names) {
      const list = expectStringArray(names, 'names', 1000);
      const oss = await client();
      return mapLimited(list, STAT_CONCURRENCY, async (name): Promise<ChannelStatView> => {
        try {
          return { name, stat: await oss.getLiveChannelStat(name) };
        } catch (error) {
          return { name, error: toApiError(error).message };
        }
      });
    },

    async 'channels.info'(name) {
      return (await client()).getLiveChannelInfo(expectString(name, 'name'));
    },

    async 'channels.create'(name, input, options) {
      const overwrite = expectBoolean(expectObject(options, 'options').overwrite, 'options.overwrite');
      return createChannel(await client(), expectString(name, 'name'), readInput(input), { overwrite });
    },

    async 'channels.setStatus'(name, status) {
      await (await client()).putLiveChannelStatus(expectString(name, 'name'), expectOneOf(status, 'status', ['enabled', 'disabled'] as const));
    },

    async 'channels.delete'(name) {
      await (await client()).deleteLiveChannel(expectString(name, 'name'));
    },

    async 'channels.signPublishUrl'(name, options) {
      const { playlistName, expiresInSeconds } = readUrlOptions(options);
      return (await client()).signRtmpUrlAsync(expectString(name, 'name'), { expiresInSeconds, ...(playlistName ? { playlistName } : {}) });
    },

    async 'channels.playUrl'(name, options) {
      const channel = expectString(name, 'name');
      const { playlistName, expiresInSeconds } = readUrlOptions(options);
      const oss = await client();
      const playlist = playlistName ?? (await oss.getLiveChannelInfo(channel)).target.playlistName;
      // hls/sign: OSS signs every segment URI in the playlist it returns, so a private bucket plays in any player.
      const url = await oss.presignUrl(`${channel}/${playlist}`, { expiresInSeconds, process: 'hls/sign' });
      return { url, expiresAt: new Date(Date.now() + expiresInSeconds * 1000) };
    },

    async 'channels.previewUrl'(name, playlistName) {
      const channel = expectString(name, 'name');
      const playlist = optionalString(playlistName, 'playlistName') ?? (await (await client()).getLiveChannelInfo(channel)).target.playlistName;
      return { url: `media/${encodeURIComponent(channel)}/${encodeURIComponent(playlist)}` };
    },
  };
}
