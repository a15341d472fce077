import type { Profile } from '../../shared/profile';

/** OSS credentials; the same shape the OSS client takes. Main process only. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** A profile with its secrets read from the keychain: what the main process needs to connect. Never sent to the renderer. */
export interface ResolvedProfile {
  profile: Profile;
  credentials: Credentials;
  obsPassword?: string;
}
