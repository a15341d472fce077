/**
 * Right after a websocket connects (and while OBS is still loading) obs-websocket may answer requests with status
 * 207 "NotReady" (obs-studio#10408). That is transient, so such a request is repeated a few times with a short,
 * growing pause; any other failure passes straight through.
 */
import { OBSWebSocketError } from 'obs-websocket-js/json';

import { msg } from '../../shared/messages';
import { ObsError, RequestStatus } from './errors';

export interface NotReadyRetry {
  /** Tries in all, the first included. */
  attempts: number;
  /** Pause after the first 207; the n-th pause is n × this. */
  delayMs: number;
}

/** Up to 5 tries over about 2 s: OBS is normally ready within a second of its websocket opening. */
export const DEFAULT_NOT_READY_RETRY: NotReadyRetry = { attempts: 5, delayMs: 200 };

/** True for the obs-websocket-js error of a request OBS answered with 207 (NotReady). */
export function isNotReady(error: unknown): boolean {
  return error instanceof OBSWebSocketError && error.code === RequestStatus.NotReady;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation`, repeating it while it fails with 207. After the last try fails with 207 it throws
 * `ObsError('not-ready')`; other errors are rethrown unchanged on the spot. `sleep` is replaceable for tests.
 */
export async function retryNotReady<T>(
  operation: () => Promise<T>,
  retry: NotReadyRetry = DEFAULT_NOT_READY_RETRY,
  sleep: (ms: number) => Promise<void> = pause,
): Promise<T> {
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
    throw new RangeError(`notReady.attempts: must be an integer ≥ 1 (got ${retry.attempts})`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isNotReady(error)) throw error;
      if (attempt >= retry.attempts) {
        throw new ObsError('not-ready', msg('obs.notReady', { attempts: attempt }), {
          code: RequestStatus.NotReady,
          cause: error,
        });
      }
      await sleep(retry.delayMs * attempt);
    }
  }
}
