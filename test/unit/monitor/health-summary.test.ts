import { describe, expect, it } from 'vitest';

import { addPoint, emptyHealth, summarize } from '../../../electron/monitor/health-summary';
import type { TimelinePoint } from '../../../shared/monitor';
import { obsAt, obsUnknownAt, ossAt, ossUnknownAt } from './timeline-builders';

const fold = (points: TimelinePoint[]) => points.reduce(addPoint, emptyHealth());

describe('health summary', () => {
  it('averages the bitrate over bytes actually sent and keeps the lowest reading', () => {
    // 10 s at 2500 kbit/s (312 500 B/s), then 10 s at 1000 kbit/s (125 000 B/s).
    let bytes = 0;
    const points: TimelinePoint[] = [];
    for (let s = 0; s <= 20; s += 1) {
      const rate = s <= 10 ? 312_500 : 125_000;
      if (s > 0) bytes += rate;
      points.push(obsAt(s, { outputBytes: bytes, bitrateKbps: s === 0 ? null : (rate * 8) / 1000 }));
    }
    const summary = summarize(fold(points), {});
    expect(summary.avgBitrateKbps).toBeCloseTo(1750, 6);
    expect(summary.minBitrateKbps).toBe(1000);
    expect(summary.durationSeconds).toBe(20);
  });

  it('computes dropped frames as a share of frames sent, across a counter restart', () => {
    const points = [
      obsAt(0, { totalFrames: 0, droppedFrames: 0 }),
      obsAt(10, { totalFrames: 300, droppedFrames: 30 }),
      // A new stream: counters restart; the interval across the restart is skipped.
      obsAt(11, { totalFrames: 30, droppedFrames: 0, outputBytes: 10 }),
      obsAt(21, { totalFrames: 330, droppedFrames: 0, outputBytes: 3_125_010 }),
    ];
    expect(summarize(fold(points), {}).droppedFramesPercent).toBeCloseTo(5, 9); // 30 of 600
  });

  it('counts reconnect episodes, not readings', () => {
    const points = [
      obsAt(0),
      obsAt(1, { reconnecting: true }),
      obsAt(2, { reconnecting: true }),
      obsAt(3),
      obsAt(4, { reconnecting: true }),
      obsUnknownAt(5),
      obsAt(6, { reconnecting: true }),
      obsAt(7),
    ];
    expect(summarize(fold(points), {}).reconnectCount).toBe(2);
  });

  it('counts OSS Live time only between two Live readings', () => {
    const points = [ossAt(0), ossAt(5), ossAt(10, { status: 'Idle' }), ossAt(15), ossUnknownAt(20), ossAt(25), ossAt(30)];
    expect(summarize(fold(points), {}).ossLiveSeconds).toBe(10); // 0→5 and 25→30
  });

  it('passes the alert counts through and has nulls where there was nothing to measure', () => {
    const summary = summarize(fold([obsUnknownAt(0), ossUnknownAt(1)]), { 'obs-unreachable': 1 });
    expect(summary).toEqual({
      durationSeconds: 0,
      avgBitrateKbps: null,
      minBitrateKbps: null,
      droppedFramesPercent: null,
      reconnectCount: 0,
      alertCounts: { 'obs-unreachable': 1 },
      ossLiveSeconds: 0,
    });
  });

  it('measures the duration from the first to the last live reading of either side', () => {
    const points = [obsAt(0, { active: false, bitrateKbps: null }), ossAt(3), obsAt(4), obsAt(60), obsAt(61, { active: false }), ossAt(70, { status: 'Idle' })];
    expect(summarize(fold(points), {}).durationSeconds).toBe(57);
  });
});
