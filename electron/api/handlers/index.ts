import type { ApiHandlers } from '../../../shared/api';
import { LOCAL_PROFILE_NAME } from '../../../shared/profile';
import type { AppContext } from '../../app/app-context';
import type { LiveSession } from '../../app/live-session';
import type { MediaRoute } from '../../app/media-route';
import { broadcastHandlers } from './broadcast-handlers';
import { channelHandlers } from './channel-handlers';
import { clipHandlers } from './clip-handlers';
import { profileHandlers } from './profile-handlers';

/** The service table behind the contract: every method of shared/api.ts, each validating its own input. */
export function createApiHandlers(context: AppContext, session: LiveSession, media: MediaRoute): ApiHandlers {
  return {
    async 'app.info'() {
      const [profile, keychain] = await Promise.all([context.profiles.current(), context.keychain()]);
      const emulator = context.emulator.instance;
      return {
        version: context.options.version,
        mode: context.options.mode,
        profile: { name: profile.name, local: profile.name === LOCAL_PROFILE_NAME },
        ...(emulator ? { emulator: { endpoint: emulator.endpoint, rtmp: emulator.rtmp, bucket: emulator.bucket } } : {}),
        keychain,
      };
    },
    ...profileHandlers(context),
    ...channelHandlers(context),
    ...broadcastHandlers(context, session),
    ...clipHandlers(context, media),
  };
}
