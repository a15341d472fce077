import type { LiveChannelInput, LiveChannelUrls } from '../../shared/live-channel';
import { validateLiveChannelInput } from '../../shared/validation';
import type { CallOptions, OssLiveClient } from '../oss';
import { OssError } from '../oss';

/**
 * The channel exists and the caller did not ask to replace it. Our own refusal, not an OSS answer (PutLiveChannel
 * would have succeeded), so it is not an OssError: it has no status or request id, and callers can tell it apart.
 */
export class ChannelExistsError extends Error {
  override readonly name = 'ChannelExistsError';
  /** Stable code for scripts and the renderer. */
  readonly code = 'ChannelAlreadyExists';
  constructor(readonly channel: string) {
    super(`Channel '${channel}' already exists; creating it again would reset its configuration. Pass --overwrite to replace it.`);
  }
}

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
  if (existed && !options.overwrite) throw new ChannelExistsError(name);
  return { created: !existed, urls: await client.putLiveChannel(name, input, call) };
}
