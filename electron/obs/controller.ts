/**
 * The app's handle on OBS Studio over obs-websocket v5: connect and stay connected, point OBS at a destination and
 * put the user's own back, start and stop the stream and know how that went, and sample its health.
 *
 * obs-websocket-js is a thin protocol client, so this adds what it lacks: reconnecting with backoff after a drop
 * (never after a refused password), retrying 207 "not ready" answers, a timeout on every request, failing pending
 * requests when the connection closes, and errors ({@link ObsError}) that tell the user what to do.
 */
import { EventSubscription, OBSWebSocket, OBSWebSocketError } from 'obs-websocket-js/json';
import type { OBSRequestTypes, OBSResponseTypes } from 'obs-websocket-js/json';

import type { LocalizedText } from '../../shared/messages';
import { msg } from '../../shared/messages';
import { ValidationError } from '../../shared/validation';
import { withTimeout } from '../util/with-timeout';
import { AUTH_FAILED_CLOSE_CODE, ObsError, RequestStatus } from './errors';
import { PROFILE_PARAMETERS, preflight } from './preflight';
import type { EncoderProfile, PreflightReport } from './preflight';
import { DEFAULT_RECONNECT_POLICY, reconnectDelayMs } from './reconnect';
import type { ReconnectPolicy } from './reconnect';
import { DEFAULT_NOT_READY_RETRY, retryNotReady } from './retry-not-ready';
import type { NotReadyRetry } from './retry-not-ready';
import { Session } from './session';
import { toSample } from './stats';
import type { ByteCount, ObsSample } from './stats';
import { restoreRequests, rtmpCustomRequest } from './stream-service';
import type { RtmpCustomTarget, StreamServiceSnapshot } from './stream-service';
import { toStreamEvent, toStreamStatus } from './stream-state';
import type { StreamEvent, StreamState, StreamStatus } from './stream-state';
import { TypedEmitter } from './typed-emitter';

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

export interface ObsControllerEvents {
  /** Every change of {@link ObsController.state}. */
  connection: ConnectionState;
  /** Every StreamStateChanged from OBS, including RECONNECTING / RECONNECTED. */
  stream: StreamEvent;
  /** A failure no call is waiting for: reconnecting stopped because OBS refused the password. */
  error: ObsError;
}

export interface ObsControllerOptions {
  /** e.g. `ws://127.0.0.1:4455` */
  url: string;
  /** obs-websocket password; omit when OBS has authentication off. */
  password?: string;
  reconnect?: Partial<ReconnectPolicy>;
  notReady?: Partial<NotReadyRetry>;
  /** Longest wait for the connect handshake or for one request's answer. */
  requestTimeoutMs?: number;
}

export interface StreamWaitOptions {
  /** Longest wait for OBS to report the stream started (or stopped). */
  timeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
const DEFAULT_START_TIMEOUT_MS = 15_000;
const DEFAULT_STOP_TIMEOUT_MS = 10_000;
const OUTPUT_SETTLE_POLL_MS = 20;

type RequestType = keyof OBSRequestTypes;

export class ObsController extends TypedEmitter<ObsControllerEvents> {
  readonly #url: string;
  readonly #password: string | undefined;
  readonly #reconnectPolicy: ReconnectPolicy;
  readonly #notReady: NotReadyRetry;
  readonly #timeoutMs: number;

  #state: ConnectionState = 'disconnected';
  #session: Session | null = null;
  #establishing: Promise<void> | null = null;
  /** True from connect() until disconnect() or a refused password: whether a dropped connection is repaired. */
  #wanted = false;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #reconnectAttempt = 0;
  #lastBytes: ByteCount | null = null;

