import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { ApiEvents, BroadcastStatus, RendererApi } from '../../../shared/api';
import type { GoLiveRequest, GoLiveStep, GoLiveStepId, Step, StepState, StopStep, StopStepId } from '../../../shared/golive';
import { GO_LIVE_STEP_IDS, STOP_STEP_IDS } from '../../../shared/golive';
import type { ChannelStatus } from '../../../shared/live-channel';
import type { LocalizedText } from '../../../shared/messages';
import { isLocalizedText } from '../../../shared/messages';
import { ApiError, errorMessage } from '../api/api-error';

/** `starting` and `stopping` cover runs started in any window; `live` is a broadcast this app runs. */
export type GoLivePhase = 'idle' | 'starting' | 'live' | 'stopping';

interface FailureDetails {
  /** The failed step's message (it says what to do), or the call's own error (English, or as the main process said it). */
  message: string;
  /** The same, translatable, when the main process sent it so. */
  text?: LocalizedText;
  /** What the failed run put back (or could not), translatable. */
  rollback?: LocalizedText;
  /** The input at fault, for a validation error. */
  field?: string;
  cancelled: boolean;
}

/** Why the last run ended badly: the failed step, or the call's own error when no step failed. */
export type RunFailure = (FailureDetails & { phase: 'golive'; stepId?: GoLiveStepId }) | (FailureDetails & { phase: 'stop'; stepId?: StopStepId });

export interface ChannelChoice {
  name: string;
  status: ChannelStatus;
}

export interface GoLiveState {
  phase: GoLivePhase;
  channel: string | undefined;
  steps: GoLiveStep[];
  stopSteps: StopStep[];
  startedAt: Date | undefined;
  urlExpiresAt: Date | undefined;
  /** Preflight warnings of this window's last go-live (e.g. a keyframe interval longer than FragDuration). */
  warnings: LocalizedText[];
  failure: RunFailure | undefined;
  /** The channel of the last stop that went through, for the "stopped" notice. */
  stoppedChannel: string | undefined;
  /** Cancel was pressed and the run has not ended yet. */
  cancelling: boolean;
  /**
   * This window's go-live or stop call has not returned: a failed run may still be putting things back, and the
   * main process refuses a second run until it has.
   */
  inFlight: boolean;
  channels: ChannelChoice[];
  channelsError: string | undefined;

  /** Catches up with the broadcast as the main process sees it (another window or a dock may have started it). */
  refresh(): Promise<void>;
  loadChannels(): Promise<void>;
  /** Runs go-live; never rejects: the outcome is in the state (steps, failure). */
  start(request: GoLiveRequest): Promise<void>;
  cancel(): Promise<void>;
  /** Stops the broadcast on the current channel; never rejects. */
  stop(options: { disable: boolean }): Promise<void>;
}

const FINISHED: ReadonlySet<StepState> = new Set(['done', 'failed', 'skipped', 'undone']);

/** True once a step has ended one way or another. */
export const isFinished = (step: Step<string>): boolean => FINISHED.has(step.state);

/** Placeholders for every step, all pending: the checklist shows the whole run from the first moment. */
export function pendingSteps<Id extends string>(ids: readonly Id[]): Array<Step<Id>> {
  return ids.map((id) => ({ id, label: id, state: 'pending' }));
}

/** `steps` with `step` in its place (by id), in the run's order; unknown ids are kept at the end. */
export function mergeStep<Id extends string>(steps: ReadonlyArray<Step<Id>>, step: Step<Id>): Array<Step<Id>> {
  return steps.some((s) => s.id === step.id) ? steps.map((s) => (s.id === step.id ? step : s)) : [...steps, step];
}

/** A whole list of reported steps over the placeholders. */
export function mergeSteps<Id extends string>(ids: readonly Id[], reported: ReadonlyArray<Step<Id>>): Array<Step<Id>> {
  return reported.reduce((steps, step) => mergeStep(steps, step), pendingSteps(ids));
}

/** What a failed step says: its message and, when the main process sent it, the translatable text. */
const stepFailure = (step: Step<string>): Pick<FailureDetails, 'message' | 'text'> => ({
  message: step.message ?? '',
  ...(step.text ? { text: step.text } : {}),
});

/** What a rejected call says, translatable when the main process phrased it; a failed go-live adds what it put back. */
function callFailure(error: unknown, failed: Step<string> | undefined): Pick<FailureDetails, 'message' | 'text' | 'rollback'> {
  const text = error instanceof ApiError ? error.data.text : undefined;
  const rollback = text?.key === 'goLive.failure' ? text.params?.rollback : undefined;
  return {
    ...(failed?.message !== undefined ? stepFailure(failed) : { message: errorMessage(error), ...(text ? { text } : {}) }),
    ...(isLocalizedText(rollback) ? { rollback } : {}),
  };
}

