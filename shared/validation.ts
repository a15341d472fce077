/**
 * Rules for LiveChannel input, checked before any request (client, CLI, UI forms) and by the emulator.
 * Every failure names the field and the rule it broke.
 */

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    /** The input field at fault, e.g. `fragDuration` or `channel`. */
    readonly field: string,
    /** The rule, phrased for a user: what was expected. */
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

const encoder = new TextEncoder();
const utf8Length = (text: string): number => encoder.encode(text).length;
// Control characters cannot be carried in the XML bodies OSS uses.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Channel names follow object-key rules (1-1023 UTF-8 bytes, no leading `\`) and must not contain `/`. */
export function validateChannelName(name: string, field = 'channel'): void {
  if (typeof name !== 'string' || name.length === 0) throw new ValidationError(field, 'must not be empty');
  if (utf8Length(name) > 1023) throw new ValidationError(field, 'must be at most 1023 bytes (UTF-8)');
  if (name.includes('/')) throw new ValidationError(field, "must not contain '/'");
  if (name.startsWith('\\')) throw new ValidationError(field, "must not start with '\\'");
  if (CONTROL_CHARS.test(name)) throw new ValidationError(field, 'must not contain control characters');
}

export function validateDescription(description: string, field = 'description'): void {
  if (utf8Length(description) > 128) throw new ValidationError(field, 'must be at most 128 bytes (UTF-8)');
  if (CONTROL_CHARS.test(description.replace(/[\t\n\r]/g, ''))) {
    throw new ValidationError(field, 'must not contain control characters');
  }
}

function validateFragNumber(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new ValidationError(field, `must be an integer from 1 to 100 (got ${String(value)})`);
  }
}

/** FragDuration (seconds) and FragCount: integers 1-100, both or neither (OSS applies defaults only when both are absent). */
export function validateFragments(fragDuration: number | undefined, fragCount: number | undefined): void {
  if ((fragDuration === undefined) !== (fragCount === undefined)) {
    const missing = fragDuration === undefined ? 'fragDuration' : 'fragCount';
    throw new ValidationError(missing, 'fragDuration and fragCount must be given together or not at all');
  }
  if (fragDuration !== undefined) validateFragNumber(fragDuration, 'fragDuration');
  if (fragCount !== undefined) validateFragNumber(fragCount, 'fragCount');
}

/** Playlist names end in `.m3u8`, are 6-128 bytes and contain no `/`. */
export function validatePlaylistName(name: string, field = 'playlistName'): void {
  if (!name.endsWith('.m3u8')) throw new ValidationError(field, "must end with '.m3u8'");
  const bytes = utf8Length(name);
  if (bytes < 6 || bytes > 128) throw new ValidationError(field, `must be 6 to 128 bytes long (got ${bytes})`);
  if (name.includes('/')) throw new ValidationError(field, "must not contain '/'");
  if (CONTROL_CHARS.test(name)) throw new ValidationError(field, 'must not contain control characters');
}

export const MAX_VOD_SPAN_SECONDS = 86_400;

/** VOD ranges: integer Unix seconds, start < end, span at most one day. */
export function validateVodRange(startTime: number, endTime: number): void {
  if (!Number.isInteger(startTime) || startTime < 0) {
    throw new ValidationError('startTime', 'must be a non-negative integer number of Unix seconds');
  }
  if (!Number.isInteger(endTime) || endTime < 0) {
    throw new ValidationError('endTime', 'must be a non-negative integer number of Unix seconds');
  }
  if (startTime >= endTime) throw new ValidationError('endTime', 'must be later than startTime');
  if (endTime - startTime > MAX_VOD_SPAN_SECONDS) {
    throw new ValidationError('endTime', 'the range must span at most one day (86400 seconds)');
  }
}

export function validateChannelStatus(status: string, field = 'status'): asserts status is 'enabled' | 'disabled' {
  if (status !== 'enabled' && status !== 'disabled') throw new ValidationError(field, "must be 'enabled' or 'disabled'");
}

export function validateMaxKeys(maxKeys: number, field = 'maxKeys'): void {
  if (!Number.isInteger(maxKeys) || maxKeys < 1 || maxKeys > 1000) {
    throw new ValidationError(field, `must be an integer from 1 to 1000 (got ${String(maxKeys)})`);
  }
}

/** Bucket names: 3-63 characters of lower-case letters, digits and '-', starting and ending with a letter or digit. */
export function validateBucketName(bucket: string, field = 'bucket'): void {
  if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ValidationError(field, "must be 3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit");
  }
}

/** Object keys: 1-1023 UTF-8 bytes, not starting with '/' or '\'. */
export function validateObjectKey(key: string, field = 'key'): void {
  if (typeof key !== 'string' || key.length === 0) throw new ValidationError(field, 'must not be empty');
  if (utf8Length(key) > 1023) throw new ValidationError(field, 'must be at most 1023 bytes (UTF-8)');
  if (key.startsWith('/') || key.startsWith('\\')) throw new ValidationError(field, "must not start with '/' or '\\'");
}

/** Everything PutLiveChannel takes, checked as OSS would (forms, CLI and client use this one function). */
export function validateLiveChannelInput(
  channel: string,
  input: { description?: string; status?: string; fragDuration?: number; fragCount?: number; playlistName?: string; snapshot?: Parameters<typeof validateSnapshot>[0] },
): void {
  validateChannelName(channel);
  if (input.description !== undefined) validateDescription(input.description);
  if (input.status !== undefined) validateChannelStatus(input.status);
  validateFragments(input.fragDuration, input.fragCount);
  if (input.playlistName !== undefined) validatePlaylistName(input.playlistName);
  if (input.snapshot !== undefined) validateSnapshot(input.snapshot);
}

/** High-frequency snapshot settings of PutLiveChannel: all four fields, Interval an integer 1-100 seconds. */
export function validateSnapshot(snapshot: { roleName: string; destBucket: string; notifyTopic: string; interval: number }): void {
  if (!snapshot.roleName) throw new ValidationError('snapshot.roleName', 'must not be empty');
  validateBucketName(snapshot.destBucket, 'snapshot.destBucket');
  if (!snapshot.notifyTopic) throw new ValidationError('snapshot.notifyTopic', 'must not be empty');
  validateFragNumber(snapshot.interval, 'snapshot.interval');
}
