/**
 * One error type for everything that can go wrong between the app and OBS. Each `kind` is something the caller can
 * act on, and every message ends with what the user should do about it.
 */

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

const WHAT_TO_DO: Record<ObsErrorKind, string> = {
  unreachable:
    'Start OBS Studio, turn on its WebSocket server (Tools → WebSocket Server Settings) and check that the port ' +
    'matches.',
  auth: 'Copy the password from OBS (Tools → WebSocket Server Settings → Show Connect Info) into the profile.',
  'not-ready': 'OBS is still loading; wait a moment and try again.',
  'output-running': 'Stop the stream in OBS first, then try again.',
  'start-failed':
    'OBS reports no reason; usually the RTMP server refused the publish or could not be reached: the URL or stream ' +
    'key may be wrong or expired, or the channel disabled or already live. OBS’s log (Help → Log Files) has the ' +
    'detail.',
  timeout: 'Check that OBS is responsive (no dialog waiting for an answer) and try again.',
  'request-failed': 'Check OBS’s settings and log (Help → Log Files), then try again.',
  disconnected: 'Reconnect to OBS (is it still running?) and try again.',
};

/** An OBS failure with a message a user can act on. */
export class ObsError extends Error {
  override readonly name = 'ObsError';
  /** obs-websocket's request status or close code, when OBS gave one. */
  readonly code: number | undefined;

  constructor(
    readonly kind: ObsErrorKind,
    /** What happened, one sentence; the advice for `kind` is appended. */
    detail: string,
    options: { code?: number; cause?: unknown } = {},
  ) {
    super(`${detail} ${WHAT_TO_DO[kind]}`, { cause: options.cause });
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
