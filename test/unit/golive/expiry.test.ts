import { describe, expect, it } from 'vitest';

import { DEFAULT_PLANNED_DURATION_SECONDS, OBS_DEFAULT_RECONNECT, formatDuration, reconnectBudgetSeconds, urlLifetime } from '../../../electron/golive';
import { ValidationError } from '../../../shared/validation';

/** The same budget written as a closed form: delays d·e^k until the cap, then the cap; 10 s per attempt. */
function closedForm(delay: number, retries: number, exponent = 1.55, cap = 900, attempt = 10): number {
  const uncapped = delay > 0 ? Math.max(0, Math.min(retries, Math.ceil(Math.log(cap / delay) / Math.log(exponent)))) : retries;
  const geometric = delay > 0 ? (delay * (exponent ** uncapped - 1)) / (exponent - 1) : 0;
  const total = geometric + (retries - uncapped) * cap + retries * attempt;
  return Math.ceil(total / 60) * 60;
}

describe('reconnectBudgetSeconds', () => {
  it("covers OBS 29's default retries (2 s, ×1.55 backoff, 25 retries): 3 h 18 min", () => {
    expect(reconnectBudgetSeconds()).toBe(closedForm(2, 25));
    expect(formatDuration(reconnectBudgetSeconds(OBS_DEFAULT_RECONNECT))).toBe('3 h 18 min');
  });

  it('follows the profile’s settings, capped at 15 min per delay', () => {
    for (const [delay, retries] of [[10, 20], [2, 5], [0, 3], [60, 1]] as const) {
      expect(reconnectBudgetSeconds({ enabled: true, retryDelaySeconds: delay, maxRetries: retries }), `${delay} s × ${retries}`).toBe(closedForm(delay, retries));
    }
  });

  it('is zero when OBS does not reconnect', () => {
    expect(reconnectBudgetSeconds({ enabled: false, retryDelaySeconds: 2, maxRetries: 25 })).toBe(0);
    expect(reconnectBudgetSeconds({ enabled: true, retryDelaySeconds: 2, maxRetries: 0 })).toBe(0);
  });
});

describe('urlLifetime', () => {
  it('defaults to 12 h planned plus the reconnect budget', () => {
    const lifetime = urlLifetime({});
    expect(lifetime.expiresInSeconds).toBe(DEFAULT_PLANNED_DURATION_SECONDS + reconnectBudgetSeconds());
    expect(lifetime.warning).toBeUndefined();
  });

  it('uses the planned duration when given', () => {
    expect(urlLifetime({ plannedDurationSeconds: 3600 }).expiresInSeconds).toBe(3600 + reconnectBudgetSeconds());
  });

  it('lets an explicit lifetime win, warning when it is shorter than plan + budget', () => {
    const short = urlLifetime({ expiresInSeconds: 1800, plannedDurationSeconds: 3600 });
    expect(short.expiresInSeconds).toBe(1800);
    expect(short.warning).toMatch(/expires in 30 min, less than the planned 1 h plus OBS's reconnect budget of 3 h 18 min/);
    expect(urlLifetime({ expiresInSeconds: 86_400 }).warning).toBeUndefined();
  });

  it('rejects an expiry in the past, or now, naming the field', () => {
    for (const bad of [0, -1, 1.5]) {
      expect(() => urlLifetime({ expiresInSeconds: bad })).toThrow(ValidationError);
      try {
        urlLifetime({ expiresInSeconds: bad });
      } catch (error) {
        expect((error as ValidationError).field).toBe('expiresInSeconds');
      }
    }
    expect(() => urlLifetime({ plannedDurationSeconds: 0 })).toThrow(/plannedDurationSeconds/);
  });
});

describe('formatDuration', () => {
  it('writes hours, minutes and seconds, leaving out zero parts', () => {
    expect([formatDuration(0), formatDuration(45), formatDuration(3600), formatDuration(3725)]).toEqual(['0 s', '45 s', '1 h', '1 h 2 min 5 s']);
  });
});
