/**
 * The built-in "Local" profile: the embedded emulator. It is not stored and needs no keychain; the emulator owns its
 * generated credentials and its address, and the caller hands them over at run time through a hook.
 */
import type { Profile, SignatureVersion } from '../../shared/profile';
import { LOCAL_PROFILE_NAME } from '../../shared/profile';
import type { Credentials } from './resolved-profile';

/** obs-websocket's default address; the Local profile uses it unless the hook says otherwise. */
export const DEFAULT_OBS_WEBSOCKET_URL = 'ws://127.0.0.1:4455';

/** What the running emulator tells the profile store about itself. */
export interface LocalConnection {
  endpoint: string;
  region: string;
  bucket: string;
  credentials: Credentials;
  signatureVersion?: SignatureVersion;
  rtmpBase?: string;
  obsWebSocketUrl?: string;
  obsPassword?: string;
}

/**
 * Supplies the emulator's connection. Called by every list/get/current/resolve that involves the Local profile, so
 * it should be cheap (e.g. return the address of an emulator that is already running).
 */
export type LocalConnectionSource = () => LocalConnection | Promise<LocalConnection>;

/** The Local profile's non-secret view of a connection. */
export function localProfile(connection: LocalConnection): Profile {
  return {
    name: LOCAL_PROFILE_NAME,
    endpoint: connection.endpoint,
    region: connection.region,
    bucket: connection.bucket,
    accessKeyId: connection.credentials.accessKeyId,
    signatureVersion: connection.signatureVersion ?? 'v4',
    obsWebSocketUrl: connection.obsWebSocketUrl ?? DEFAULT_OBS_WEBSOCKET_URL,
    ...(connection.rtmpBase === undefined ? {} : { rtmpBase: connection.rtmpBase }),
  };
}
