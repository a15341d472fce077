// @vitest-environment jsdom
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApiEvents } from '../../../shared/api';
import type { GoLiveStep, StopStep } from '../../../shared/golive';
import { GO_LIVE_STEP_IDS, STOP_STEP_IDS } from '../../../shared/golive';
import { createGoLiveStore, foldStepEvent, mergeSteps, pendingSteps } from '../../../renderer/src/stores/golive-store';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import { useObs } from './local-obs';

const at = new Date('2025-01-01T10:00:00Z');
const goLiveEvent = (step: Partial<GoLiveStep> & Pick<GoLiveStep, 'id' | 'state'>): ApiEvents['golive.step'] => ({
  phase: 'golive',
  step: { label: step.id, ...step },
});
const stopEvent = (step: Partial<StopStep> & Pick<StopStep, 'id' | 'state'>): ApiEvents['golive.step'] => ({
  phase: 'stop',
  step: { label: step.id, ...step },
});

describe('foldStepEvent (what one golive.step event changes)', () => {
  const idle = { phase: 'idle' as const, steps: [], stopSteps: [] };

  it('a first step that starts is a new run: the whole checklist appears, the rest pending', () => {
    const folded = foldStepEvent(idle, goLiveEvent({ id: 'preflight', state: 'running', startedAt: at }));
    expect(folded.phase).toBe('starting');
    expect(folded.steps?.map((step) => [step.id, step.state])).toEqual(GO_LIVE_STEP_IDS.map((id) => [id, id === 'preflight' ? 'running' : 'pending']));
  });

  it('a failed step ends the run with its message; later steps stay pending, put-back ones show as undone', () => {
    let state = { ...idle, steps: mergeSteps(GO_LIVE_STEP_IDS, [{ id: 'preflight', label: '', state: 'done' }]) };
    const failed = foldStepEvent(state, goLiveEvent({ id: 'enable', state: 'failed', message: 'OSS refused: do this.' }));
    expect(failed.phase).toBe('idle');
    expect(failed.failure).toEqual({ phase: 'golive', stepId: 'enable', message: 'OSS refused: do this.', cancelled: false });
    state = { ...state, steps: failed.steps ?? [] };
    const undone = foldStepEvent(state, goLiveEvent({ id: 'ensure-channel', state: 'undone', message: 'deleted again' }));
    expect(undone.phase).toBeUndefined();
    expect(undone.steps?.map((step) => step.state)).toEqual(['done', 'undone', 'failed', ...Array(6).fill('pending')]);
  });

  it('OSS Live makes the broadcast live, from the step’s end time', () => {
    const folded = foldStepEvent({ ...idle, phase: 'starting' }, goLiveEvent({ id: 'oss-live', state: 'done', endedAt: at }));
    expect(folded).toMatchObject({ phase: 'live', startedAt: at });
  });

  it('stop: the first stop step starts a stop; the last one ends it; a failed one leaves the broadcast live', () => {
    const started = foldStepEvent({ ...idle, phase: 'live' }, stopEvent({ id: 'stop-stream', state: 'running' }));
    expect(started.phase).toBe('stopping');
    expect(started.stopSteps?.map((step) => step.id)).toEqual([...STOP_STEP_IDS]);
    const ended = foldStepEvent({ ...idle, phase: 'stopping', stopSteps: started.stopSteps ?? [] }, stopEvent({ id: 'record-end', state: 'skipped' }));
    expect(ended.phase).toBe('idle');
    const failed = foldStepEvent({ ...idle, phase: 'stopping', stopSteps: started.stopSteps ?? [] }, stopEvent({ id: 'stop-stream', state: 'failed', message: 'OBS is unreachable: start it.' }));
    expect(failed).toMatchObject({ phase: 'live', failure: { phase: 'stop', stepId: 'stop-stream', message: 'OBS is unreachable: start it.' } });
  });

  it('steps are kept in the run’s order whatever order they are reported in', () => {
    const steps = mergeSteps(STOP_STEP_IDS, [
      { id: 'record-end', label: '', state: 'done' },
      { id: 'stop-stream', label: '', state: 'done' },
    ]);
    expect(steps.map((step) => step.id)).toEqual([...STOP_STEP_IDS]);
    expect(pendingSteps(STOP_STEP_IDS).every((step) => step.state === 'pending')).toBe(true);
  });
});

describe('Go live store against the real app (no OBS running)', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await startInProcessApp();
    await useObs(app.api);
  });
  afterAll(() => app.close());

  it('follows golive.step: preflight fails with how to reach OBS, nothing else runs; a second window sees the same', async () => {
    const here = createGoLiveStore(app.api);
    const otherWindow = createGoLiveStore(app.api);
    await here.getState().start({ channel: 'store-no-obs', create: { fragDuration: 2, fragCount: 3 } });

    const state = here.getState();
    expect(state.phase).toBe('idle');
    expect(state.failure).toMatchObject({ phase: 'golive', stepId: 'preflight', cancelled: false });
    expect(state.failure?.message).toContain('WebSocket server');
    expect(state.steps.map((step) => step.state)).toEqual(['failed', ...Array(GO_LIVE_STEP_IDS.length - 1).fill('pending')]);

    // The other window never called start: it learnt all of this from the events.
    await waitFor(() => expect(otherWindow.getState().failure?.stepId).toBe('preflight'));
    expect(otherWindow.getState().steps).toEqual(state.steps);
    expect(otherWindow.getState().phase).toBe('idle');

    // Nothing changed: no channel was created, no broadcast is recorded.
    const { channels } = await app.api.invoke('channels.list', {});
    expect(channels.map((channel) => channel.name)).not.toContain('store-no-obs');
    expect(await app.api.invoke('golive.status')).toMatchObject({ active: false });
  });

  it('catches up with golive.status when opened: nothing running means idle and no checklist', async () => {
    const fresh = createGoLiveStore(app.api);
    await fresh.getState().refresh();
    expect(fresh.getState()).toMatchObject({ phase: 'idle', steps: [], channel: undefined });
  });

  it('a bad channel name is refused before any step, naming the field', async () => {
    const store = createGoLiveStore(app.api);
    await store.getState().start({ channel: 'a/b' });
    expect(store.getState().failure).toMatchObject({ phase: 'golive', field: 'channel' });
    expect(store.getState().failure?.stepId).toBeUndefined();
    expect(store.getState().steps).toEqual([]);
  });

  it('lists the channels to pick from', async () => {
    await app.api.invoke('channels.create', 'store-existing', { fragDuration: 2, fragCount: 3 }, { overwrite: false });
    const store = createGoLiveStore(app.api);
    await store.getState().loadChannels();
    expect(store.getState().channels).toContainEqual({ name: 'store-existing', status: 'enabled' });
  });
});
