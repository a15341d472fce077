import { describe, expect, it } from 'vitest';

import { expiryLevel, formatClock } from '../../../renderer/src/components/golive/clock';
import type { GoLiveFormErrors, GoLiveFormResult } from '../../../renderer/src/components/golive/golive-form';
import { NEW_CHANNEL_DEFAULTS, readGoLiveForm } from '../../../renderer/src/components/golive/golive-form';
import { renderMessage } from '../../../shared/messages';

const form = { channel: 'show', plannedHours: '', ...NEW_CHANNEL_DEFAULTS };

/** Each field's error as English text (the rules come as translatable messages). */
function englishErrors(result: GoLiveFormResult): Record<string, string> {
  const errors: GoLiveFormErrors = result.ok ? {} : result.errors;
  return Object.fromEntries(Object.entries(errors).map(([field, error]) => [field, typeof error === 'string' ? error : renderMessage(error)]));
}

describe('Go live form rules', () => {
  it('a new channel is created with the low-latency defaults, 2 s × 3', () => {
    expect(readGoLiveForm(form, false)).toEqual({ ok: true, request: { channel: 'show', create: { fragDuration: 2, fragCount: 3 } } });
  });

  it('an existing channel is never changed: no create settings are sent, whatever the fields hold', () => {
    expect(readGoLiveForm({ ...form, fragDuration: 'x' }, true)).toEqual({ ok: true, request: { channel: 'show' } });
  });

  it('names each bad field with the rule it broke (the same rules as the main process)', () => {
    const result = readGoLiveForm({ channel: 'a/b', fragDuration: '0', fragCount: '3', plannedHours: '' }, false);
    expect(result.ok).toBe(false);
    expect(englishErrors(result)).toEqual({ channel: "must not contain '/'", fragDuration: 'must be an integer from 1 to 100 (got 0)' });
    expect(englishErrors(readGoLiveForm({ ...form, channel: '  ' }, false))).toEqual({ channel: 'must not be empty' });
    expect(englishErrors(readGoLiveForm({ ...form, fragCount: '2.5' }, false))).toEqual({ fragCount: expect.stringContaining('integer') });
  });

  it('planned duration: hours (a comma works as the decimal mark), 6 minutes to 30 days', () => {
    expect(readGoLiveForm({ ...form, plannedHours: '1,5' }, true)).toEqual({ ok: true, request: { channel: 'show', plannedDurationSeconds: 5400 } });
    expect(readGoLiveForm({ ...form, plannedHours: '0.05' }, true)).toMatchObject({ ok: false, errors: { plannedHours: expect.any(String) } });
    expect(readGoLiveForm({ ...form, plannedHours: '721' }, true)).toMatchObject({ ok: false });
    expect(readGoLiveForm({ ...form, plannedHours: 'soon' }, true)).toMatchObject({ ok: false });
  });
});

describe('clock', () => {
  it('formats elapsed and remaining time as h:mm:ss, never negative', () => {
    expect(formatClock(0)).toBe('0:00:00');
    expect(formatClock(3_723_999)).toBe('1:02:03');
    expect(formatClock(36 * 3600_000)).toBe('36:00:00');
    expect(formatClock(-5_000)).toBe('0:00:00');
  });

  it('warns in the last 30 minutes of the signed URL, and once it has expired', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(expiryLevel(new Date(now + 31 * 60_000), now)).toBe('ok');
    expect(expiryLevel(new Date(now + 29 * 60_000), now)).toBe('soon');
    expect(expiryLevel(new Date(now - 1), now)).toBe('expired');
  });
});
