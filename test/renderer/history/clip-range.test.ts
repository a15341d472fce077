import { describe, expect, it } from 'vitest';

import type { Broadcast } from '../../../shared/history';
import { validatePlaylistName } from '../../../shared/validation';
import { broadcastRange, checkRange, defaultPlaylistName, fromLocalInput, toLocalInput } from '../../../renderer/src/components/history/clip-range';

const broadcast = (startedAt: Date, endedAt?: Date): Broadcast => ({ id: 'b', channel: 'show', startedAt, ...(endedAt ? { endedAt } : {}), source: 'oss', records: [] });

describe('clip range (datetime-local inputs ↔ Unix seconds)', () => {
  it('round-trips a local date-time to the second', () => {
    const date = new Date(2026, 2, 7, 9, 5, 42);
    expect(toLocalInput(date)).toBe('2026-03-07T09:05:42');
    expect(fromLocalInput(toLocalInput(date))).toBe(date.getTime() / 1000);
  });

  it('reads the forms browsers normalize to (no seconds, or milliseconds) and refuses dates that do not exist', () => {
    expect(fromLocalInput('2026-03-07T09:05')).toBe(new Date(2026, 2, 7, 9, 5, 0).getTime() / 1000);
    expect(fromLocalInput('2026-03-07T09:05:42.000')).toBe(new Date(2026, 2, 7, 9, 5, 42).getTime() / 1000);
    for (const bad of ['', '2026-02-30T10:00', '2026-13-01T10:00', 'yesterday', '2026-03-07 09:05']) expect(fromLocalInput(bad)).toBeNaN();
  });

  it('checks with the shared VOD rules and names the input at fault', () => {
    const at = (hours: number, seconds = 0) => toLocalInput(new Date(2026, 2, 7, hours, 0, seconds));
    expect(checkRange({ start: at(9), end: at(10) })).toEqual({ ok: true, range: { startTime: fromLocalInput(at(9)), endTime: fromLocalInput(at(10)) } });
    expect(checkRange({ start: '', end: at(10) })).toEqual({ ok: false, field: 'startTime', problem: 'invalidStart' });
    expect(checkRange({ start: at(9), end: '' })).toEqual({ ok: false, field: 'endTime', problem: 'invalidEnd' });
    expect(checkRange({ start: at(10), end: at(10) })).toEqual({ ok: false, field: 'endTime', problem: 'endBeforeStart' });
    expect(checkRange({ start: at(10), end: at(9) })).toEqual({ ok: false, field: 'endTime', problem: 'endBeforeStart' });
    const nextDay = (seconds: number) => toLocalInput(new Date(2026, 2, 8, 9, 0, seconds));
    expect(checkRange({ start: at(9), end: nextDay(0) }).ok).toBe(true); // exactly one day
    expect(checkRange({ start: at(9), end: nextDay(1) })).toEqual({ ok: false, field: 'endTime', problem: 'tooLong' });
  });

  it("selects a broadcast's whole span in whole seconds", () => {
    const range = broadcastRange(broadcast(new Date(2026, 2, 7, 9, 0, 10, 600), new Date(2026, 2, 7, 9, 30, 5, 200)), new Date());
    expect(range).toEqual({ start: '2026-03-07T09:00:10', end: '2026-03-07T09:30:06' });
  });

  it('ends a running broadcast now, gives a sub-second one a second, and cuts a span over a day to its first day', () => {
    const start = new Date(2026, 2, 7, 9, 0, 0);
    expect(broadcastRange(broadcast(start), new Date(2026, 2, 7, 9, 45, 0)).end).toBe('2026-03-07T09:45:00');
    expect(broadcastRange(broadcast(start, new Date(start.getTime() + 300)), new Date()).end).toBe('2026-03-07T09:00:01');
    expect(broadcastRange(broadcast(start, new Date(2026, 2, 9, 9, 0, 0)), new Date())).toEqual({ start: '2026-03-07T09:00:00', end: '2026-03-08T09:00:00' });
  });

  it('offers a default playlist name that OSS accepts, from the range start in local time', () => {
    const name = defaultPlaylistName(new Date(2026, 2, 7, 9, 5, 42).getTime() / 1000);
    expect(name).toBe('clip-20260307-090542.m3u8');
    expect(() => validatePlaylistName(name)).not.toThrow();
  });
});
