/** The OBS controller: the main process's entry point to this folder. */
export { ObsController } from './controller';
export type { ConnectionState, ObsControllerEvents, ObsControllerOptions, StreamWaitOptions } from './controller';
export { ObsError, RequestStatus } from './errors';
export type { ObsErrorKind } from './errors';
export { preflight } from './preflight';
export type {
  AudioCodec,
  EncoderProfile,
  OutputMode,
  PreflightCheck,
  PreflightCheckId,
  PreflightReport,
  VideoCodec,
} from './preflight';
export type { ReconnectPolicy } from './reconnect';
export type { NotReadyRetry } from './retry-not-ready';
export type { ByteCount, ObsSample } from './stats';
export type { RtmpCustomTarget, StreamServiceSnapshot } from './stream-service';
export type { StreamEvent, StreamState, StreamStatus } from './stream-state';
