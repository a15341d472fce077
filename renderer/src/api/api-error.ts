import { ValidationError } from '../../../shared/validation';
import type { ApiErrorData } from '../../../shared/wire';
import { localizeNow } from '../i18n/localize';

/** An error from the main process, as the renderer shows it: `message` says what happened and what to do. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly data: ApiErrorData) {
    super(data.message);
  }
}

/** The text to show for anything a call rejected with: in the current language when it came as translatable text. */
export function errorMessage(error: unknown): string {
  const fallback = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError) return localizeNow(error.data.text, fallback);
  if (error instanceof ValidationError) return localizeNow(error.text, fallback);
  return fallback;
}
