/**
 * Which OSS bucket and which OBS a command or the app talks to, with the precedence the CLI documents:
 * explicit settings (flags / environment) > the named profile (`--profile`) > the profile in use (`profile use`) >
 * the built-in Local profile (the running local emulator). Secrets come from the environment or the OS keychain.
 *
 * The OBS password: OBS_WEBSOCKET_PASSWORD, else the one stored with the profile (the named one, else the one in use),
 * but only when that profile's OBS URL is the OBS the command talks to: a stored password never goes to another OBS.
 */
import { msg } from '../../shared/messages';
import { ValidationError } from '../../shared/validation';
import { normalizeObsUrl } from '../golive';
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
  /**
   * The caller talks to OBS (go-live, stop, monitor). Only then, with OSS from flags/environment, is the profile in
   * use asked for a stored OBS password; OSS-only commands configured that way never read a profile or the keychain.
   */
  drivesObs?: boolean;
}

export interface ResolvedConnection {
  /** The profile used, or undefined when flags and environment alone described the connection. */
  profileName?: string;
  oss: OssLiveClientOptions;
  obs: { url: string; password?: string };
}

/**
 * Resolves a request. When an endpoint is given explicitly and no profile is named, the OSS settings are the explicit
 * ones alone, and the profile in use is consulted only for the OBS password of a caller that drives OBS (see
 * {@link storedObsPassword}); otherwise the profile's fields are the base and explicit values override them one by
 * one. `store` is only called when a profile is needed.
 */
export async function resolveConnection(request: ConnectionRequest, store: () => ProfileStore): Promise<ResolvedConnection> {
  const { explicit } = request;
  if (explicit.endpoint !== undefined && request.profile === undefined) {
    if (explicit.bucket === undefined) throw new ValidationError('bucket', msg('validation.requiredWithEndpoint'));
    const url = request.obsUrl ?? DEFAULT_OBS_WEBSOCKET_URL;
    const password = request.obsPassword ?? (request.drivesObs ? await storedObsPassword(url, store) : undefined);
    return {
      oss: { ...definedOnly(explicit), endpoint: explicit.endpoint, bucket: explicit.bucket },
      obs: { url, ...(password === undefined ? {} : { password }) },
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

function obsSettings(request: ConnectionRequest, profileUrl: string, profilePassword: string | undefined): ResolvedConnection['obs'] {
  const url = request.obsUrl ?? profileUrl;
  const password = request.obsPassword ?? (sameObs(url, profileUrl) ? profilePassword : undefined);
  return { url, ...(password === undefined ? {} : { password }) };
}

/**
 * OSS from flags/environment, no OBS_WEBSOCKET_PASSWORD: the password stored with the profile in use, if that profile
 * drives the OBS at `url`. Its keychain entries are read only then. Best effort: without a profile file, an emulator
 * (Local) or a usable keychain there is just no password, as OSS never needed any of them; OBS then says if it wants one.
 */
async function storedObsPassword(url: string, store: () => ProfileStore): Promise<string | undefined> {
  try {
    const profiles = store();
    const profile = await profiles.current();
    if (!sameObs(url, profile.obsWebSocketUrl)) return undefined;
    return (await profiles.resolve(profile.name)).obsPassword;
  } catch {
    return undefined;
  }
}

const sameObs = (a: string, b: string): boolean => normalizeObsUrl(a) === normalizeObsUrl(b);
