import type { ApiErrorData } from '../../shared/wire';
import { ValidationError } from '../../shared/validation';
import { GoLiveError } from '../golive';
import { KeychainUnavailableError, MissingSecretError, ProfileFileError, ProfileNotFoundError } from '../keychain';
import { ObsError } from '../obs';
import { OssError } from '../oss';

/** Plain-language hints for the OSS errors a streamer is most likely to meet. */
const OSS_HINTS: Record<string, string> = {
  ChannelStillLive: 'The channel is live: stop the stream (or disable the channel) first.',
  NoSuchLiveChannel: 'The channel does not exist (any more): refresh the channel list.',
  LiveChannelDisabled: 'The channel is disabled: enable it first.',
  SignatureDoesNotMatch: "The AccessKey secret does not match the AccessKey id: check the profile's secret.",
  InvalidAccessKeyId: 'The AccessKey id is unknown or its STS token expired: check the profile.',
  AccessDenied: 'The credentials are not allowed to do this: check the RAM policy (oss:*LiveChannel*).',
  RequestTimeTooSkewed: "This computer's clock is off by more than 15 minutes: fix the system time.",
  NoSuchBucket: 'The bucket does not exist in this region: check the profile (bucket, endpoint).',
  NetworkError: 'OSS could not be reached: check the network and the endpoint.',
  RequestTimeout: 'OSS did not answer in time: check the network and try again.',
};

/**
 * Turns anything thrown by a service into data the renderer can show: what happened and what to do. Unknown errors
 * become a generic message; their details stay in the main process (they may carry paths or secrets).
 */
export function toApiError(error: unknown): ApiErrorData {
  if (error instanceof ValidationError) return { kind: 'validation', field: error.field, message: error.message };
  if (error instanceof OssError) {
    const kind = error.status === 404 ? 'not-found' : error.status === 409 ? 'conflict' : 'service';
    const hint = OSS_HINTS[error.code];
    return {
      kind,
      code: error.code,
      message: hint ? `${error.message} ${hint}` : error.message,
      ...(error.requestId ? { requestId: error.requestId } : {}),
    };
  }
  if (error instanceof GoLiveError) return { kind: 'service', code: `golive.${error.step}`, message: error.message };
  if (error instanceof ObsError) return { kind: 'obs', code: error.kind, message: error.message };
  if (error instanceof KeychainUnavailableError || error instanceof MissingSecretError) return { kind: 'keychain', message: error.message };
  if (error instanceof ProfileNotFoundError) return { kind: 'not-found', message: error.message };
  if (error instanceof ProfileFileError) return { kind: 'validation', field: error.field, message: error.message };
  return { kind: 'internal', message: 'Something went wrong inside the app. The details are in the log; please try again.' };
}
