/** Expiry presets for signed URLs, and the arithmetic of the custom choice. Pure: no React, no i18n. */

export const HOUR = 3_600;
export const DAY = 86_400;

export const EXPIRY_PRESETS = [
  { key: 'h1', seconds: HOUR },
  { key: 'h6', seconds: 6 * HOUR },
  { key: 'h12', seconds: 12 * HOUR },
  { key: 'h24', seconds: DAY },
  { key: 'd7', seconds: 7 * DAY },
] as const;

export type ExpiryPresetKey = (typeof EXPIRY_PRESETS)[number]['key'];
export type ExpiryUnit = 'minutes' | 'hours' | 'days';

export const UNIT_SECONDS: Record<ExpiryUnit, number> = { minutes: 60, hours: HOUR, days: DAY };

/** The preset that is exactly `seconds`, if any. */
export function presetFor(seconds: number): ExpiryPresetKey | undefined {
  return EXPIRY_PRESETS.find((preset) => preset.seconds === seconds)?.key;
}

/** `seconds` in the largest unit that divides it, for pre-filling the custom fields. */
export function splitDuration(seconds: number): { amount: number; unit: ExpiryUnit } {
  if (seconds % DAY === 0) return { amount: seconds / DAY, unit: 'days' };
  if (seconds % HOUR === 0) return { amount: seconds / HOUR, unit: 'hours' };
  return { amount: Math.max(1, Math.round(seconds / 60)), unit: 'minutes' };
}

/** Seconds for a typed amount and unit, or undefined when it is not a whole number above 0 or exceeds `maxSeconds`. */
export function customSeconds(amount: string, unit: ExpiryUnit, maxSeconds: number): number | undefined {
  if (!/^\d+$/.test(amount.trim())) return undefined;
  const seconds = Number(amount.trim()) * UNIT_SECONDS[unit];
  return seconds > 0 && seconds <= maxSeconds ? seconds : undefined;
}
