/**
 * When to try reconnecting to OBS after the websocket dropped. obs-websocket-js has no reconnect of its own, and
 * OBS may be gone for seconds (a crash and restart) or for good, so the delay grows exponentially up to a cap and
 * attempts never stop by themselves: `disconnect()` stops them.
 */

export interface ReconnectPolicy {
  /** Delay before the first attempt. */
  initialDelayMs: number;
  /** Each further attempt waits this many times longer… */
  factor: number;
  /** …but never longer than this. */
  maxDelayMs: number;
  /**
   * Random spread as a fraction of the delay (0.2 = ±20 %), so several clients of one OBS (the app and a browser
   * dock) do not all knock at the same instant.
   */
  jitter: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  initialDelayMs: 500,
  factor: 2,
  maxDelayMs: 10_000,
  jitter: 0.2,
};

/**
 * The delay before reconnect attempt `attempt` (1 for the first): `initialDelayMs × factor^(attempt−1)`, capped at
 * `maxDelayMs`, spread by ±`jitter` and never above the cap. `random` returns a number in [0, 1).
 */
export function reconnectDelayMs(
  attempt: number,
  policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt: must be an integer ≥ 1 (got ${attempt})`);
  }
  validatePolicy(policy);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (attempt - 1));
  const spread = base * policy.jitter * (2 * random() - 1);
  return Math.round(Math.min(policy.maxDelayMs, Math.max(0, base + spread)));
}

function validatePolicy(policy: ReconnectPolicy): void {
  const rules: Array<[keyof ReconnectPolicy, boolean, string]> = [
    ['initialDelayMs', policy.initialDelayMs >= 0, 'must be ≥ 0'],
    ['factor', policy.factor >= 1, 'must be ≥ 1'],
    ['maxDelayMs', policy.maxDelayMs >= policy.initialDelayMs, 'must be ≥ initialDelayMs'],
    ['jitter', policy.jitter >= 0 && policy.jitter <= 1, 'must be from 0 to 1'],
  ];
  for (const [field, ok, rule] of rules) {
    if (!ok || !Number.isFinite(policy[field])) {
      throw new RangeError(`reconnect.${field}: ${rule} (got ${policy[field]})`);
    }
  }
}
