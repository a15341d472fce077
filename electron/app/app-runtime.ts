import path from 'node:path';

import { LOCAL_PROFILE_NAME } from '../../shared/profile';
import type { ApiDispatcher } from '../api/dispatch';
import { createDispatcher } from '../api/dispatch';
import type { EventHub } from '../api/event-hub';
import type { FileRoute } from '../api/file-routes';
import { createApiHandlers } from '../api/handlers';
import type { AppContextOptions } from './app-context';
import { AppContext } from './app-context';
import { downloadsRoute } from './downloads-route';
import { LiveSession } from './live-session';
import { MediaRoute } from './media-route';

/** Everything a transport (Electron IPC or the browser-mode host) needs to serve the renderer. */
export interface AppRuntime {
  dispatch: ApiDispatcher;
  events: EventHub;
  /** GET routes next to the renderer: `/media/` (preview proxy) and `/downloads/` (finished exports). */
  routes: Record<string, FileRoute>;
  context: AppContext;
  close(): Promise<void>;
}

/**
 * The composition root of the app, in plain Node: profiles, services for the profile in use, the live session, the
 * media proxy, and the dispatcher over the API handlers. With no profile of the user's own, the embedded emulator is
 * started right away, so a new user sees a working app at once.
 */
export async function startAppRuntime(options: AppContextOptions): Promise<AppRuntime> {
  const context = new AppContext(options);
  const session = new LiveSession(context.events, () => context.services());
  const media = new MediaRoute(async () => (await context.services()).client);
  context.events.subscribe((event) => {
    if (event === 'profiles.changed') void session.reset();
  });
  const handlers = createApiHandlers(context, session, media);
  const dispatch = createDispatcher(handlers, (method, error) => context.log('api.error', { method, error: error instanceof Error ? error.name : 'unknown' }));
  const current = await context.profiles.current().catch(() => undefined);
  if (current === undefined || current.name === LOCAL_PROFILE_NAME) await context.emulator.connection().catch(() => undefined);
  return {
    dispatch,
    events: context.events,
    routes: { '/media/': media.route, '/downloads/': downloadsRoute(path.join(options.dataDir, 'exports')) },
    context,
    close: async () => {
      await session.reset();
      await context.close();
    },
  };
}
