import { ValidationError } from '../../shared/validation';

/**
 * Runtime checks for values that arrive from a renderer. The contract's types hold only if the other side is our
 * own renderer; these make sure a call cannot smuggle in something else. Each names the argument at fault.
 */

/** Longest lifetime of a signed URL the API hands out: a year covers any broadcast, yet a leaked URL dies. */
export const MAX_URL_SECONDS = 366 * 86_400;

export function expectString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : expectString(value, field);
}

export function expectInteger(value: unknown, field: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionalInteger(value: unknown, field: string, min?: number, max?: number): number | undefined {
  return value === undefined ? undefined : expectInteger(value, field, min, max);
}

export function expectBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(field, 'must be true or false');
  return value;
}

export function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError(field, 'must be an object');
  return value as Record<string, unknown>;
}

export function expectOneOf<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ValidationError(field, `must be one of ${choices.join(', ')}`);
  }
  return value as T;
}

export function expectStringArray(value: unknown, field: string, maxLength: number): string[] {
  if (!Array.isArray(value) || value.length > maxLength) throw new ValidationError(field, `must be a list of at most ${maxLength} strings`);
  return value.map((item, index) => expectString(item, `${field}[${index}]`));
}

/** Only the listed keys, each checked; unknown keys are refused rather than passed along. */
export function pickFields<T>(value: unknown, field: string, readers: { [K in keyof T]-?: (raw: unknown, field: string) => T[K] }): T {
  const object = expectObject(value, field);
  const unknown = Object.keys(object).find((key) => !Object.hasOwn(readers, key));
  if (unknown !== undefined) throw new ValidationError(`${field}.${unknown}`, 'is not a known field');
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(readers) as Array<keyof T & string>) {
    const read = readers[key](object[key], `${field}.${key}`);
    if (read !== undefined) result[key] = read;
  }
  return result as T;
}