type Folded = Partial<Pick<GoLiveState, 'phase' | 'steps' | 'stopSteps' | 'failure' | 'startedAt' | 'urlExpiresAt' | 'warnings' | 'stoppedChannel'>>;

/**
 * What one `golive.step` event changes, whichever window started the run: a new run (its first step starts) resets
 * the checklist, a failed step ends the run with that step's message, OSS Live makes the broadcast live, and the
 * last stop step ends the stop (a failed one leaves the broadcast live).
 */
export function foldStepEvent(state: Pick<GoLiveState, 'phase' | 'steps' | 'stopSteps'>, event: ApiEvents['golive.step']): Folded {
  if (event.phase === 'golive') {
    const { step } = event;
    const newRun = step.id === GO_LIVE_STEP_IDS[0] && step.state === 'running';
    const base = newRun || state.steps.length === 0 ? pendingSteps(GO_LIVE_STEP_IDS) : state.steps;
    const folded: Folded = { steps: mergeStep(base, step) };
    if (newRun) Object.assign(folded, { phase: 'starting', stopSteps: [], failure: undefined, warnings: [], stoppedChannel: undefined });
    if (step.state === 'failed') {
      folded.phase = 'idle';
      folded.failure = { phase: 'golive', stepId: step.id, ...stepFailure(step), cancelled: false };
    }
    if (step.id === 'oss-live' && step.state === 'done') Object.assign(folded, { phase: 'live', startedAt: step.endedAt ?? new Date() });
    return folded;
  }
  const { step } = event;
  const newRun = step.id === STOP_STEP_IDS[0] && step.state === 'running';
  const base = newRun || state.stopSteps.length === 0 ? pendingSteps(STOP_STEP_IDS) : state.stopSteps;
  const folded: Folded = { stopSteps: mergeStep(base, step) };
  if (newRun) Object.assign(folded, { phase: 'stopping', failure: undefined });
  // A failed stop leaves the broadcast as it was (the main process still counts it as live).
  if (step.state === 'failed') Object.assign(folded, { phase: 'live', failure: { phase: 'stop', stepId: step.id, ...stepFailure(step), cancelled: false } });
  if (step.id === STOP_STEP_IDS.at(-1) && isFinished(step)) Object.assign(folded, { phase: 'idle', startedAt: undefined, urlExpiresAt: undefined });
  return folded;
}

/** How long to keep asking while a finished run is not yet recorded as the active broadcast. */
const SETTLE_RETRY_MS = 300;
const SETTLE_RETRIES = 10;

/**
 * The Go live screen's state: the checklist of the current (or last) go-live and stop runs, the live broadcast, and
 * the channels to pick from. It follows `golive.step` events for as long as the app runs, so a run started in
 * another window (or an OBS dock) shows here too, and a run started here keeps its checklist when the user
 * navigates away and back.
 */
