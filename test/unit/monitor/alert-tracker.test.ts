import { describe, expect, it } from 'vitest';

import type { AlertCondition, AlertRule } from '../../../electron/monitor/alert-rules';
import { ALERT_RULES } from '../../../electron/monitor/alert-rules';
import { AlertTracker } from '../../../electron/monitor/alert-tracker';
import type { AlertChange } from '../../../shared/monitor';
import { T0, inputAt, obsAt, ossAt } from './timeline-builders';

/** A rule whose condition the test switches by hand, to see the tracker's own behaviour. */
function switchable(driver: AlertRule['driver'], raiseAfter: number, clearAfter: number) {
  let condition: AlertCondition | null = null;
  const rule: AlertRule = { id: 'no-output', driver, raiseAfter, clearAfter, evaluate: () => condition };
  return { rule, set: (next: AlertCondition | null) => void (condition = next) };
}

const bad: AlertCondition = { severity: 'critical', message: 'nothing is being sent' };
const both = { obs: true, oss: true };

/** Steps the tracker once per second from `from`, with the condition given per step; returns all changes. */
function run(tracker: AlertTracker, set: (c: AlertCondition | null) => void, from: number, conditions: (AlertCondition | null)[]): AlertChange[] {
  return conditions.flatMap((condition, i) => {
    set(condition);
    return tracker.step(inputAt(from + i, []), both);
  });
}

describe('AlertTracker', () => {
  it('raises only after the condition held for raiseAfter readings in a row (no flapping)', () => {
    const { rule, set } = switchable('obs', 3, 2);
    const tracker = new AlertTracker([rule]);
    expect(run(tracker, set, 0, [bad, bad, null, bad, bad])).toEqual([]);
    const changes = run(tracker, set, 5, [bad]);
    expect(changes).toEqual([
      { change: 'raised', alert: { id: 'no-output', severity: 'critical', message: bad.message, raisedAt: new Date(T0 + 5000), throttled: false } },
    ]);
    expect(tracker.active().map((a) => a.id)).toEqual(['no-output']);
  });

  it('clears only after the condition was gone for clearAfter readings in a row', () => {
    const { rule, set } = switchable('obs', 1, 3);
    const tracker = new AlertTracker([rule]);
    run(tracker, set, 0, [bad]);
    expect(run(tracker, set, 1, [null, null, bad, null, null])).toEqual([]);
    const [cleared] = run(tracker, set, 6, [null]);
    expect(cleared).toMatchObject({ change: 'cleared', alert: { id: 'no-output', raisedAt: new Date(T0), clearedAt: new Date(T0 + 6000) } });
    expect(tracker.active()).toEqual([]);
  });

  it("counts only fresh readings of the rule's driver", () => {
    const { rule, set } = switchable('oss', 2, 1);
    const tracker = new AlertTracker([rule]);
    set(bad);
    // Five OBS readings in a row say nothing new about OSS.
    for (let s = 0; s < 5; s += 1) expect(tracker.step(inputAt(s, []), { obs: true, oss: false })).toEqual([]);
    expect(tracker.step(inputAt(5, []), { obs: false, oss: true })).toEqual([]);
    expect(tracker.step(inputAt(6, []), { obs: false, oss: true })).toHaveLength(1);
  });

  it('steps clock-driven rules at every evaluation', () => {
    const { rule, set } = switchable('clock', 2, 1);
    const tracker = new AlertTracker([rule]);
    set(bad);
    tracker.step(inputAt(0, []), { obs: false, oss: false });
    expect(tracker.step(inputAt(1, []), { obs: false, oss: false })).toHaveLength(1);
  });

  it('re-raises with the new message when the severity changes', () => {
    const { rule, set } = switchable('clock', 1, 1);
    const tracker = new AlertTracker([rule]);
    run(tracker, set, 0, [{ severity: 'warning', message: 'expires in 30 min' }, { severity: 'warning', message: 'expires in 29 min' }]);
    const changes = run(tracker, set, 2, [{ severity: 'critical', message: 'expires in 5 min' }]);
    expect(changes.map((c) => [c.change, c.alert.severity, c.alert.message])).toEqual([
      ['cleared', 'warning', 'expires in 30 min'],
      ['raised', 'critical', 'expires in 5 min'],
    ]);
  });

  it('marks a re-raise within the throttle period as throttled, but never hides it', () => {
    const { rule, set } = switchable('obs', 1, 1);
    const tracker = new AlertTracker([rule], 120_000);
    const first = run(tracker, set, 0, [bad, null, bad, null]);
    expect(first.map((c) => [c.change, c.alert.throttled])).toEqual([
      ['raised', false],
      ['cleared', false],
      ['raised', true],
      ['cleared', true],
    ]);
    // Two minutes after the first ping, the next raise pings again.
    expect(run(tracker, set, 120, [bad])[0]?.alert.throttled).toBe(false);
    expect(tracker.raisedCounts()).toEqual({ 'no-output': 3 });
  });

  it('does not throttle an escalation', () => {
    const { rule, set } = switchable('obs', 1, 1);
    const tracker = new AlertTracker([rule]);
    run(tracker, set, 0, [{ severity: 'warning', message: 'w' }, null]);
    expect(run(tracker, set, 2, [bad])[0]?.alert.throttled).toBe(false);
  });

  it('rejects rules with impossible hysteresis', () => {
    const { rule } = switchable('obs', 0, 1);
    expect(() => new AlertTracker([rule])).toThrow(/no-output.raiseAfter: must be an integer ≥ 1/);
  });

  it('with the real rules: OSS Idle while OBS live is raised on the second OSS reading after the grace period', () => {
    const tracker = new AlertTracker(ALERT_RULES);
    const points = Array.from({ length: 20 }, (_, s) => obsAt(s));
    points.push(ossAt(20, { status: 'Idle' }));
    expect(tracker.step(inputAt(20, points), { obs: false, oss: true })).toEqual([]);
    points.push(ossAt(21, { status: 'Idle' }));
    const [raised] = tracker.step(inputAt(21, points), { obs: false, oss: true });
    expect(raised).toMatchObject({ change: 'raised', alert: { id: 'oss-idle-while-live', severity: 'critical' } });
  });
});
