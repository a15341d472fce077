/**
 * One error type for everything that can go wrong between the app and OBS. Each `kind` is something the caller can
 * act on, and every message ends with what the user should do about it.
 */
import type { LocalizedText } from '../../shared/messages';
import { LocalizedError, msg } from '../../shared/messages';

/** What went wrong, as far as the caller needs to branch on it. */
export type ObsErrorKind =
  /** Nothing answered at the websocket URL (OBS not running, server disabled, wrong port). */
  | 'unreachable'
  /** obs-websocket refused the password (close code 4009). Never retried: retrying cannot fix it. */
  | 'auth'
  /** OBS answered 207 "not ready" (still loading) more times than the retry budget allows. */
  | 'not-ready'
  /** The request needs the stream to be stopped (obs-websocket status 500, OutputRunning). */
  | 'output-running'
  /** OBS began starting the stream and then stopped it (the RTMP connect or publish failed). */
  | 'start-failed'
  /** OBS did not answer, or a stream state change did not arrive, in time. */
  | 'timeout'
  /** OBS answered a request with a failure status. */
  | 'request-failed'
  /** There is no connection to OBS (never connected, dropped, or closed by the app). */
  | 'disconnected';

/** An OBS failure with a message a user can act on. */
export class ObsError extends LocalizedError {
  override readonly name = 'ObsError';
  /** obs-websocket's request status or close code, when OBS gave one. */
  readonly code: number | undefined;

  constructor(
    readonly kind: ObsErrorKind,
    /** What happened, one sentence; the advice for `kind` (obs.advice in the message catalogue) is appended. */
    detail: LocalizedText | string,
    options: { code?: number; cause?: unknown } = {},
  ) {
    // What happened, then what to do about this kind of failure.
    super(msg('obs.error', { detail, advice: msg(`obs.advice.${kind}`) }), { cause: options.cause });
    this.code = options.code;
  }
}

/** obs-websocket close code for a refused password or a missing `authentication` string. */
export const AUTH_FAILED_CLOSE_CODE = 4009;

/** obs-websocket request status codes the controller treats specially (RequestStatus in the protocol). */
export const RequestStatus = {
  NotReady: 207,
  OutputRunning: 500,
  OutputNotRunning: 501,
} as const;
