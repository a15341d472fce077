/**
 * Rules for LiveChannel input, checked before any request (client, CLI, UI forms) and by the emulator.
 * Every failure names the field and the rule it broke.
 */
import type { LocalizedText } from './messages';
import { LocalizedError, isLocalizedText, msg, renderMessage, verbatim } from './messages';

export class ValidationError extends LocalizedError {
  override readonly name = 'ValidationError';
  /** The rule, phrased for a user: what was expected (English). */
  readonly rule: string;

  constructor(
    /** The input field at fault, e.g. `fragDuration` or `channel`. */
    readonly field: string,
    /** The rule: a message from the catalogue, or (for rules no user meets, e.g. malformed API calls) English text. */
    rule: LocalizedText | string,
  ) {
    super(msg('validation.fieldRule', { field, rule }));
    this.rule = typeof rule === 'string' ? rule : renderMessage(rule);
  }

  /** The rule alone, translatable (for a form that shows it under its own field label). */
  get ruleText(): LocalizedText {
    const rule = this.text.params?.rule;
    return isLocalizedText(rule) ? rule : verbatim(this.rule);
  }
}

const encoder = new TextEncoder();
const utf8Length = (text: string): number => encoder.encode(text).length;
// Control characters cannot be carried in the XML bodies OSS uses.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Channel names follow object-key rules (1-1023 UTF-8 bytes, no leading `\`) and must not contain `/`. */
export function validateChannelName(name: string, field = 'channel'): void {
  if (typeof name !== 'string' || name.length === 0) throw new ValidationError(field, msg('validation.notEmpty'));
  if (utf8Length(name) > 1023) throw new ValidationError(field, msg('validation.maxBytes', { max: 1023 }));
  if (name.includes('/')) throw new ValidationError(field, msg('validation.noSlash'));
  if (name.startsWith('\\')) throw new ValidationError(field, msg('validation.noLeadingBackslash'));
  if (CONTROL_CHARS.test(name)) throw new ValidationError(field, msg('validation.noControlCharacters'));
}

export function validateDescription(description: string, field = 'description'): void {
  if (utf8Length(description) > 128) throw new ValidationError(field, msg('validation.maxBytes', { max: 128 }));
  if (CONTROL_CHARS.test(description.replace(/[\t\n\r]/g, ''))) {
    throw new ValidationError(field, msg('validation.noControlCharacters'));
  }
}

function validateFragNumber(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new ValidationError(field, msg('validation.integerRange', { min: 1, max: 100, value: String(value) }));
  }
}

/** FragDuration (seconds) and FragCount: integers 1-100, both or neither (OSS applies defaults only when both are absent). */
export function validateFragments(fragDuration: number | undefined, fragCount: number | undefined): void {
  if ((fragDuration === undefined) !== (fragCount === undefined)) {
    const missing = fragDuration === undefined ? 'fragDuration' : 'fragCount';
    throw new ValidationError(missing, msg('validation.fragmentsTogether'));
  }
  if (fragDuration !== undefined) validateFragNumber(fragDuration, 'fragDuration');
  if (fragCount !== undefined) validateFragNumber(fragCount, 'fragCount');
}

/** Playlist names end in `.m3u8`, are 6-128 bytes and contain no `/`. */
export function validatePlaylistName(name: string, field = 'playlistName'): void {
  if (!name.endsWith('.m3u8')) throw new ValidationError(field, msg('validation.playlistSuffix'));
  const bytes = utf8Length(name);
  if (bytes < 6 || bytes > 128) throw new ValidationError(field, msg('validation.byteLength', { min: 6, max: 128, value: bytes }));
  if (name.includes('/')) throw new ValidationError(field, msg('validation.noSlash'));
  if (CONTROL_CHARS.test(name)) throw new ValidationError(field, msg('validation.noControlCharacters'));
}

export const MAX_VOD_SPAN_SECONDS = 86_400;

/** VOD ranges: integer Unix seconds, start < end, span at most one day. */
export function validateVodRange(startTime: number, endTime: number): void {
  if (!Number.isInteger(startTime) || startTime < 0) {
    throw new ValidationError('startTime', msg('validation.unixSeconds'));
  }
  if (!Number.isInteger(endTime) || endTime < 0) {
    throw new ValidationError('endTime', msg('validation.unixSeconds'));
  }
  if (startTime >= endTime) throw new ValidationError('endTime', msg('validation.laterThanStart'));
  if (endTime - startTime > MAX_VOD_SPAN_SECONDS) {
    throw new ValidationError('endTime', msg('validation.spanAtMostOneDay'));
  }
}

export function validateChannelStatus(status: string, field = 'status'): asserts status is 'enabled' | 'disabled' {
  if (status !== 'enabled' && status !== 'disabled') throw new ValidationError(field, msg('validation.enabledOrDisabled'));
}

export function validateMaxKeys(maxKeys: number, field = 'maxKeys'): void {
  if (!Number.isInteger(maxKeys) || maxKeys < 1 || maxKeys > 1000) {
    throw new ValidationError(field, msg('validation.integerRange', { min: 1, max: 1000, value: String(maxKeys) }));
  }
}

/** Bucket names: 3-63 characters of lower-case letters, digits and '-', starting and ending with a letter or digit. */
export function validateBucketName(bucket: string, field = 'bucket'): void {
  if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ValidationError(field, msg('validation.bucketName'));
  }
}

/** Object keys: 1-1023 UTF-8 bytes, not starting with '/' or '\'. */
export function validateObjectKey(key: string, field = 'key'): void {
  if (typeof key !== 'string' || key.length === 0) throw new ValidationError(field, msg('validation.notEmpty'));
  if (utf8Length(key) > 1023) throw new ValidationError(field, msg('validation.maxBytes', { max: 1023 }));
  if (key.startsWith('/') || key.startsWith('\\')) throw new ValidationError(field, msg('validation.noLeadingSlash'));
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
  if (!snapshot.roleName) throw new ValidationError('snapshot.roleName', msg('validation.notEmpty'));
  validateBucketName(snapshot.destBucket, 'snapshot.destBucket');
  if (!snapshot.notifyTopic) throw new ValidationError('snapshot.notifyTopic', msg('validation.notEmpty'));
  validateFragNumber(snapshot.interval, 'snapshot.interval');
}
