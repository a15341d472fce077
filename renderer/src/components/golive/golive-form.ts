/**
 * The Go live form's rules, as pure functions: the same checks the main process makes (shared/validation), run on
 * every keystroke so a bad value is named at its field before anything is sent.
 */
import type { GoLiveRequest } from '../../../../shared/golive';
import type { LocalizedText } from '../../../../shared/messages';
import { validateChannelName, validateFragments, ValidationError } from '../../../../shared/validation';

export interface GoLiveFormValues {
  channel: string;
  /** Used only when the channel does not exist yet. */
  fragDuration: string;
  fragCount: string;
  /** Empty: the main process's default (12 h). */
  plannedHours: string;
}

export type GoLiveField = keyof GoLiveFormValues;

/** Low latency by default for new channels: 2 s segments, 3 in the playlist (field notes §D). */
export const NEW_CHANNEL_DEFAULTS = { fragDuration: '2', fragCount: '3' } as const;

/** The signed URL's planned lifetime must be 60 s to 30 days (the API's own bounds). */
export const PLANNED_HOURS = { min: 0.1, max: 720 } as const;

/** What is wrong with each bad field. */
export interface GoLiveFormErrors {
  /** The rule each broke (shared/validation), translatable: shown after the field's localized name. */
  channel?: LocalizedText;
  fragDuration?: LocalizedText;
  fragCount?: LocalizedText;
  /** The form's own rule, which its message spells out. */
  plannedHours?: 'outOfRange';
}

export type GoLiveFormResult = { ok: true; request: GoLiveRequest } | { ok: false; errors: GoLiveFormErrors };

const integer = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** Checks the form and builds the request; `existing` says whether the channel is already there (never changed). */
export function readGoLiveForm(values: GoLiveFormValues, existing: boolean): GoLiveFormResult {
  const errors: GoLiveFormErrors = {};
  const channel = values.channel.trim();
  try {
    validateChannelName(channel);
  } catch (error) {
    if (error instanceof ValidationError) errors.channel = error.ruleText;
  }
  const fragDuration = integer(values.fragDuration);
  const fragCount = integer(values.fragCount);
  if (!existing) {
    try {
      validateFragments(fragDuration, fragCount);
    } catch (error) {
      if (error instanceof ValidationError && (error.field === 'fragDuration' || error.field === 'fragCount')) errors[error.field] = error.ruleText;
    }
  }
  let plannedDurationSeconds: number | undefined;
  if (values.plannedHours.trim() !== '') {
    const hours = Number(values.plannedHours.trim().replace(',', '.'));
    if (!Number.isFinite(hours) || hours < PLANNED_HOURS.min || hours > PLANNED_HOURS.max) errors.plannedHours = 'outOfRange';
    else plannedDurationSeconds = Math.round(hours * 3600);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      channel,
      ...(existing ? {} : { create: { fragDuration, fragCount } }),
      ...(plannedDurationSeconds === undefined ? {} : { plannedDurationSeconds }),
    },
  };
}
