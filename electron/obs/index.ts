/** The OBS controller: the main process's entry point to this folder. */
export { ObsController } from './controller';
export type { ConnectionState, ObsControllerEvents, ObsControllerOptions, StreamWaitOptions } from './controller';
export { AUTH_FAILED_CLOSE_CODE, ObsError, RequestStatus } from './errors';
export type { ObsErrorKind } from './errors';
export {
  PROFILE_PARAMETERS,
  X264_DEFAULT_KEYINT,
  audioCodecOf,
  preflight,
  videoCodecOf,
  x264KeyintFrames,
} from './preflight';
export type {
  AudioCodec,
  EncoderProfile,
  OutputMode,
  PreflightCheck,
  PreflightCheckId,
  PreflightReport,
  VideoCodec,
} from './preflight';
export { DEFAULT_RECONNECT_POLICY, reconnectDelayMs } from './reconnect';
export type { ReconnectPolicy } from './reconnect';
export { DEFAULT_NOT_READY_RETRY, isNotReady, retryNotReady } from './retry-not-ready';
export type { NotReadyRetry } from './retry-not-ready';
export { bitrateKbps, toSample } from './stats';
export type { ByteCount, ObsSample } from './stats';
export { restoreRequests, rtmpCustomRequest, sameJson } from './stream-service';
export type { RtmpCustomTarget, StreamServiceSnapshot } from './stream-service';
export { plausibleDurationMs, toStreamEvent, toStreamStatus } from './stream-state';
export type { StreamEvent, StreamState, StreamStatus } from './stream-state';
