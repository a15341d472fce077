/**
 * Go live: preflight → ensure channel → enable → sign → save OBS settings → point OBS at the channel → start →
 * OBS started → OSS Live. Each step reports its progress; each step that changes something registers how to put it
 * back *before* it acts, so a failure or a cancellation at any point (even halfway through a request) undoes, in
 * reverse order, exactly what this run may have changed: stop the stream, restore the user's OBS settings, disable
 * the channel again, delete it if this run created it.
 */
import type { LiveChannelConfig, SignedRtmpUrl } from '../../shared/live-channel';
import { CHANNEL_DEFAULTS } from '../../shared/live-channel';
import { GO_LIVE_STEP_IDS } from '../../shared/golive';
import type { LocalizedText } from '../../shared/messages';
import { list, msg, renderMessage } from '../../shared/messages';
import { validateChannelName, validateLiveChannelInput, validatePlaylistName, ValidationError } from '../../shared/validation';
import type { PreflightReport, StreamServiceSnapshot } from '../obs';
import { ObsError } from '../obs';
import { OssError } from '../oss';
import { CancelledError, GoLiveError, StepFailure, errorText, sleep, throwIfCancelled, untilCancelled } from './errors';
import { DEFAULT_PLANNED_DURATION_SECONDS, OBS_DEFAULT_RECONNECT, durationText, urlLifetime } from './expiry';
import type { ObsReconnectSettings } from './expiry';
import { appliedTarget, pointsAt } from './snapshot-store';
import { diagnoseStart } from './start-diagnosis';
import { StepTracker } from './step-tracker';
import type { GoLiveDeps, GoLiveOptions, GoLiveResult, GoLiveStepId, StepListener } from './types';

export const GO_LIVE_STEPS: ReadonlyArray<readonly [GoLiveStepId, LocalizedText]> = GO_LIVE_STEP_IDS.map((id) => [id, msg(`steps.goLive.${id}`)]);

export const DEFAULT_LIVE_TIMEOUT_MS = 20_000;
const DEFAULT_LIVE_POLL_MS = 500;

/** What a step did: `done` with a message, or `skipped` with the reason. */
type StepOutcome = { state: 'done' | 'skipped'; text: LocalizedText };
const done = (text: LocalizedText): StepOutcome => ({ state: 'done', text });
const skipped = (text: LocalizedText): StepOutcome => ({ state: 'skipped', text });

/** How to put one step back; returns what was put back, for the step's message. */
interface Undo {
  step: GoLiveStepId;
  run: () => Promise<LocalizedText>;
}

/**
 * Runs go-live. Resolves once OSS reports the channel Live, with OBS left streaming. Rejects with a
 * {@link GoLiveError} (after undoing) when a step fails or the signal aborts, or with a `ValidationError` for bad
 * options before anything is touched.
 */
export async function goLive(deps: GoLiveDeps, options: GoLiveOptions, onStep?: StepListener<GoLiveStepId>): Promise<GoLiveResult> {
  validateGoLiveOptions(options);
  return new GoLiveRun(deps, options, new StepTracker(GO_LIVE_STEPS, onStep, deps.now)).run();
}

/** Checks options as {@link goLive} does, so a caller can reject bad input before connecting to anything. */
export function validateGoLiveOptions(options: GoLiveOptions): void {
  validateChannelName(options.channel);
  if (options.playlistName !== undefined) validatePlaylistName(options.playlistName);
  if (options.create) validateLiveChannelInput(options.channel, options.create);
  urlLifetime(options); // rejects an expiry in the past before anything is touched
  const timeout = options.liveTimeoutMs;
  if (timeout !== undefined && !(timeout > 0)) throw new ValidationError('liveTimeoutMs', 'must be a positive number of milliseconds');
}

class GoLiveRun {
  readonly #deps: GoLiveDeps;
  readonly #options: GoLiveOptions;
  readonly #steps: StepTracker<GoLiveStepId>;
  readonly #signal: AbortSignal | undefined;
  readonly #undo: Undo[] = [];
  readonly #warnings: LocalizedText[] = [];
  readonly #now: () => Date;