export function createGoLiveStore(api: RendererApi): StoreApi<GoLiveState> {
  /** This window's own start/stop call is in flight: its result is the authority, not a concurrent status. */
  let busy = false;
  let cancelRequested = false;
  let settleRetries = 0;
  let latestChannels = 0;

  const store = createStore<GoLiveState>()((set, get) => {
    const applyStatus = (status: BroadcastStatus): void => {
      if (status.active) {
        if (get().phase === 'stopping') return; // a stop is running: its steps end it
        set({
          phase: 'live',
          channel: status.channel,
          startedAt: status.startedAt,
          urlExpiresAt: status.urlExpiresAt,
          ...(status.steps.length > 0 ? { steps: mergeSteps(GO_LIVE_STEP_IDS, status.steps) } : {}),
        });
        return;
      }
      if (status.channel !== undefined) {
        // A run is in progress, or finishing: putting things back after a failure, or recording a success.
        const steps = mergeSteps(GO_LIVE_STEP_IDS, status.steps);
        const failed = steps.some((step) => step.state === 'failed');
        const reachedLive = steps.some((step) => step.id === 'oss-live' && step.state === 'done');
        set({ phase: failed ? 'idle' : reachedLive ? 'live' : 'starting', channel: status.channel, steps });
        // OSS is Live but the broadcast is not recorded yet (no URL expiry to show): ask again in a moment.
        if (reachedLive && !failed && settleRetries < SETTLE_RETRIES) {
          settleRetries += 1;
          setTimeout(() => void get().refresh(), SETTLE_RETRY_MS);
        }
        return;
      }
      const { phase } = get();
      if (phase === 'live' || phase === 'starting') set({ phase: 'idle', startedAt: undefined, urlExpiresAt: undefined });
    };

    api.on('golive.step', (event) => {
      const folded = foldStepEvent(get(), event);
      // This window asked to cancel its run: the step that fails now fails because of it.
      if (busy && cancelRequested && folded.failure?.phase === 'golive') folded.failure = { ...folded.failure, cancelled: true };
      set(folded);
      if (busy) return;
      // Someone else's run: learn its channel, its URL expiry, or how it ended.
      if (folded.phase === 'starting' || folded.phase === 'live' || event.step.state === 'failed') {
        settleRetries = 0;
        void get().refresh();
      }
    });

    return {
      phase: 'idle',
      channel: undefined,
      steps: [],
      stopSteps: [],
      startedAt: undefined,
      urlExpiresAt: undefined,
      warnings: [],
      failure: undefined,
      stoppedChannel: undefined,
      cancelling: false,
      inFlight: false,
      channels: [],
      channelsError: undefined,

      async refresh() {
        try {
          const status = await api.invoke('golive.status');
          if (!busy) applyStatus(status);
        } catch {
          // Status is a catch-up nicety: the next event or refresh tries again.
        }
      },

      async loadChannels() {
        const ticket = ++latestChannels;
        try {
          const result = await api.invoke('channels.list', {});
          const channels = result.channels.map(({ name, status }) => ({ name, status }));
          if (ticket === latestChannels) set({ channels, channelsError: undefined });
        } catch (error) {
          if (ticket === latestChannels) set({ channelsError: errorMessage(error) });
        }
      },

      async start(request) {
        busy = true;
        cancelRequested = false;
        set({
          inFlight: true,
          phase: 'starting',
          channel: request.channel,
          steps: pendingSteps(GO_LIVE_STEP_IDS),
          stopSteps: [],
          startedAt: undefined,
          urlExpiresAt: undefined,
          warnings: [],
          failure: undefined,
          stoppedChannel: undefined,
        });
        try {
          const result = await api.invoke('golive.start', request);
          set({
            phase: 'live',
            channel: result.channel,
            steps: mergeSteps(GO_LIVE_STEP_IDS, result.steps),
            startedAt: result.startedAt,
            urlExpiresAt: result.url.expiresAt,
            warnings: result.warningTexts,
          });
        } catch (error) {
          const failed = get().steps.find((step) => step.state === 'failed');
          const anyRan = get().steps.some((step) => step.state !== 'pending');
          set({
            phase: 'idle',
            steps: anyRan ? get().steps : [],
            failure: {
              phase: 'golive',
              ...(failed ? { stepId: failed.id } : {}),
              ...callFailure(error, failed),
              ...(error instanceof ApiError && error.data.field ? { field: error.data.field } : {}),
              cancelled: cancelRequested,
            },
          });
        } finally {
          busy = false;
          set({ cancelling: false });
          await get().loadChannels(); // the run may have created the channel
          if (get().phase === 'idle') await get().refresh(); // e.g. refused because another run is in progress
          set({ inFlight: false });
        }
      },

      async cancel() {
        cancelRequested = true;
        set({ cancelling: true });
        try {
          await api.invoke('golive.cancel');
        } catch (error) {
          set({ cancelling: false, failure: { phase: 'golive', message: errorMessage(error), cancelled: false } });
        }
      },

      async stop({ disable }) {
        const channel = get().channel;
        if (channel === undefined) return;
        busy = true;
        set({ inFlight: true, phase: 'stopping', stopSteps: pendingSteps(STOP_STEP_IDS), failure: undefined, stoppedChannel: undefined });
        try {
          const result = await api.invoke('golive.stop', { channel, disable });
          set({
            phase: 'idle',
            stopSteps: mergeSteps(STOP_STEP_IDS, result.steps),
            startedAt: undefined,
            urlExpiresAt: undefined,
            warnings: result.warningTexts,
            stoppedChannel: channel,
          });
        } catch (error) {
          const failed = get().stopSteps.find((step) => step.state === 'failed');
          set({
            phase: 'live',
            failure: {
              phase: 'stop',
              ...(failed ? { stepId: failed.id } : {}),
              ...callFailure(error, failed),
              cancelled: false,
            },
          });
        } finally {
          busy = false;
          await get().refresh();
          set({ inFlight: false });
        }
      },
    };
  });
  return store;
}
