/**
 * The clip range as the form edits it: two `datetime-local` strings (the user's local time, to the second), turned
 * into the integer Unix seconds OSS takes and checked with the shared VOD rules.
 */
import type { Broadcast } from '../../../../shared/history';
import type { VodRange } from '../../../../shared/live-channel';
import { MAX_VOD_SPAN_SECONDS, ValidationError, validateVodRange } from '../../../../shared/validation';

export interface RangeInput {
  start: string;
  end: string;
}

/** Which message a bad range gets, and the input it belongs to. */
export type RangeProblem = 'invalidStart' | 'invalidEnd' | 'endBeforeStart' | 'tooLong';

export type RangeCheck = { ok: true; range: VodRange } | { ok: false; field: 'startTime' | 'endTime'; problem: RangeProblem };

const pad = (value: number): string => String(value).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm:ss` in local time: what a `datetime-local` input with `step="1"` shows. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * Unix seconds of a `datetime-local` value (local time; seconds and their fraction optional, as browsers normalize
 * it), NaN when it is not a real date-time.
 */
export function fromLocalInput(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value.trim());
  if (!match) return Number.NaN;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(year, month - 1, day, hours, minutes, seconds);
  // new Date rolls 31 Feb over into March: a value that does not come back unchanged was not a real date.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return Number.NaN;
  return Math.floor(date.getTime() / 1000);
}

/** The range the inputs describe, checked with shared/validation.ts; a problem names the input at fault. */
export function checkRange(input: RangeInput): RangeCheck {
  const startTime = fromLocalInput(input.start);
  const endTime = fromLocalInput(input.end);
  try {
    validateVodRange(startTime, endTime);
    return { ok: true, range: { startTime, endTime } };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    if (error.field === 'startTime') return { ok: false, field: 'startTime', problem: 'invalidStart' };
    const problem: RangeProblem = !Number.isInteger(endTime) ? 'invalidEnd' : startTime >= endTime ? 'endBeforeStart' : 'tooLong';
    return { ok: false, field: 'endTime', problem };
  }
}

/**
 * A broadcast's whole span, widened to whole seconds so its first and last segments are in (OSS takes a segment
 * when its start lies in the range). A running broadcast ends now; a span over one day is cut to its first day.
 */
export function broadcastRange(broadcast: Broadcast, now: Date): RangeInput {
  const startTime = Math.floor(broadcast.startedAt.getTime() / 1000);
  const ended = Math.ceil((broadcast.endedAt ?? now).getTime() / 1000);
  const endTime = Math.min(Math.max(ended, startTime + 1), startTime + MAX_VOD_SPAN_SECONDS);
  return { start: toLocalInput(new Date(startTime * 1000)), end: toLocalInput(new Date(endTime * 1000)) };
}

/** `clip-YYYYMMDD-HHmmss.m3u8` from the range start (local time): a valid, sortable default playlist name. */
export function defaultPlaylistName(startTime: number): string {
  const local = toLocalInput(new Date(startTime * 1000)).replace(/[-:]/g, '').replace('T', '-');
  return `clip-${local}.m3u8`;
}