  #reconnect: ObsReconnectSettings = OBS_DEFAULT_RECONNECT;
  #config: LiveChannelConfig | undefined;
  #signed: SignedRtmpUrl | undefined;
  #userService: StreamServiceSnapshot | undefined;
  #start: Promise<void> | undefined;
  /** The running step's work: a cancelled step may still be mid-request, and undoing must wait for it. */
  #inFlight: Promise<unknown> | undefined;

  constructor(deps: GoLiveDeps, options: GoLiveOptions, steps: StepTracker<GoLiveStepId>) {
    this.#deps = deps;
    this.#options = options;
    this.#steps = steps;
    this.#signal = options.signal;
    this.#now = deps.now ?? (() => new Date());
  }

  async run(): Promise<GoLiveResult> {
    const { channel } = this.#options;
    try {
      await this.#step('preflight', () => this.#preflight());
      await this.#step('ensure-channel', () => this.#ensureChannel());
      await this.#step('enable', () => this.#enable());
      await this.#step('sign', () => this.#sign());
      await this.#step('snapshot', () => this.#snapshot());
      await this.#step('set-service', () => this.#setService());
      await this.#startStream();
      await this.#step('oss-live', () => this.#waitForLive());
    } catch (error) {
      throw await this.#failed(error);
    }
    const signed = this.#required(this.#signed, 'signed URL');
    const playlistName = this.#playlistName();
    const startedAt = this.#now();
    await this.#recordStart(startedAt, playlistName, signed.expiresAt);
    return {
      channel,
      startedAt,
      url: { server: signed.server, streamKey: signed.streamKey, expiresAt: signed.expiresAt },
      playUrl: this.#deps.playUrl(channel, playlistName),
      steps: this.#steps.steps,
      warnings: this.#warnings.map((warning) => renderMessage(warning)),
      warningTexts: [...this.#warnings],
    };
  }

  // ---------------------------------------------------------------- steps

  async #preflight(): Promise<StepOutcome> {
    const { obs } = this.#deps;
    await obs.connect();
    if ((await obs.getStreamStatus()).active) {
      throw new StepFailure(msg('goLive.obsAlreadyStreaming'));
    }
    const report = await obs.preflight(await this.#channelFragDuration());
    this.#reconnect = await obs.reconnectSettings().catch(() => OBS_DEFAULT_RECONNECT);
    const failures = report.checks.filter((check) => check.ok === false && check.id !== 'keyframe-interval');
    if (failures.length > 0) throw new StepFailure(msg('verbatim', { text: list(failures.map((check) => check.text), 'sentences') }));
    for (const check of report.checks) if (check.ok !== true) this.#warnings.push(check.text);
    return done(preflightSummary(report));
  }

  /** FragDuration to check the keyframe interval against: the channel's, or the one it will be created with. */
  async #channelFragDuration(): Promise<number> {
    let existing: LiveChannelConfig | undefined;
    try {
      existing = await this.#readChannel();
    } catch (error) {
      throw new StepFailure(msg('goLive.cannotReadChannel', { channel: this.#options.channel, error: errorText(error) }), error);
    }
    return existing?.target.fragDuration ?? this.#options.create?.fragDuration ?? CHANNEL_DEFAULTS.fragDuration;
  }

  async #ensureChannel(): Promise<StepOutcome> {
    const { oss } = this.#deps;
    const { channel } = this.#options;
    const signal = this.#signal;
    const existing = await this.#readChannel();
    if (existing) {
      this.#config = existing;
      const stat = await oss.getLiveChannelStat(channel, { signal });
      if (stat.status === 'Live') {
        throw new StepFailure(
          msg('goLive.channelAlreadyLive', { channel, remoteAddr: stat.remoteAddr, since: stat.connectedTime.toISOString() }),
        );
      }
      return done(msg('goLive.channelExists', { channel, config: describeTarget(existing) }));
    }
    // Registered before the request: an aborted PutLiveChannel may still have created the channel.
    this.#undo.push({
      step: 'ensure-channel',
      run: async () => {
        await oss.deleteLiveChannel(channel).catch((error: unknown) => {
          if (!(error instanceof OssError && error.status === 404)) throw error;
        });
        return msg('goLive.createdChannelDeleted', { channel });
      },
    });
    await oss.putLiveChannel(channel, this.#options.create ?? {}, { signal });
    this.#config = this.#required(await this.#readChannel(), 'created channel');
    return done(msg('goLive.channelCreated', { channel, config: describeTarget(this.#config) }));
  }

  async #readChannel(): Promise<LiveChannelConfig | undefined> {
    try {
      return await this.#deps.oss.getLiveChannelInfo(this.#options.channel, { signal: this.#signal });
    } catch (error) {
      if (error instanceof OssError && error.status === 404) return undefined;
      throw error;
    }
  }

  async #enable(): Promise<StepOutcome> {
    const { oss } = this.#deps;
    const { channel } = this.#options;
    if (this.#required(this.#config, 'channel configuration').status === 'enabled') return skipped(msg('goLive.alreadyEnabled'));
    this.#undo.push({
      step: 'enable',
      run: async () => {
        await oss.putLiveChannelStatus(channel, 'disabled');
        return msg('goLive.channelDisabledAgain', { channel });
      },
    });
    await oss.putLiveChannelStatus(channel, 'enabled', { signal: this.#signal });
    return done(msg('goLive.channelEnabled', { channel }));
  }

  async #sign(): Promise<StepOutcome> {
    const lifetime = urlLifetime({ ...this.#options, reconnect: this.#reconnect });
    if (lifetime.warningText) this.#warnings.push(lifetime.warningText);
    const playlistName = this.#options.playlistName;
    this.#signed = await this.#deps.oss.signRtmpUrlAsync(this.#options.channel, {
      expiresInSeconds: lifetime.expiresInSeconds,
      now: this.#now(),
      ...(playlistName === undefined ? {} : { playlistName }),
    });
    const expiresAt = this.#signed.expiresAt.toISOString();
    const lifetimeText = durationText(lifetime.expiresInSeconds);
    if (this.#options.expiresInSeconds !== undefined) return done(msg('goLive.signedAsAsked', { expiresAt, lifetime: lifetimeText }));
    const planned = durationText(this.#options.plannedDurationSeconds ?? DEFAULT_PLANNED_DURATION_SECONDS);
    return done(msg('goLive.signedForPlan', { expiresAt, lifetime: lifetimeText, planned, budget: durationText(lifetime.reconnectBudgetSeconds) }));
  }

  async #snapshot(): Promise<StepOutcome> {
    const { obs, snapshots, obsUrl } = this.#deps;
    const signed = this.#required(this.#signed, 'signed URL');
    const current = await obs.getStreamService();
    const stored = await snapshots.read(obsUrl);
    // OBS still points at an earlier session's URL: that session crashed before restoring, and its snapshot, not
    // what OBS has now, is the user's own.
    const keepStored = stored !== undefined && pointsAt(current, stored.target);
    this.#userService = keepStored ? stored.service : current;
    await snapshots.save({
      obsUrl,
      savedAt: keepStored ? stored.savedAt : this.#now(),
      channel: this.#options.channel,
      service: this.#userService,
      target: appliedTarget({ server: signed.server, key: signed.streamKey }),
    });
    this.#undo.push({
      step: 'snapshot',
      run: async () => {
        await snapshots.remove(obsUrl);
        return msg('goLive.snapshotRemoved');
      },
    });
    const file = snapshots.fileFor(obsUrl);
    return done(
      keepStored
        ? msg('goLive.snapshotKept', { savedAt: stored.savedAt.toISOString(), file })
        : msg('goLive.snapshotSaved', { serviceType: current.streamServiceType, file }),
    );
  }

  async #setService(): Promise<StepOutcome> {
    const { obs } = this.#deps;
    const signed = this.#required(this.#signed, 'signed URL');
    const userService = this.#required(this.#userService, 'saved OBS settings');
    this.#undo.push({
      step: 'set-service',
      run: async () => {
        await obs.restoreStreamService(userService);
        return msg('goLive.serviceRestored', { serviceType: userService.streamServiceType });
      },
    });
    await obs.setStreamService({ type: 'rtmp_custom', server: signed.server, key: signed.streamKey });
    return done(msg('goLive.serviceSet', { server: signed.server }));
  }

  /** Two steps: OBS accepted StartStream (STARTING), then OBS reports STARTED (or STOPPED: a failed start). */
  async #startStream(): Promise<void> {
    const { obs } = this.#deps;
    let off = (): void => undefined;
    const starting = new Promise<void>((resolve) => {
      off = obs.on('stream', (event) => {
        if (event.state === 'starting') resolve();
      });
    });
    this.#undo.push({
      step: 'start',
      run: async () => {
        // A start still in flight would go live after a stop sent now; let it settle (its own timeout bounds it).
        await this.#start?.catch(() => undefined);
        await obs.stopStream();
        return msg('goLive.streamStopped');
      },
    });
    try {
      await this.#step('start', async () => {
        const start = obs.startStream();
        start.catch(() => undefined); // observed below and by the undo; never an unhandled rejection
        this.#start = start;
        await Promise.race([starting, start]);
        return done(msg('goLive.startAccepted'));
      });
      await this.#step('obs-started', async () => {
        try {
          await this.#required(this.#start, 'start');
        } catch (error) {
          if (error instanceof ObsError && (error.kind === 'start-failed' || error.kind === 'timeout')) {
            throw new StepFailure(await this.#explainFailedStart(error.text, false), error);
          }
          throw error;
        }
        return done(msg('goLive.obsStarted'));
      });
    } finally {
      off();
    }
  }

  async #waitForLive(): Promise<StepOutcome> {
    const { oss } = this.#deps;
    const { channel } = this.#options;
    const timeoutMs = this.#options.liveTimeoutMs ?? DEFAULT_LIVE_TIMEOUT_MS;
    const pollMs = this.#deps.livePollMs ?? DEFAULT_LIVE_POLL_MS;
    const deadline = performance.now() + timeoutMs;
    let polls = 0;
    for (;;) {
      polls += 1;
      const stat = await oss.getLiveChannelStat(channel, { signal: this.#signal });
      if (stat.status === 'Live') {
        const { remoteAddr, video } = stat;
        return done(
          video
            ? msg('goLive.ossLiveWithVideo', { channel, remoteAddr, codec: video.codec, width: video.width, height: video.height, polls })
            : msg('goLive.ossLive', { channel, remoteAddr, polls }),
        );
      }
      if (performance.now() >= deadline) {
        const lead = msg('goLive.ossNeverLive', { channel, timeout: durationText(timeoutMs / 1000), status: stat.status });
        throw new StepFailure(await this.#explainFailedStart(lead, true));
      }
      await sleep(Math.min(pollMs, Math.max(0, deadline - performance.now())), this.#signal);
    }
  }

  async #explainFailedStart(lead: LocalizedText, obsStreaming: boolean): Promise<LocalizedText> {
    const signed = this.#required(this.#signed, 'signed URL');
    const facts = await diagnoseStart(this.#deps.oss, {
      channel: this.#options.channel,
      expiresAt: signed.expiresAt,
      now: this.#now(),
      server: signed.server,
      obsStreaming,
    });
    return msg('goLive.failedStart', { lead, facts: list(facts, 'clauses') });
  }

  async #recordStart(startedAt: Date, playlistName: string, urlExpiresAt: Date): Promise<void> {
    const { history, profile, bucket } = this.#deps;
    if (!history) return;
    try {
      await history.recordSessionStart({ profile, bucket, channel: this.#options.channel, startedAt, playlistName, urlExpiresAt });
    } catch (error) {
      // The broadcast is live; a history that cannot be written must not take it down.
      this.#warnings.push(msg('goLive.historyNotRecorded', { error: errorText(error) }));
    }
  }

  #playlistName(): string {
    return this.#options.playlistName ?? this.#config?.target.playlistName ?? CHANNEL_DEFAULTS.playlistName;
  }

  // ---------------------------------------------------------------- running and undoing

  async #step(id: GoLiveStepId, body: () => Promise<StepOutcome>): Promise<void> {
    throwIfCancelled(this.#signal);
    this.#steps.start(id);
    const work = body();
    this.#inFlight = work.catch(() => undefined);
    const outcome = await untilCancelled(work, this.#signal);
    if (outcome.state === 'done') this.#steps.done(id, outcome.text);
    else this.#steps.skip(id, outcome.text);
  }

  /** Marks the running step failed, undoes everything in reverse, and builds the error for the user. */
  async #failed(error: unknown): Promise<GoLiveError> {
    const steps = this.#steps.steps;
    const failedStep = this.#steps.running ?? steps.find((step) => step.state === 'pending')?.id ?? 'oss-live';
    const cancelled = error instanceof CancelledError;
    const reason = cancelled ? msg('goLive.cancelled') : error instanceof StepFailure ? error.text : errorText(error);
    this.#steps.fail(failedStep, reason);
    await this.#inFlight;
    const changes = this.#undo.length;
    const notUndone = await this.#undoAll();
    const step = this.#steps.labelTextOf(failedStep);
    const headline = cancelled ? msg('goLive.cancelledAt', { step }) : msg('goLive.failedAt', { step, reason });
    const rollback =
      notUndone.length > 0
        ? msg('goLive.couldNotPutBack', { problems: list(notUndone, 'clauses'), channel: this.#options.channel })
        : changes > 0
          ? msg('goLive.allPutBack')
          : msg('goLive.nothingChanged');
    const cause = error instanceof StepFailure ? (error.cause ?? error) : error;
    return new GoLiveError(failedStep, msg('goLive.failure', { headline, rollback }), this.#steps.steps, { cause });
  }

  /** Runs every registered undo, newest first; returns what could not be put back. */
  async #undoAll(): Promise<LocalizedText[]> {
    const problems: LocalizedText[] = [];
    let restoreFailed = false;
    for (const undo of [...this.#undo].reverse()) {
      if (undo.step === 'snapshot' && restoreFailed) {
        this.#steps.note('snapshot', msg('goLive.snapshotKeptForStop', { file: this.#deps.snapshots.fileFor(this.#deps.obsUrl) }));
        continue;
      }
      try {
        const message = await undo.run();
        if (this.#steps.stateOf(undo.step) === 'done') this.#steps.undone(undo.step, message);
      } catch (error) {
        if (undo.step === 'set-service') restoreFailed = true;
        problems.push(msg('goLive.undoProblem', { step: this.#steps.labelTextOf(undo.step), error: errorText(error) }));
        this.#steps.note(undo.step, msg('goLive.couldNotUndo', { error: errorText(error) }));
      }
    }
    return problems;
  }

  #required<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`internal: ${what} is missing`);
    return value;
  }
}

function describeTarget(config: LiveChannelConfig): LocalizedText {
  const { fragDuration, fragCount, playlistName } = config.target;
  return msg('goLive.channelConfig', { status: msg(`goLive.channelStatus.${config.status}`), fragDuration, fragCount, playlistName });
}

function preflightSummary(report: PreflightReport): LocalizedText {
  const seconds = report.keyframeIntervalSeconds;
  const keyframes =
    seconds === null
      ? msg('goLive.keyframesUnknown')
      : Number.isFinite(seconds)
        ? msg('goLive.keyframesEvery', { seconds: Math.round(seconds * 100) / 100 })
        : msg('goLive.keyframeOnce');
  const { videoEncoder, videoCodec, audioEncoder, audioCodec } = report;
  return msg('goLive.preflightSummary', { videoEncoder, videoCodec, keyframes, audioEncoder, audioCodec });
}
