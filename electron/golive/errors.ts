import type { LocalizedText } from '../../shared/messages';
import { LocalizedError, msg, renderMessage, verbatim } from '../../shared/messages';
import { OssError } from '../oss';
import type { Step } from './types';

/**
 * A go-live or stop run failed at `step`. The message is for the user: what happened, what was put back, and what
 * to do. `steps` is the whole run as it ended (failed, undone and pending steps included).
 */
export class GoLiveError extends LocalizedError {
  override readonly name = 'GoLiveError';
  constructor(
    readonly step: string,
    message: LocalizedText | string,
    readonly steps: Array<Step<string>>,
    options: { cause?: unknown } = {},
  ) {
    super(typeof message === 'string' ? verbatim(message) : message, options);
  }
}

/** The run was cancelled (Ctrl-C, or the app's Cancel button). */
export class CancelledError extends LocalizedError {
  override readonly name = 'CancelledError';
  constructor() {
    super(msg('goLive.cancelled'));
  }
}

/** A step failed for a reason the app phrased for the user. */
export class StepFailure extends LocalizedError {
  override readonly name = 'StepFailure';
  constructor(text: LocalizedText, cause?: unknown) {
    super(text, cause === undefined ? undefined : { cause });
  }
}

/** One sentence for any error a step can meet, with the detail each kind carries. */
export function describeError(error: unknown): string {
  return renderMessage(errorText(error));
}

/** {@link describeError}, translatable: the app's own errors are phrased by it; anything else is shown as it is. */
export function errorText(error: unknown): LocalizedText {
  if (error instanceof OssError) {
    const { code, message, status, requestId } = error;
    return requestId
      ? msg('oss.answeredWithRequestId', { code, message, status, requestId })
      : msg('oss.answered', { code, message, status });
  }
  if (error instanceof LocalizedError) return error.text;
  return verbatim(error instanceof Error ? error.message : String(error));
}

/** Rejects with {@link CancelledError} if `signal` is aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** `promise`, or a {@link CancelledError} as soon as `signal` aborts (the promise itself keeps running). */
export function untilCancelled<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, or rejects with {@link CancelledError} when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
