/** The local OSS LiveChannel emulator: start it in-process, stop it, and the state the RTMP ingest glue drives. */
export { startEmulator, emulatorUrls } from './emulator';
export type { EmulatorOptions, RunningEmulator } from './emulator';
export type { AccessKeyPair, StsCredentials } from './credentials';
export { EmulatorState } from './state/emulator-state';
export type { BeginSessionOptions, KickHandler } from './state/emulator-state';
export type { LiveSession } from './state/live-session';
export { BANDWIDTH_UNIT } from './state/rate-meter';
export { checkPublishPermission } from './state/publish-permission';
export type { PublishCheck } from './state/publish-permission';
export { ERRORS, OssServiceError } from './errors';
export type { BucketAcl } from './http/route-context';
