import type { Profile } from '../../shared/profile';

/** What a profile form needs from an emulator (a running one, or `oss-live local`'s ready line). */
export interface EmulatorAddress {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
}

/** A profile named `name` pointing at `emulator`, V4-signed, with the default OBS address: what the tests save and check. */
export function emulatorProfile(emulator: EmulatorAddress, name: string): Profile {
  return {
    name,
    endpoint: emulator.endpoint,
    region: emulator.region,
    bucket: emulator.bucket,
    accessKeyId: emulator.accessKeyId,
    signatureVersion: 'v4',
    obsWebSocketUrl: 'ws://127.0.0.1:4455',
  };
}
