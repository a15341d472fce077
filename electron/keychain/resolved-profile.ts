import type { Profile } from '../../shared/profile';
import type { Credentials } from '../oss/credentials';

/** OSS credentials: the OSS client's own type, so a resolved profile feeds the client as it is. Main process only. */
export type { Credentials };

/** A profile with its secrets read from the keychain: what the main process needs to connect. Never sent to the renderer. */
export interface ResolvedProfile {
  profile: Profile;
  credentials: Credentials;
  obsPassword?: string;
}
