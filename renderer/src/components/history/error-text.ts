import type { TFunction } from 'i18next';

import { ApiError, errorMessage } from '../../api/api-error';

/**
 * The text for a failed call. The main process reports "no recorded segments in this range" as a validation error
 * on `range`; that one is worded in the UI language with what to do. Everything else already says what happened
 * and what to do (see electron/api/api-error.ts).
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.data.kind === 'validation' && error.data.field === 'range') return t('history.errors.noSegments');
  return errorMessage(error);
}
