import type { LiveChannelInput, LiveChannelUrls } from '../../shared/live-channel';
import { validateLiveChannelInput } from '../../shared/validation';
import type { CallOptions, OssLiveClient } from '../oss';
import { OssError } from '../oss';

/**
 * PutLiveChannel silently resets an existing channel, so check first: an existing channel is replaced only when the
 * caller says so (CLI `--overwrite`, the app's confirmation). Bad input is refused before any request.
 */
export async function createChannel(
  client: Pick<OssLiveClient, 'getLiveChannelInfo' | 'putLiveChannel'>,
  name: string,
  input: LiveChannelInput,
  options: { overwrite: boolean } & CallOptions,
): Promise<{ created: boolean; urls: LiveChannelUrls }> {
  validateLiveChannelInput(name, input);
  const call = options.signal ? { signal: options.signal } : {};
  const existed = await client.getLiveChannelInfo(name, call).then(
    () => true,
    (error: unknown) => {
      if (error instanceof OssError && error.status === 404) return false;
      throw error;
    },
  );
  if (existed && !options.overwrite) {
    throw new OssError({
      status: 409,
      code: 'ChannelAlreadyExists',
      message: `Channel '${name}' already exists. Creating it again would reset it; confirm to replace its configuration.`,
    });
  }
  return { created: !existed, urls: await client.putLiveChannel(name, input, call) };
}
