import type { ApiErrorData } from '../../../shared/wire';

/** An error from the main process, as the renderer shows it: `message` says what happened and what to do. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly data: ApiErrorData) {
    super(data.message);
  }
}

/** The text to show for anything a call rejected with. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
