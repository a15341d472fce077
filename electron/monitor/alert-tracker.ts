/**
 * Turns rule results into alerts without flapping: an alert is raised once its condition held for `raiseAfter`
 * fresh readings in a row and cleared once it was absent for `clearAfter`. Readings that are not fresh for a rule's
 * driver (an OBS sample for an OSS rule) do not move its counters, so a 5 s OSS poll is not counted five times.
 *
 * Throttling: a re-raise within `throttleMs` of the previous raise at the same or higher severity is marked
 * `throttled` (listed, but the streamer is not pinged again). The alert state itself is never delayed.
 */
import type { Alert, AlertChange, AlertId, AlertSeverity } from '../../shared/monitor';
import type { AlertCondition, AlertRule, RuleInput } from './alert-rules';

/** Which sides brought a new reading in this evaluation. */
export interface Freshness {
  obs: boolean;
  oss: boolean;
}

interface RuleState {
  hits: number;
  misses: number;
  active: Alert | null;
  lastRaised: { at: number; severity: AlertSeverity } | null;
}

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** Streamlabs throttles its notifications to one per 2 minutes. */
export const DEFAULT_THROTTLE_MS = 120_000;

export class AlertTracker {
  readonly #rules: readonly AlertRule[];
  readonly #throttleMs: number;
  readonly #states = new Map<AlertId, RuleState>();
  readonly #raisedCounts = new Map<AlertId, number>();

  constructor(rules: readonly AlertRule[], throttleMs = DEFAULT_THROTTLE_MS) {
    for (const rule of rules) {
      if (!Number.isInteger(rule.raiseAfter) || rule.raiseAfter < 1) throw new RangeError(`${rule.id}.raiseAfter: must be an integer ≥ 1`);
      if (!Number.isInteger(rule.clearAfter) || rule.clearAfter < 1) throw new RangeError(`${rule.id}.clearAfter: must be an integer ≥ 1`);
    }
    this.#rules = rules;
    this.#throttleMs = throttleMs;
  }

  /** Evaluates every rule whose driver has a fresh reading; returns the alerts raised and cleared, in rule order. */
  step(input: RuleInput, fresh: Freshness): AlertChange[] {
    const changes: AlertChange[] = [];
    for (const rule of this.#rules) {
      if ((rule.driver === 'obs' && !fresh.obs) || (rule.driver === 'oss' && !fresh.oss)) continue;
      const state = this.#stateOf(rule.id);
      const condition = rule.evaluate(input);
      if (condition) {
        state.hits += 1;
        state.misses = 0;
        const active = state.active;
        if (active && active.severity === condition.severity) continue;
        if (!active && state.hits < rule.raiseAfter) continue;
        // A change of severity (the URL expiry drawing closer) is a new alert, so the UI shows the new message.
        if (active) changes.push(this.#clear(state, input.now));
        changes.push(this.#raise(rule.id, state, condition, input.now));
      } else {
        state.misses += 1;
        state.hits = 0;
        if (state.active && state.misses >= rule.clearAfter) changes.push(this.#clear(state, input.now));
      }
    }
    return changes;
  }

  /** Alerts raised and not yet cleared, in rule order. */
  active(): Alert[] {
    return this.#rules.flatMap((rule) => {
      const alert = this.#states.get(rule.id)?.active;
      return alert ? [alert] : [];
    });
  }

  /** How many times each alert was raised (severity changes count as raises). */
  raisedCounts(): Partial<Record<AlertId, number>> {
    return Object.fromEntries(this.#raisedCounts);
  }

  #stateOf(id: AlertId): RuleState {
    let state = this.#states.get(id);
    if (!state) this.#states.set(id, (state = { hits: 0, misses: 0, active: null, lastRaised: null }));
    return state;
  }

  #raise(id: AlertId, state: RuleState, { severity, message, text }: AlertCondition, now: number): AlertChange {
    const last = state.lastRaised;
    const throttled = last !== null && now - last.at < this.#throttleMs && RANK[severity] <= RANK[last.severity];
    // A throttled raise does not restart the throttle period: one ping per period at most.
    if (!throttled) state.lastRaised = { at: now, severity };
    const alert: Alert = { id, severity, message, ...(text ? { text } : {}), raisedAt: new Date(now), throttled };
    state.active = alert;
    this.#raisedCounts.set(id, (this.#raisedCounts.get(id) ?? 0) + 1);
    return { change: 'raised', alert };
  }

  #clear(state: RuleState, now: number): AlertChange {
    const alert: Alert = { ...(state.active as Alert), clearedAt: new Date(now) };
    state.active = null;
    return { change: 'cleared', alert };
  }
}
