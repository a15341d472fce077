import type { ApiHandlers } from '../../../shared/api';
import type { GoLiveRequest, StopRequest } from '../../../shared/golive';
import type { LiveChannelInput } from '../../../shared/live-channel';
import type { AppContext } from '../../app/app-context';
import { OssError } from '../../oss';
import type { LiveSession } from '../../app/live-session';
import { MAX_URL_SECONDS, expectBoolean, expectString, optionalInteger, optionalString, pickFields } from '../guards';

type BroadcastHandlers = Pick<
  ApiHandlers,
  'golive.start' | 'golive.stop' | 'golive.cancel' | 'golive.status' | 'monitor.watch' | 'monitor.unwatch' | 'history.list'
>;

const DAY = 86_400;

function readGoLive(value: unknown): GoLiveRequest {
  return pickFields<GoLiveRequest>(value, 'request', {
    channel: expectString,
    playlistName: optionalString,
    expiresInSeconds: (raw, field) => optionalInteger(raw, field, 60, MAX_URL_SECONDS),
    plannedDurationSeconds: (raw, field) => optionalInteger(raw, field, 60, 30 * DAY),
    liveTimeoutMs: (raw, field) => optionalInteger(raw, field, 1000, 300_000),
    create: (raw, field) =>
      raw === undefined
        ? undefined
        : pickFields<LiveChannelInput>(raw, field, {
            description: optionalString,
            status: () => undefined,
            fragDuration: optionalInteger,
            fragCount: optionalInteger,
            playlistName: optionalString,
            snapshot: () => undefined,
          }),
  });
}

/** Go live, stop, the monitor and the broadcast history. */
export function broadcastHandlers(context: AppContext, session: LiveSession): BroadcastHandlers {
  return {
    'golive.start': async (request) => session.start(readGoLive(request)),
    'golive.stop': async (request) => {
      const stop = pickFields<StopRequest>(request, 'request', {
        channel: expectString,
        disable: (raw, field) => (raw === undefined ? undefined : expectBoolean(raw, field)),
      });
      return session.stop(stop);
    },
    'golive.cancel': async () => session.cancel(),
    'golive.status': async () => session.status(),
    'monitor.watch': async (channel) => session.watch(expectString(channel, 'channel')),
    'monitor.unwatch': async () => session.release(),
    async 'history.list'(channel) {
      const name = optionalString(channel, 'channel');
      const { client, deps } = await context.services();
      if (name === undefined) return context.history.list({ profile: deps.profile, bucket: deps.bucket });
      // OSS keeps only the last 10 ingest records: merge them into the local history each time it is looked at.
      const records = await client.getLiveChannelHistory(name).catch((error: unknown) => {
        // A deleted channel has no OSS history any more, but the local one is still worth showing.
        if (error instanceof OssError && error.status === 404) return undefined;
        throw error;
      });
      if (records) await context.history.syncFromOss(deps.profile, deps.bucket, name, records);
      return context.history.list({ profile: deps.profile, bucket: deps.bucket, channel: name });
    },
  };
}

