/**
 * The emulator's service errors, shaped as OSS shapes them: HTTP status, `Code`, `Message`, `EC` and extra elements
 * (e.g. `StringToSign`). Every code and EC the emulator answers with is listed once here.
 *
 * EC values marked "documented" come from OSS's EC pages / spec §7.2; the rest are not documented anywhere we could
 * read and are the emulator's own choice in the same format (SDKs only display them).
 */
import { ValidationError } from '../shared/validation';

export interface ErrorKind {
  status: number;
  code: string;
  message: string;
  ec: string;
}

const kind = (status: number, code: string, message: string, ec: string): ErrorKind => ({ status, code, message, ec });

/** The error catalogue. Messages are OSS's where known; `detail` in OssServiceError can add the specific reason. */
export const ERRORS = {
  // LiveChannel (spec §7.2)
  noSuchLiveChannel: kind(404, 'NoSuchLiveChannel', 'The specified live channel does not exist.', '0044-00000100'),
  channelStillLive: kind(409, 'ChannelStillLive', "Live channel couldn't be updated or deleted when channel is live.", '0044-00000101'),
  liveChannelDisabled: kind(409, 'LiveChannelDisabled', 'Live channel is disabled by owner.', '0044-00000102'),
  descriptionTooLong: kind(400, 'InvalidArgument', 'Description is longer than 128 bytes.', '0044-00000001'), // documented
  invalidChannelStatus: kind(400, 'InvalidArgument', 'Status must be enabled or disabled.', '0044-00000002'), // documented
  tooManySnapshots: kind(400, 'InvalidArgument', 'At most one Snapshot node is allowed.', '0044-00000003'), // documented
  invalidNotifyTopic: kind(400, 'InvalidArgument', 'Snapshot NotifyTopic is empty or invalid.', '0044-00000006'), // documented
  invalidRoleName: kind(400, 'InvalidArgument', 'Snapshot RoleName is empty or invalid.', '0044-00000007'), // documented
  invalidDestBucket: kind(400, 'InvalidArgument', 'Snapshot DestBucket is not a valid bucket name.', '0044-00000008'), // documented
  invalidSnapshotInterval: kind(400, 'InvalidArgument', 'Snapshot Interval must be an integer from 1 to 100.', '0044-00000009'),
  invalidTargetType: kind(400, 'InvalidArgument', 'Target Type must be HLS.', '0044-00000013'), // documented
  invalidFragDuration: kind(400, 'InvalidArgument', 'Target FragDuration must be an integer from 1 to 100.', '0044-00000014'), // documented
  invalidFragCount: kind(400, 'InvalidArgument', 'Target FragCount must be an integer from 1 to 100.', '0044-00000015'), // documented
  invalidPlaylistName: kind(400, 'InvalidArgument', "PlaylistName must end with '.m3u8', be 6 to 128 bytes long and contain no '/'.", '0044-00000018'), // documented
  invalidChannelName: kind(400, 'InvalidArgument', 'The live channel name is invalid.', '0044-00000019'),
  invalidStartTime: kind(400, 'InvalidArgument', 'startTime must be an integer number of Unix seconds.', '0044-00000304'), // documented
  invalidEndTime: kind(400, 'InvalidArgument', 'endTime must be an integer number of Unix seconds.', '0044-00000305'),
  invalidVodSpan: kind(400, 'InvalidArgument', 'endTime must be later than startTime and the span at most one day.', '0044-00000307'),
  noTsInSpan: kind(400, 'InvalidArgument', 'No ts file found in specified time span.', '0044-00000308'), // documented (ali-oss test)
  // Requests
  invalidArgument: kind(400, 'InvalidArgument', 'Invalid argument.', '0017-00000001'),
  invalidMaxKeys: kind(400, 'InvalidArgument', 'max-keys must be an integer from 1 to 1000.', '0017-00000002'),
  unsupportedSubResource: kind(400, 'InvalidArgument', 'This sub-resource is not supported by the local OSS emulator.', '0017-00000003'),
  unsupportedProcess: kind(400, 'InvalidArgument', 'Only x-oss-process=hls/sign is supported by the local OSS emulator.', '0017-00000004'),
  malformedXml: kind(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.', '0017-00000005'),
  invalidUri: kind(400, 'InvalidURI', "Couldn't parse the specified URI.", '0017-00000006'),
  malformedRequest: kind(400, 'InvalidRequest', 'The HTTP request could not be parsed.', '0017-00000007'),
  entityTooLarge: kind(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.', '0017-00000008'),
  invalidDigest: kind(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.', '0017-00000009'),
  badDigest: kind(400, 'InvalidDigest', 'The Content-MD5 you specified did not match what we received.', '0017-00000010'),
  invalidObjectName: kind(400, 'InvalidObjectName', 'The object name is invalid.', '0017-00000011'),
  methodNotAllowed: kind(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', '0017-00000012'),
  // OSS's own wording, typos included.
  corsForbidden: kind(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers are not whitelisted by the resource\'s CORS spec.', '0017-00000013'),
  noSuchBucket: kind(404, 'NoSuchBucket', 'The specified bucket does not exist.', '0015-00000101'), // documented
  noSuchKey: kind(404, 'NoSuchKey', 'The specified key does not exist.', '0026-00000001'),
  internalError: kind(500, 'InternalError', 'We encountered an internal error. Please try again.', '0000-00000001'),
  // Authentication and authorisation
  anonymousDenied: kind(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.', '0003-00000001'),
  requestExpired: kind(403, 'AccessDenied', 'Request has expired.', '0002-00000069'), // documented
  invalidExpires: kind(403, 'AccessDenied', 'Invalid expires.', '0002-00000070'), // documented
  invalidDate: kind(403, 'AccessDenied', 'OSS authentication requires a valid Date.', '0002-00000505'), // documented
  requestTimeTooSkewed: kind(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', '0002-00000504'), // documented
  signatureDoesNotMatch: kind(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', '0002-00000040'), // documented
  invalidAccessKeyId: kind(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', '0002-00000002'), // documented (STS)
  invalidSecurityToken: kind(403, 'InvalidSecurityToken', 'The security token you provided is invalid.', '0002-00000008'), // documented
  securityTokenExpired: kind(403, 'SecurityTokenExpired', 'The security token you provided has expired.', '0002-00000007'), // documented
  invalidAuthorization: kind(400, 'InvalidArgument', 'Authorization header is invalid.', '0002-00000012'),
  invalidV4Region: kind(400, 'InvalidArgument', 'Invalid signing region in the V4 credential scope.', '0002-00000226'),
} as const satisfies Record<string, ErrorKind>;

/** A request failed the way OSS would fail it. Thrown by state, storage and HTTP code; the server renders it. */
export class OssServiceError extends Error {
  override readonly name = 'OssServiceError';
  readonly status: number;
  readonly code: string;
  readonly ec: string;
  /** Extra `<Error>` children in order, e.g. `StringToSign`, `RequestTime`. */
  readonly extra: ReadonlyArray<readonly [string, string]>;

  constructor(errorKind: ErrorKind, detail?: string, extra: ReadonlyArray<readonly [string, string]> = []) {
    super(detail ? `${errorKind.message} ${detail}` : errorKind.message);
    this.status = errorKind.status;
    this.code = errorKind.code;
    this.ec = errorKind.ec;
    this.extra = extra;
  }
}

/**
 * Applies one of the shared input rules (shared/validation.ts) where the emulator must answer as OSS does: a broken
 * rule becomes `errorKind`, with the `detail` given for it; any other error passes through unchanged.
 */
export function validateAs(errorKind: ErrorKind, rule: () => void, detail?: (error: ValidationError) => string): void {
  try {
    rule();
  } catch (error) {
    if (error instanceof ValidationError) throw new OssServiceError(errorKind, detail?.(error));
    throw error;
  }
}
