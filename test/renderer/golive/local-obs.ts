import type { RendererApi } from '../../../shared/api';
import { freePort } from '../../support/listening-ports';

/**
 * Points the built-in Local profile at an OBS websocket, through the app's own API (as the Profiles screen does).
 * Without `url`, at a port where nothing listens: "no OBS running", whatever else runs on this machine.
 */
export async function useObs(api: RendererApi, url?: string, password?: string): Promise<string> {
  const target = url ?? `ws://127.0.0.1:${await freePort()}`;
  const local = (await api.invoke('profiles.list')).profiles.find((profile) => profile.builtIn);
  if (!local) throw new Error('no built-in Local profile');
  const { builtIn: _builtIn, secrets: _secrets, ...profile } = local;
  await api.invoke('profiles.save', {
    originalName: local.name,
    profile: { ...profile, obsWebSocketUrl: target },
    ...(password === undefined ? {} : { secrets: { obsPassword: password } }),
  });
  return target;
}