  constructor(options: ObsControllerOptions) {
    super();
    if (!/^wss?:\/\/[^/\s]+/i.test(options.url)) throw new ValidationError('url', 'must be a ws:// or wss:// URL');
    const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (!(timeoutMs > 0)) throw new ValidationError('requestTimeoutMs', 'must be a positive number of milliseconds');
    this.#url = options.url;
    this.#password = options.password;
    this.#reconnectPolicy = { ...DEFAULT_RECONNECT_POLICY, ...options.reconnect };
    this.#notReady = { ...DEFAULT_NOT_READY_RETRY, ...options.notReady };
    this.#timeoutMs = timeoutMs;
    reconnectDelayMs(1, this.#reconnectPolicy); // validates the policy now rather than at the first drop
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /**
   * Connects and identifies (subscribed to output events). Resolves once connected; rejects with
   * ObsError 'unreachable', 'auth' or 'timeout'. A failed first connect is not retried; once connected, drops are
   * repaired in the background (state 'reconnecting') until {@link disconnect}. While reconnecting, this tries at once.
   */
  async connect(): Promise<void> {
    if (this.#state === 'connected') return;
    this.#wanted = true;
    this.#clearReconnectTimer();
    if (this.#state === 'disconnected') this.#setState('connecting');
    try {
      await this.#establish();
    } catch (error) {
      const obsError = toObsError(error, 'connect');
      if (this.#wanted && this.#state === 'reconnecting' && obsError.kind !== 'auth') this.#scheduleReconnect();
      else this.#giveUp();
      throw obsError;
    }
  }

  /** Closes the connection and stops reconnecting. Pending requests fail with ObsError 'disconnected'. */
  async disconnect(): Promise<void> {
    this.#wanted = false;
    this.#clearReconnectTimer();
    this.#reconnectAttempt = 0;
    const session = this.#session;
    this.#session = null;
    this.#lastBytes = null;
    this.#setState('disconnected');
    if (session && !session.isClosed) await session.socket.disconnect();
  }

  /**
   * Sends any obs-websocket request, typed by obs-websocket-js, with the 207 retry and the request timeout.
   * Failures are ObsError: 'disconnected', 'timeout', 'not-ready', 'output-running' or 'request-failed' (with `code`).
   */
  async request<Type extends RequestType>(
    type: Type,
    data?: OBSRequestTypes[Type],
  ): Promise<OBSResponseTypes[Type]> {
    const session = this.#requireSession();
    try {
      return await retryNotReady(() => this.#requestOnce(session, type, data), this.#notReady);
    } catch (error) {
      throw toObsError(error, type);
    }
  }

  /** The stream service exactly as OBS has it: keep it to give back to {@link restoreStreamService}. */
  async getStreamService(): Promise<StreamServiceSnapshot> {
    return this.request('GetStreamServiceSettings');
  }

  /**
   * Points OBS at a custom RTMP server. Server and key are both set explicitly (OBS merges settings of the same
   * service type). OBS persists this to the user's profile, so snapshot first. Refused while streaming
   * (ObsError 'output-running').
   */
  async setStreamService(target: RtmpCustomTarget): Promise<void> {
    await this.request('SetStreamServiceSettings', rtmpCustomRequest(target));
  }

  /** Puts a snapshot from {@link getStreamService} back, so that reading it again gives exactly the snapshot. */
  async restoreStreamService(snapshot: StreamServiceSnapshot): Promise<void> {
    for (const request of restoreRequests(await this.getStreamService(), snapshot)) {
      await this.request('SetStreamServiceSettings', request);
    }
  }

  async getStreamStatus(): Promise<StreamStatus> {
    return toStreamStatus(await this.request('GetStreamStatus'));
  }

  /**
   * Starts the stream and resolves once OBS reports it started. Rejects with ObsError 'output-running' when OBS is
   * already streaming, 'start-failed' when OBS gave up (STARTING then STOPPED: the RTMP server refused or could not
   * be reached), or 'timeout' (after which OBS is asked to stop, so it cannot go live later unattended).
   */
  async startStream(options: StreamWaitOptions = {}): Promise<void> {
    const timeoutMs = checkedTimeout(options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    const session = this.#requireSession();
    const outcome = this.#nextStreamState(session, ['started', 'stopped'], timeoutMs, msg('obs.streamStarted'));
    try {
      await this.request('StartStream');
    } catch (error) {
      outcome.cancel();
      if (error instanceof ObsError && error.kind === 'output-running') {
        throw new ObsError('output-running', msg('obs.alreadyStreaming'), { code: error.code, cause: error });
      }
      throw error;
    }
    let event: StreamEvent;
    try {
      event = await outcome.result;
    } catch (error) {
      const timedOut = error instanceof ObsError && error.kind === 'timeout';
      if (timedOut) await this.request('StopStream').catch(() => undefined);
      throw error;
    }
    if (event.state === 'stopped') throw new ObsError('start-failed', msg('obs.couldNotStart'));
  }

  /**
   * Stops the stream and resolves once OBS reports it stopped and its output no longer reports active (GetStreamStatus
   * lags the STOPPED event by a few ms), so a status read right after agrees. Stopping when not live is a no-op.
   */
  async stopStream(options: StreamWaitOptions = {}): Promise<void> {
    const timeoutMs = checkedTimeout(options.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS);
    const deadline = Date.now() + timeoutMs;
    const session = this.#requireSession();
    const outcome = this.#nextStreamState(session, ['stopped'], timeoutMs, msg('obs.streamStopped'));
    try {
      await this.request('StopStream');
    } catch (error) {
      outcome.cancel();
      if (error instanceof ObsError && error.code === RequestStatus.OutputNotRunning) return;
      throw error;
    }
    await outcome.result;
    while ((await this.request('GetStreamStatus')).outputActive) {
      if (Date.now() >= deadline) {
        throw new ObsError('timeout', msg('obs.stillActive'));
      }
      await new Promise((resolve) => setTimeout(resolve, OUTPUT_SETTLE_POLL_MS));
    }
  }

  /**
   * One health sample (GetStats + GetStreamStatus). The bitrate is computed from the bytes sent since the previous
   * sample on this connection, so sample at a steady pace (every 1–2 s).
   */
  async sample(): Promise<ObsSample> {
    const at = Date.now();
    const [stats, status] = await Promise.all([this.request('GetStats'), this.request('GetStreamStatus')]);
    const sample = toSample(stats, status, at, this.#lastBytes);
    this.#lastBytes = { at, bytes: status.outputBytes };
    return sample;
  }

  /** The profile values the preflight needs (output mode, encoders, x264 options) and the frame rate. */
  async readEncoderProfile(): Promise<EncoderProfile> {
    // One request at a time: concurrent obs-websocket requests were measured to answer ~44 ms late each batch
    // (small frames waiting on delayed ACKs), sequential ones in ~1 ms.
    const read = (key: keyof typeof PROFILE_PARAMETERS): Promise<string | null> => this.#profileParameter(key);
    const outputMode = await read('outputMode');
    const simpleStreamEncoder = await read('simpleStreamEncoder');
    const simpleUseAdvanced = await read('simpleUseAdvanced');
    const simpleX264Settings = await read('simpleX264Settings');
    const simpleAudioEncoder = await read('simpleAudioEncoder');
    const advancedEncoder = await read('advancedEncoder');
    const advancedAudioEncoder = await read('advancedAudioEncoder');
    const video = await this.request('GetVideoSettings');
    return {
      outputMode,
      simpleStreamEncoder,
      simpleUseAdvanced,
      simpleX264Settings,
      simpleAudioEncoder,
      advancedEncoder,
      advancedAudioEncoder,
      fpsNumerator: video.fpsNumerator,
      fpsDenominator: video.fpsDenominator,
    };
  }

  /** Checks OBS's encoder settings against a channel's FragDuration (seconds): codec, keyframe interval, audio. */
  async preflight(fragDuration: number): Promise<PreflightReport> {
    return preflight(await this.readEncoderProfile(), fragDuration);
  }

  // ---------------------------------------------------------------- connection

  #setState(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('connection', state);
  }

  /** Opens one connection (shared by connect() and reconnect attempts running at the same time). */
  #establish(): Promise<void> {
    this.#establishing ??= this.#open().finally(() => {
      this.#establishing = null;
    });
    return this.#establishing;
  }

  async #open(): Promise<void> {
    const socket = new OBSWebSocket();
    const session = new Session(socket);
    socket.on('StreamStateChanged', (raw) => {
      const event = toStreamEvent(raw, Date.now());
      if (event && this.#session === session) this.emit('stream', event);
    });
    try {
      await withTimeout(
        socket.connect(this.#url, this.#password, { eventSubscriptions: EventSubscription.Outputs }),
        this.#timeoutMs,
        () => new ObsError('timeout', msg('obs.handshakeTimeout', { url: this.#url })),
      );
    } catch (error) {
      void socket.disconnect().catch(() => undefined);
      throw toObsError(error, 'connect', this.#url);
    }
    if (!this.#wanted) {
      await socket.disconnect();
      throw new ObsError('disconnected', msg('obs.closedWhileConnecting'));
    }
    this.#session = session;
    this.#lastBytes = null;
    this.#reconnectAttempt = 0;
    this.#setState('connected');
    session.onClose(() => this.#onDropped(session));
  }

  #onDropped(session: Session): void {
    if (this.#session !== session) return; // closed on purpose, or an old connection
    this.#session = null;
    this.#lastBytes = null;
    if (!this.#wanted) {
      this.#setState('disconnected');
      return;
    }
    this.#setState('reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#reconnectTimer) return;
    this.#reconnectAttempt += 1;
    const delay = reconnectDelayMs(this.#reconnectAttempt, this.#reconnectPolicy);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      void this.#reconnect();
    }, delay);
  }

  async #reconnect(): Promise<void> {
    try {
      await this.#establish();
    } catch (error) {
      if (!this.#wanted) return;
      const obsError = toObsError(error, 'connect');
      if (obsError.kind === 'auth') {
        this.#giveUp();
        this.emit('error', obsError);
      } else {
        this.#scheduleReconnect();
      }
    }
  }

  #giveUp(): void {
    this.#wanted = false;
    this.#clearReconnectTimer();
    this.#reconnectAttempt = 0;
    this.#setState('disconnected');
  }

  #clearReconnectTimer(): void {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
  }

  #requireSession(): Session {
    const session = this.#session;
    if (!session || session.isClosed) {
      throw new ObsError('disconnected', msg(this.#state === 'reconnecting' ? 'obs.appReconnecting' : 'obs.appNotConnected'));
    }
    return session;
  }

  // ---------------------------------------------------------------- requests and stream waits

  /** One try of a request: settles on the answer, on the timeout, or when the connection closes. */
  #requestOnce<Type extends RequestType>(
    session: Session,
    type: Type,
    data: OBSRequestTypes[Type] | undefined,
  ): Promise<OBSResponseTypes[Type]> {
    return new Promise((resolve, reject) => {
      const seconds = this.#timeoutMs / 1000;
      const timer = setTimeout(
        () => settle(() => reject(new ObsError('timeout', msg('obs.requestTimeout', { request: type, seconds })))),
        this.#timeoutMs,
      );
      const offClose = session.onClose(() =>
        settle(() => reject(new ObsError('disconnected', msg('obs.closedBeforeAnswer', { request: type })))),
      );
      function settle(action: () => void): void {
        clearTimeout(timer);
        offClose();
        action();
      }
      session.socket.call(type, data).then(
        (response) => settle(() => resolve(response)),
        (error: unknown) => settle(() => reject(error)),
      );
    });
  }

  /**
   * Waits for the first stream event in `states`. Subscribe before sending the request that causes it, so a fast
   * event cannot be missed. Fails with ObsError 'timeout', or 'disconnected' when the connection closes first.
   */
  #nextStreamState(
    session: Session,
    states: StreamState[],
    timeoutMs: number,
    what: LocalizedText,
  ): { result: Promise<StreamEvent>; cancel: () => void } {
    let cancel = (): void => undefined;
    const result = new Promise<StreamEvent>((resolve, reject) => {
      const offStream = this.on('stream', (event) => {
        if (states.includes(event.state)) settle(() => resolve(event));
      });
      const offClose = session.onClose(() =>
        settle(() => reject(new ObsError('disconnected', msg('obs.closedBeforeReport', { what })))),
      );
      const timer = setTimeout(
        () => settle(() => reject(new ObsError('timeout', msg('obs.reportTimeout', { what, seconds: timeoutMs / 1000 })))),
        timeoutMs,
      );
      function settle(action: () => void): void {
        clearTimeout(timer);
        offStream();
        offClose();
        action();
      }
      cancel = () => settle(() => undefined);
    });
    return { result, cancel };
  }

  async #profileParameter(key: keyof typeof PROFILE_PARAMETERS): Promise<string | null> {
    const [parameterCategory, parameterName] = PROFILE_PARAMETERS[key];
    const answer = await this.request('GetProfileParameter', { parameterCategory, parameterName });
    // obs-websocket sends null for a parameter that is neither set nor has a default.
    const value: string | null = answer.parameterValue;
    const fallback: string | null = answer.defaultParameterValue;
    return value ?? fallback;
  }
}

/** Maps whatever a connect or request threw to an ObsError (ObsErrors pass through). */
function toObsError(error: unknown, what: string, url?: string): ObsError {
  if (error instanceof ObsError) return error;
  if (what === 'connect') {
    if (error instanceof OBSWebSocketError && error.code === AUTH_FAILED_CLOSE_CODE) {
      return new ObsError('auth', msg('obs.passwordRefused', { reason: error.message }), {
        code: error.code,
        cause: error,
      });
    }
    const reason = error instanceof Error && error.message ? error.message : msg('obs.connectionClosed');
    const code = error instanceof OBSWebSocketError ? error.code : undefined;
    const detail = url ? msg('obs.unreachableAt', { url, reason }) : msg('obs.unreachable', { reason });
    return new ObsError('unreachable', detail, { code, cause: error });
  }
  if (error instanceof OBSWebSocketError) {
    const kind = error.code === RequestStatus.OutputRunning ? 'output-running' : 'request-failed';
    const detail = error.message
      ? msg('obs.refusedWithComment', { request: what, status: error.code, comment: error.message })
      : msg('obs.refused', { request: what, status: error.code });
    return new ObsError(kind, detail, {
      code: error.code,
      cause: error,
    });
  }
  // obs-websocket-js throws plain Errors ("Not connected", "Socket not identified") when the socket is gone.
  const message = error instanceof Error ? error.message : String(error);
  return new ObsError('disconnected', msg('obs.cannotAsk', { request: what, reason: message }), { cause: error });
}

function checkedTimeout(timeoutMs: number): number {
  if (!(timeoutMs > 0)) throw new ValidationError('timeoutMs', 'must be a positive number of milliseconds');
  return timeoutMs;
}
