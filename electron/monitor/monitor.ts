/**
 * The monitor: OBS (about every second) and OSS GetLiveChannelStat (every 2.5 s, faster while the two disagree)
 * sampled onto one bounded timeline, alert rules evaluated at each reading, and a running health summary.
 *
 * Truthfulness: a side that cannot be read is recorded as unknown with the reason, never as a made-up value; OBS
 * stream events and connection changes trigger an immediate reading, and OSS is polled every `ossFastMs` while it
 * lags what OBS says, so the state follows a change within about a second or two. Both loops survive every error
 * and recover on their own.
 */
import type { LiveChannelStat } from '../../shared/live-channel';
import type { Alert, AlertChange, HealthSummary, MonitorState, ObsPoint, OssPoint, TimelinePoint } from '../../shared/monitor';
import type { ObsController } from '../obs';
import { withTimeout } from '../util/with-timeout';
import { TypedEmitter } from '../obs/typed-emitter';
import type { AlertThresholds } from './alert-rules';
import { ALERT_RULES, DEFAULT_THRESHOLDS } from './alert-rules';
import { AlertTracker, DEFAULT_THROTTLE_MS } from './alert-tracker';
import type { HealthAccumulator } from './health-summary';
import { addPoint, emptyHealth, summarize } from './health-summary';
import { obsPointFrom, obsStateOf, ossPointFrom, ossStateOf, unknownPoint } from './points';
import { Poller } from './poller';
import { RingBuffer } from './ring-buffer';

/** The part of {@link ObsController} the monitor uses. */
export type MonitorObs = Pick<ObsController, 'state' | 'connect' | 'sample' | 'on'>;

/** The part of the OSS client the monitor uses (OssLiveClient fits). */
export interface MonitorOss {
  getLiveChannelStat(channel: string, options?: { signal?: AbortSignal; retries?: number }): Promise<LiveChannelStat>;
}

export interface MonitorIntervals {
  /** OBS sampling period; obs-web polls every 1 s, Streamlabs every 2 s. */
  obsMs: number;
  /**
   * OSS stat period while all is well. Its Bandwidth is a ~5 s average, so a 5 s period would chart the same detail,
   * but an OSS-only fault (OSS answering 5xx) is only seen at the next poll: 2.5 s keeps that within 3 s, for about
   * 1,400 cheap GET requests an hour.
   */
  ossMs: number;
  /** OSS stat period while OSS lags OBS, is unknown, or an OSS alert is up. */
  ossFastMs: number;
  /** How long after an OBS change OSS stays on the fast period. */
  ossFollowMs: number;
  /** A reading that takes longer counts as unknown (a hung OBS must not freeze the timeline). */
  obsTimeoutMs: number;
  ossTimeoutMs: number;
}

export const DEFAULT_INTERVALS: MonitorIntervals = {
  obsMs: 1_000,
  ossMs: 2_500,
  ossFastMs: 1_000,
  ossFollowMs: 10_000,
  obsTimeoutMs: 2_500,
  ossTimeoutMs: 4_000,
};

/** Two hours at 1 Hz, like the brief of the History screen's chart. */
export const DEFAULT_RETENTION_MS = 2 * 3600_000;

export interface MonitorOptions {
  obs: MonitorObs;
  oss: MonitorOss;
  channel: string;
  /** The signed ingest URL's expiry: OBS reconnects after it are refused, so the monitor warns ahead of it. */
  urlExpiresAt?: Date;
  /** Codecs of OBS's profile from a preflight (ObsController.preflight), for the codec alert before OSS sees media. */
  encoder?: { videoCodec: string; audioCodec: string };
  intervals?: Partial<MonitorIntervals>;
  thresholds?: Partial<AlertThresholds>;
  /** How much timeline to keep (default 2 h); the health summary covers the whole run regardless. */
  retentionMs?: number;
  throttleMs?: number;
  /** Clock (ms since the epoch); tests may pass their own. */
  now?: () => number;
}

export interface MonitorEvents {
  /** Every new timeline point (one side per point). */
  sample: TimelinePoint;
  alert: AlertChange;
  /** Whenever a side's state or the set of active alerts changes. */
  state: MonitorState;
}

