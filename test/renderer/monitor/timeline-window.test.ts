import { describe, expect, it } from 'vitest';

import type { Alert, ObsPoint, OssPoint, TimelinePoint } from '../../../shared/monitor';
import { chartData, scaleRange } from '../../../renderer/src/components/monitor/chart-data';
import { readLatency } from '../../../renderer/src/components/monitor/latency';
import { appendPoint, createTimelineWindow, ossKbpsOf, WINDOW_SECONDS, windowFrom } from '../../../renderer/src/components/monitor/timeline-window';
import { foldAlert } from '../../../renderer/src/stores/monitor-store';

const T0 = Date.parse('2025-03-01T12:00:00Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

const obsLive = (overrides: Partial<Extract<ObsPoint, { reachable: true }>> = {}): ObsPoint => ({
  reachable: true,
  active: true,
  reconnecting: false,
  bitrateKbps: 2500,
  outputBytes: 1_000_000,
  fps: 30,
  cpuPercent: 12.5,
  droppedFrames: 0,
  totalFrames: 300,
  encoderSkippedFrames: 0,
  ...overrides,
});
const ossLive = (overrides: Partial<Extract<OssPoint, { reachable: true }>> = {}): OssPoint => ({
  reachable: true,
  status: 'Live',
  videoKbps: 2400,
  audioKbps: 128,
  videoCodec: 'H264',
  audioCodec: 'AAC',
  width: 1280,
  height: 720,
  frameRate: 30,
  ...overrides,
});

describe('timeline window (the charts’ data)', () => {
  it('puts OBS and OSS readings on one time axis; the side not read at an instant is undefined (spanned)', () => {
    const window = windowFrom([
      { at: at(0), obs: obsLive() },
      { at: at(1), oss: ossLive() },
      { at: at(2), obs: obsLive({ bitrateKbps: 2600 }) },
    ]);
    expect(window.at).toEqual([0, 1, 2].map((s) => at(s).getTime() / 1000));
    expect(window.obsKbps).toEqual([2500, undefined, 2600]);
    expect(window.ossKbps).toEqual([undefined, 2400 + 128, undefined]);
    expect(window.cpuPercent).toEqual([12.5, undefined, 12.5]);
  });

  it('an unknown side is a gap (null), never a zero; so is a rate with nothing to compare with', () => {
    const window = windowFrom([
      { at: at(0), obs: { reachable: false, error: 'connect ECONNREFUSED' } },
      { at: at(1), oss: { reachable: false, error: 'timeout' } },
      { at: at(2), obs: obsLive({ bitrateKbps: null }) },
    ]);
    expect(window.obsKbps).toEqual([null, undefined, null]);
    expect(window.fps).toEqual([null, undefined, 30]);
    expect(window.ossKbps).toEqual([undefined, null, undefined]);
    // No earlier OBS reading that could be trusted: no dropped-frames rate.
    expect(window.droppedPerSecond).toEqual([null, undefined, null]);
  });

  it('OSS bandwidth: video + audio while Live, 0 when OSS says Idle, unknown while Live without media stats', () => {
    expect(ossKbpsOf(ossLive({ videoKbps: 1000, audioKbps: 64 }))).toBe(1064);
    expect(ossKbpsOf(ossLive({ audioKbps: undefined }))).toBe(2400);
    expect(ossKbpsOf({ reachable: true, status: 'Idle' })).toBe(0);
    expect(ossKbpsOf({ reachable: true, status: 'Live' })).toBeNull();
    expect(ossKbpsOf({ reachable: false, error: 'x' })).toBeNull();
    expect(ossKbpsOf(undefined)).toBeUndefined();
  });

  it('dropped frames per second between OBS readings; a restarted stream (counters reset) is a gap', () => {
    const window = windowFrom([
      { at: at(0), obs: obsLive({ droppedFrames: 10, totalFrames: 300 }) },
      { at: at(2), obs: obsLive({ droppedFrames: 16, totalFrames: 360 }) },
      { at: at(3), obs: obsLive({ droppedFrames: 0, totalFrames: 30 }) },
    ]);
    expect(window.droppedPerSecond).toEqual([null, 3, null]);
  });

  it('keeps time order when an OSS reading is stamped before the last OBS one', () => {
    const window = createTimelineWindow();
    appendPoint(window, { at: at(0), obs: obsLive() });
    appendPoint(window, { at: at(2), obs: obsLive() });
    appendPoint(window, { at: at(1.5), oss: ossLive() });
    expect(window.at).toEqual([0, 1.5, 2].map((s) => at(s).getTime() / 1000));
    expect(window.ossKbps).toEqual([undefined, 2528, undefined]);
  });

  it('keeps only the last ten minutes, in place', () => {
    const window = createTimelineWindow();
    const columns = chartData(window, [{ column: 'obsKbps', label: '', color: '', scale: 'kbps' }]);
    const points: TimelinePoint[] = Array.from({ length: WINDOW_SECONDS + 120 }, (_, i) => ({ at: at(i), obs: obsLive({ bitrateKbps: i }) }));
    for (const point of points) appendPoint(window, point);
    expect(window.at).toHaveLength(WINDOW_SECONDS + 1);
    expect(window.at[0]).toBe(at(119).getTime() / 1000);
    expect(window.obsKbps.at(-1)).toBe(WINDOW_SECONDS + 119);
    // The chart holds the window's own arrays: appending needs no copy to reach it.
    expect(columns[0]).toBe(window.at);
    expect(columns[1]).toBe(window.obsKbps);
  });

  it('scales start at their minimum and reach at least their soft maximum', () => {
    expect(scaleRange({ min: 0, softMax: 100 }, null)).toEqual([0, 105]);
    expect(scaleRange({ min: 0, softMax: 100 }, 2000)).toEqual([0, 2100]);
  });
});

describe('preview latency', () => {
  it('reads hls.latency in seconds and in segments of FragDuration', () => {
    expect(readLatency(6.4, 6, 2)).toEqual({ seconds: 6.4, targetSeconds: 6, segments: 3.2 });
    expect(readLatency(6.4, null, undefined)).toEqual({ seconds: 6.4, targetSeconds: null, segments: null });
  });

  it('reports nothing before hls.js has a playlist (it answers 0 or NaN then)', () => {
    expect(readLatency(0, null, 2)).toBeUndefined();
    expect(readLatency(Number.NaN, 6, 2)).toBeUndefined();
  });
});

describe('alert list', () => {
  const alert = (overrides: Partial<Alert>): Alert => ({ id: 'obs-reconnecting', severity: 'warning', message: 'm', raisedAt: at(0), throttled: false, ...overrides });

  it('a clear replaces its raise (same id and raise time); a new raise goes first; the list is bounded', () => {
    let alerts = foldAlert([], alert({}));
    alerts = foldAlert(alerts, alert({ id: 'dropped-frames', raisedAt: at(5) }));
    alerts = foldAlert(alerts, alert({ clearedAt: at(9) }));
    expect(alerts.map((a) => [a.id, a.clearedAt?.getTime()])).toEqual([
      ['dropped-frames', undefined],
      ['obs-reconnecting', at(9).getTime()],
    ]);
    const many = Array.from({ length: 60 }, (_, i) => alert({ raisedAt: at(i) })).reduce((list, a) => foldAlert(list, a, 50), [] as Alert[]);
    expect(many).toHaveLength(50);
    expect(many[0]?.raisedAt).toEqual(at(59));
  });
});
