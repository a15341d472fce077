/**
 * Connection profiles as every side of the app sees them. Only non-secret fields live here: the renderer shows them,
 * the profile file stores them. Secrets stay in the main process and the OS keychain.
 */

/** OSS request signature version. */
export type SignatureVersion = 'v1' | 'v4';

/** A named OSS bucket connection plus the OBS instance to drive with it. */
export interface Profile {
  /** 1-64 characters: letters, digits, space, `-`, `_`, `.`; unique regardless of case. */
  name: string;
  /** OSS endpoint, as a URL (`https://oss-cn-hangzhou.aliyuncs.com`) or a host (`oss-cn-hangzhou.aliyuncs.com`). */
  endpoint: string;
  /** Region id, e.g. `cn-hangzhou`; V4 signing needs it. */
  region: string;
  bucket: string;
  accessKeyId: string;
  signatureVersion: SignatureVersion;
  /** obs-websocket address, `ws://` or `wss://`, e.g. `ws://127.0.0.1:4455`. */
  obsWebSocketUrl: string;
  /** RTMP publish base when it is not the default `rtmp://<bucket>.<endpoint host>/live`. */
  rtmpBase?: string;
}

/**
 * Secrets that come with a profile when it is added or changed. Write-only: they travel from a form or the CLI to
 * the main process, which puts them in the keychain; nothing ever sends them back to the renderer.
 */
export interface ProfileSecrets {
  accessKeySecret: string;
  /** STS security token, for temporary credentials. */
  securityToken?: string;
  obsPassword?: string;
}

/** The built-in profile that points at the embedded emulator. It is never stored and cannot be removed. */
export const LOCAL_PROFILE_NAME = 'Local';

/** True for the built-in profile's name, in any letter case ("local", "LOCAL"). */
export function isLocalProfileName(name: string): boolean {
  return name.toLowerCase() === LOCAL_PROFILE_NAME.toLowerCase();
}
