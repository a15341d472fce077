/**
 * Which OSS bucket and which OBS a command or the app talks to, with the precedence the CLI documents:
 * explicit settings (flags / environment) > the named profile (`--profile`) > the profile in use (`profile use`) >
 * the built-in Local profile (the running local emulator). Secrets come from the environment or the OS keychain.
 */
import { ValidationError } from '../../shared/validation';
import type { ProfileStore } from '../keychain';
import { DEFAULT_OBS_WEBSOCKET_URL } from '../keychain';
import type { Credentials, OssLiveClientOptions } from '../oss';
import { definedOnly } from '../util/defined-only';

/** OSS settings given explicitly (flags, environment); each one wins over the profile's. */
export interface ExplicitOss {
  endpoint?: string;
  bucket?: string;
  region?: string;
  signatureVersion?: 'v1' | 'v4';
  rtmpBase?: string;
  credentials?: Credentials;
}

export interface ConnectionRequest {
  explicit: ExplicitOss;
  /** A profile named explicitly (`--profile NAME`). */
  profile?: string;
  /** obs-websocket URL given explicitly (`--obs`). */
  obsUrl?: string;
  /** obs-websocket password from the environment (`OBS_WEBSOCKET_PASSWORD`). */
  obsPassword?: string;
}

export interface ResolvedConnection {
  /** The profile used, or undefined when flags and environment alone described the connection. */
  profileName?: string;
  oss: OssLiveClientOptions;
  obs: { url: string; password?: string };
}

/**
 * Resolves a request. When an endpoint is given explicitly and no profile is named, no profile is read at all (so
 * scripts that set OSS_* never touch the keychain); otherwise the profile's fields are the base and explicit values
 * override them one by one. `store` is only called when a profile is needed.
 */
export async function resolveConnection(request: ConnectionRequest, store: () => ProfileStore): Promise<ResolvedConnection> {
  const { explicit } = request;
  if (explicit.endpoint !== undefined && request.profile === undefined) {
    if (explicit.bucket === undefined) throw new ValidationError('bucket', 'is required when the endpoint is given explicitly');
    return {
      oss: { ...definedOnly(explicit), endpoint: explicit.endpoint, bucket: explicit.bucket },
      obs: obsSettings(request, undefined, undefined),
    };
  }
  const resolved = await store().resolve(request.profile);
  const { profile } = resolved;
  const oss: OssLiveClientOptions = {
    endpoint: profile.endpoint,
    bucket: profile.bucket,
    region: profile.region,
    signatureVersion: profile.signatureVersion,
    credentials: resolved.credentials,
    ...(profile.rtmpBase === undefined ? {} : { rtmpBase: profile.rtmpBase }),
    ...definedOnly(explicit),
  };
  return { profileName: profile.name, oss, obs: obsSettings(request, profile.obsWebSocketUrl, resolved.obsPassword) };
}

function obsSettings(request: ConnectionRequest, profileUrl: string | undefined, profilePassword: string | undefined): ResolvedConnection['obs'] {
  const password = request.obsPassword ?? profilePassword;
  return { url: request.obsUrl ?? profileUrl ?? DEFAULT_OBS_WEBSOCKET_URL, ...(password === undefined ? {} : { password }) };
}
