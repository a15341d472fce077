/**
 * How a refused publish is told to the publisher: an RTMP error status whose description says why in a few words
 * (ffmpeg prints it, OBS logs it), followed by the OSS error code for searching the docs.
 */
import { ERRORS, OssServiceError, type ErrorKind } from '../errors';
import type { PublishDecision } from '../rtmp';

/** The status OSS-style ingest refusals carry (what nginx-rtmp and SRS send for a refused stream name too). */
export const REFUSED_CODE = 'NetStream.Publish.BadName';
/** An internal failure (disk full, ...) rather than a bad request. */
export const FAILED_CODE = 'NetStream.Publish.Failed';

/** Short reasons per error kind, matched by code and EC together (several kinds share an OSS code). */
const REASONS = new Map<ErrorKind, string>([
  [ERRORS.anonymousDenied, 'missing signature'],
  [ERRORS.signatureDoesNotMatch, 'signature does not match'],
  [ERRORS.requestExpired, 'url expired'],
  [ERRORS.invalidExpires, 'invalid Expires'],
  [ERRORS.invalidAccessKeyId, 'unknown OSSAccessKeyId'],
  [ERRORS.invalidSecurityToken, 'invalid security-token'],
  [ERRORS.securityTokenExpired, 'security-token expired'],
  [ERRORS.noSuchBucket, 'no such bucket'],
  [ERRORS.noSuchLiveChannel, 'no such live channel'],
  [ERRORS.liveChannelDisabled, 'channel is disabled'],
  [ERRORS.channelStillLive, 'channel is already live'],
  [ERRORS.invalidPlaylistName, 'invalid playlistName'],
]);

function reasonFor(error: OssServiceError): string {
  for (const [kind, reason] of REASONS) if (kind.code === error.code && kind.ec === error.ec) return reason;
  return error.message;
}

/**
 * The refusal for an error thrown while deciding a publish: OSS service errors become `BadName` with a short reason
 * and the OSS code (`"channel is disabled (LiveChannelDisabled)"`); anything else is an internal failure.
 */
export function refusal(error: unknown): PublishDecision & { accept: false } {
  if (error instanceof OssServiceError) return { accept: false, code: REFUSED_CODE, reason: `${reasonFor(error)} (${error.code})` };
  return { accept: false, code: FAILED_CODE, reason: 'internal error while starting the publish' };
}
