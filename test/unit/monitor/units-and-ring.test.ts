import { describe, expect, it } from 'vitest';

import { RingBuffer } from '../../../electron/monitor/ring-buffer';
import { kbpsFromBytes, ossBandwidthToKbps } from '../../../electron/monitor/units';

describe('units', () => {
  it('reads OSS Bandwidth as bytes per second and shows it in kbit/s', () => {
    expect(ossBandwidthToKbps(312_500)).toBe(2500);
    expect(ossBandwidthToKbps(0)).toBe(0);
  });

  it('turns a byte count over an interval into kbit/s, null when it cannot', () => {
    expect(kbpsFromBytes(312_500, 1000)).toBe(2500);
    expect(kbpsFromBytes(625_000, 2000)).toBe(2500);
    expect(kbpsFromBytes(10, 0)).toBeNull();
    expect(kbpsFromBytes(-1, 1000)).toBeNull();
  });
});

describe('RingBuffer', () => {
  it('keeps the newest items up to its capacity, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    expect(ring.last()).toBeUndefined();
    expect([1, 2, 3].map((n) => ring.push(n))).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect(ring.push(5)).toBe(2);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
    expect(ring.last()).toBe(5);
  });

  it('returns the newest run that matches, oldest first', () => {
    const ring = new RingBuffer<number>(4);
    [1, 7, 8, 9, 10].forEach((n) => ring.push(n));
    expect(ring.takeLastWhile((n) => n >= 8)).toEqual([8, 9, 10]);
    expect(ring.takeLastWhile(() => true)).toEqual([7, 8, 9, 10]);
    expect(ring.takeLastWhile(() => false)).toEqual([]);
  });

  it('clears, and refuses a capacity that is not a positive integer', () => {
    const ring = new RingBuffer<string>(2);
    ring.push('a');
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.toArray()).toEqual([]);
    expect(() => new RingBuffer(0)).toThrow(/capacity: must be a positive integer/);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });
});