export class Monitor extends TypedEmitter<MonitorEvents> {
  readonly #obs: MonitorObs;
  readonly #oss: MonitorOss;
  readonly #channel: string;
  readonly #intervals: MonitorIntervals;
  readonly #thresholds: AlertThresholds;
  readonly #now: () => number;
  #encoder: MonitorOptions['encoder'];
  readonly #timeline: RingBuffer<TimelinePoint>;
  readonly #tracker: AlertTracker;
  readonly #ruleWindowMs: number;
  readonly #obsPoller: Poller;
  readonly #ossPoller: Poller;
  #urlExpiresAt: number | null;
  #health: HealthAccumulator = emptyHealth();
  #latestObs: ObsPoint | undefined;
  #latestOss: OssPoint | undefined;
  #obsLiveSince: number | null = null;
  #lastObsChangeAt = Number.NEGATIVE_INFINITY;
  #stateKey = '';
  #unsubscribe: (() => void)[] = [];
  #abort = new AbortController();
  #running = false;

  constructor(options: MonitorOptions) {
    super();
    this.#obs = options.obs;
    this.#oss = options.oss;
    this.#channel = options.channel;
    this.#intervals = { ...DEFAULT_INTERVALS, ...options.intervals };
    this.#thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
    for (const [name, value] of Object.entries(this.#intervals)) {
      if (!(value > 0)) throw new RangeError(`intervals.${name}: must be a positive number of milliseconds`);
    }
    this.#now = options.now ?? Date.now;
    this.#encoder = options.encoder;
    this.#urlExpiresAt = options.urlExpiresAt?.getTime() ?? null;
    const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    const { obsMs, ossMs } = this.#intervals;
    this.#timeline = new RingBuffer(Math.ceil(retentionMs / obsMs) + Math.ceil(retentionMs / ossMs));
    this.#tracker = new AlertTracker(ALERT_RULES, options.throttleMs ?? DEFAULT_THROTTLE_MS);
    const { droppedFramesWindowMs, reconnectStuckMs, wedgedOutputMs } = this.#thresholds;
    this.#ruleWindowMs = Math.max(droppedFramesWindowMs, reconnectStuckMs, wedgedOutputMs) + 2 * ossMs;
    this.#obsPoller = new Poller(() => this.#sampleObs(), () => this.#intervals.obsMs);
    this.#ossPoller = new Poller(() => this.#sampleOss(), () => this.#ossIntervalMs());
  }

  /** Starts both sampling loops (the first readings are taken at once). Calling it again does nothing. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#abort = new AbortController();
    this.#unsubscribe = [
      this.#obs.on('stream', () => this.#onObsChange()),
      this.#obs.on('connection', (state) => {
        if (state === 'connected') this.#onObsChange();
        // A dropped websocket is known at once: record it rather than wait for the next tick to fail. ('disconnected'
        // after a failed connect of our own is recorded by that tick, and poking then would spin while OBS is down.)
        if (state === 'reconnecting') {
          this.#record({ at: new Date(this.#now()), obs: unknownPoint('the connection to OBS closed') }, { obs: true, oss: false });
          this.#ossPoller.poke();
        }
      }),
    ];
    this.#obsPoller.start();
    this.#ossPoller.start();
  }

  /** Stops sampling and waits for readings in flight. Does not disconnect OBS: whoever connected it does. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#abort.abort();
    await Promise.all([this.#obsPoller.stop(), this.#ossPoller.stop()]);
  }

  /** A new signed URL (re-signed for a restart): expiry warnings follow it from now on. */
  setUrlExpiresAt(expiresAt: Date | undefined): void {
    this.#urlExpiresAt = expiresAt?.getTime() ?? null;
  }

  /** Codecs from an OBS preflight run after the monitor started; the codec alert uses them from the next reading. */
  setEncoder(encoder: MonitorOptions['encoder']): void {
    this.#encoder = encoder;
  }

  /** The retained timeline, oldest first. */
  timeline(): TimelinePoint[] {
    return this.#timeline.toArray();
  }

  state(): MonitorState {
    return {
      obs: obsStateOf(this.#latestObs),
      oss: ossStateOf(this.#latestOss),
      activeAlerts: this.#tracker.active(),
    };
  }

  activeAlerts(): Alert[] {
    return this.#tracker.active();
  }

  /** Health of everything seen since start (duration, bitrate, drops, reconnects, alerts, time OSS was Live). */
  summary(): HealthSummary {
    return summarize(this.#health, this.#tracker.raisedCounts());
  }

  // ---------------------------------------------------------------- sampling

  async #sampleObs(): Promise<void> {
    let point: TimelinePoint;
    try {
      // A first connect that failed is not retried by the controller; retrying it here is what makes recovery work.
      if (this.#obs.state !== 'connected') await withTimeout(this.#obs.connect(), this.#intervals.obsTimeoutMs, noAnswer('connect to OBS', this.#intervals.obsTimeoutMs));
      const sample = await withTimeout(this.#obs.sample(), this.#intervals.obsTimeoutMs, noAnswer('OBS stats', this.#intervals.obsTimeoutMs));
      point = { at: new Date(sample.at), obs: obsPointFrom(sample) };
    } catch (error) {
      point = { at: new Date(this.#now()), obs: unknownPoint(error) };
    }
    if (this.#running) this.#record(point, { obs: true, oss: false });
  }

  async #sampleOss(): Promise<void> {
    let point: TimelinePoint;
    try {
      const signal = AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.#intervals.ossTimeoutMs)]);
      // No retries: the next poll is the retry, and a failing OSS must show as unknown at once, not after backoffs.
      const stat = await this.#oss.getLiveChannelStat(this.#channel, { signal, retries: 0 });
      point = { at: new Date(this.#now()), oss: ossPointFrom(stat) };
    } catch (error) {
      point = { at: new Date(this.#now()), oss: unknownPoint(error) };
    }
    if (this.#running) this.#record(point, { obs: false, oss: true });
  }

  /** OSS is polled fast while it may be lagging OBS, so its side is truthful within a second or two. */
  #ossIntervalMs(): number {
    const { ossMs, ossFastMs, ossFollowMs } = this.#intervals;
    const obs = this.#latestObs;
    const oss = this.#latestOss;
    const lagging = !oss?.reachable || (obs?.reachable === true && obs.active && oss.status !== 'Live');
    const ossAlert = this.#tracker.active().some((alert) => alert.id === 'oss-idle-while-live' || alert.id === 'oss-unreachable');
    const followingObs = this.#now() - this.#lastObsChangeAt < ossFollowMs;
    return lagging || ossAlert || followingObs ? Math.min(ossFastMs, ossMs) : ossMs;
  }

  #onObsChange(): void {
    this.#lastObsChangeAt = this.#now();
    this.#obsPoller.poke();
    this.#ossPoller.poke();
  }

  // ---------------------------------------------------------------- recording

  #record(point: TimelinePoint, fresh: { obs: boolean; oss: boolean }): void {
    this.#timeline.push(point);
    this.#health = addPoint(this.#health, point);
    if (point.obs) this.#trackObs(point.at.getTime(), point.obs);
    if (point.oss) this.#latestOss = point.oss;
    const now = Math.max(this.#now(), point.at.getTime());
    const since = now - this.#ruleWindowMs;
    const changes = this.#tracker.step(
      {
        now,
        points: this.#timeline.takeLastWhile((p) => p.at.getTime() >= since),
        obsLiveSince: this.#obsLiveSince,
        urlExpiresAt: this.#urlExpiresAt,
        encoder: this.#encoder ?? null,
        thresholds: this.#thresholds,
      },
      fresh,
    );
    this.emit('sample', point);
    for (const change of changes) this.emit('alert', change);
    const state = this.state();
    const key = JSON.stringify([state.obs, state.oss, state.activeAlerts.map((a) => [a.id, a.severity])]);
    if (key !== this.#stateKey) {
      this.#stateKey = key;
      this.emit('state', state);
    }
  }

  /** Keeps when OBS went live (for the OSS grace period) and notes OBS-side changes (for fast OSS polling). */
  #trackObs(at: number, obs: ObsPoint): void {
    const previous = this.#latestObs;
    this.#latestObs = obs;
    if (previous !== undefined && obsStateOf(previous) !== obsStateOf(obs)) this.#lastObsChangeAt = this.#now();
    if (!obs.reachable) return; // unknown says nothing about whether OBS is still live
    if (!obs.active) this.#obsLiveSince = null;
    else this.#obsLiveSince ??= at;
  }
}

/** The error a reading that took too long becomes (recorded as the side's unknown reason). */
function noAnswer(what: string, timeoutMs: number): () => Error {
  return () => new Error(`no answer to ${what} within ${timeoutMs / 1000} s`);
}
