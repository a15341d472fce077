import { describe, expect, it } from 'vitest';

import { DEFAULT_RECONNECT_POLICY, reconnectDelayMs } from '../../../electron/obs/reconnect';
import type { ReconnectPolicy } from '../../../electron/obs/reconnect';

const noJitter: ReconnectPolicy = { initialDelayMs: 500, factor: 2, maxDelayMs: 10_000, jitter: 0 };
const middle = (): number => 0.5;

describe('reconnectDelayMs', () => {
  it('doubles from the initial delay and stays at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => reconnectDelayMs(attempt, noJitter));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('spreads each delay by at most ±jitter and never beyond the cap', () => {
    const policy = { ...noJitter, jitter: 0.2 };
    expect(reconnectDelayMs(2, policy, () => 0)).toBe(800);
    expect(reconnectDelayMs(2, policy, middle)).toBe(1000);
    expect(reconnectDelayMs(2, policy, () => 0.999_999)).toBe(1200);
    // At the cap the upper half of the spread is cut off: waiting longer than maxDelayMs is never right.
    expect(reconnectDelayMs(10, policy, () => 0.999_999)).toBe(10_000);
    expect(reconnectDelayMs(10, policy, () => 0)).toBe(8000);
  });

  it('uses a policy that reaches its cap within a few attempts by default', () => {
    const { initialDelayMs, factor, maxDelayMs } = DEFAULT_RECONNECT_POLICY;
    const attemptsToCap = Math.ceil(Math.log(maxDelayMs / initialDelayMs) / Math.log(factor)) + 1;
    expect(reconnectDelayMs(1, DEFAULT_RECONNECT_POLICY, middle)).toBe(initialDelayMs);
    expect(reconnectDelayMs(attemptsToCap, DEFAULT_RECONNECT_POLICY, () => 0.999_999)).toBe(maxDelayMs);
  });

  it('names the field of a bad attempt number or policy', () => {
    expect(() => reconnectDelayMs(0, noJitter)).toThrow(/attempt: must be an integer ≥ 1/);
    expect(() => reconnectDelayMs(1.5, noJitter)).toThrow(/attempt/);
    expect(() => reconnectDelayMs(1, { ...noJitter, factor: 0.5 })).toThrow(/reconnect\.factor/);
    expect(() => reconnectDelayMs(1, { ...noJitter, maxDelayMs: 100 })).toThrow(/reconnect\.maxDelayMs/);
    expect(() => reconnectDelayMs(1, { ...noJitter, jitter: 2 })).toThrow(/reconnect\.jitter/);
    expect(() => reconnectDelayMs(1, { ...noJitter, initialDelayMs: Number.NaN })).toThrow(/reconnect\.initialDelayMs/);
  });
});
