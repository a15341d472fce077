import { describe, expect, it } from 'vitest';

import {
  dashboardLines,
  jsonSample,
  monitorView,
  obsText,
  ossText,
  plainAlertLine,
  plainSampleLine,
  sparkline,
} from '../../../electron/monitor/terminal-view';
import type { Alert, MonitorState } from '../../../shared/monitor';
import { T0, obsAt, obsUnknownAt, ossAt, ossUnknownAt } from './timeline-builders';

const alert: Alert = {
  id: 'oss-idle-while-live',
  severity: 'critical',
  message: 'OSS reports the channel Idle.',
  raisedAt: new Date(T0 + 20_000),
  throttled: false,
};
const state = (activeAlerts: Alert[] = []): MonitorState => ({ obs: 'live', oss: 'Live', activeAlerts });

describe('sparkline', () => {
  it('scales from 0 to the maximum and leaves unknown readings blank', () => {
    expect(sparkline([0, 1000, 2000, null, 2000])).toBe('▁▅█ █');
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([])).toBe('');
  });
});

describe('monitorView', () => {
  it('takes the newest reading of each side and the recent OBS bitrates, oldest first', () => {
    const timeline = [obsAt(0, { bitrateKbps: null }), ossAt(1), obsAt(2, { bitrateKbps: 1000 }), obsUnknownAt(3), obsAt(4, { bitrateKbps: 2000 })];
    const view = monitorView('show', timeline, state(), 3);
    expect(view.recentBitrates).toEqual([1000, null, 2000]);
    expect(view.obs).toMatchObject({ bitrateKbps: 2000 });
    expect(view.oss).toMatchObject({ status: 'Live' });
    expect(view.at).toEqual(new Date(T0 + 4000));
  });
});

describe('text lines', () => {
  it('shows OBS figures, or why they are unknown', () => {
    expect(obsText(obsAt(0, { totalFrames: 1000, droppedFrames: 25 }).obs)).toBe(
      'live  2500 kbit/s  30.0 fps  dropped 2.5 % (25/1000)  CPU 8.0 %',
    );
    expect(obsText(obsUnknownAt(0).obs)).toBe('unknown (connect ECONNREFUSED 127.0.0.1:4455)');
    expect(obsText(undefined)).toBe('waiting for the first reading');
  });

  it('shows OSS status and media in kbit/s', () => {
    const live = ossAt(0, { videoKbps: 600, videoCodec: 'H264', width: 640, height: 360, frameRate: 30, audioKbps: 64, audioCodec: 'AAC' });
    expect(ossText(live.oss)).toBe('Live  video 600 kbit/s H264 640x360@30  audio 64 kbit/s AAC');
    expect(ossText(ossAt(0).oss)).toBe('Live  no video yet  no audio yet');
    expect(ossText(ossAt(0, { status: 'Idle' }).oss)).toBe('Idle');
    expect(ossText(ossUnknownAt(0).oss)).toBe('unknown (HTTP 503 Service Unavailable)');
  });

  it('lays out the dashboard with the active alerts', () => {
    const view = monitorView('show', [obsAt(0), ossAt(1)], state([alert]));
    const lines = dashboardLines(view);
    expect(lines[0]).toMatch(/^oss-live monitor {2}show {2}2024-05-01T12:00:01.000Z/);
    expect(lines[1]).toBe('Status   OBS live  ·  OSS Live');
    expect(lines.at(-1)).toBe('Alerts   [critical] oss-idle-while-live: OSS reports the channel Idle.');
    expect(dashboardLines(monitorView('show', [], state())).at(-1)).toBe('Alerts   none');
  });

  it('writes plain lines per sample and per alert change', () => {
    const point = ossAt(1, { status: 'Idle' });
    expect(plainSampleLine(point, monitorView('show', [point], state([alert])))).toBe(
      '2024-05-01T12:00:01.000Z  oss Idle  | alerts: oss-idle-while-live',
    );
    const cleared = { ...alert, clearedAt: new Date(T0 + 30_000) };
    expect(plainAlertLine({ change: 'cleared', alert: cleared })).toBe(
      '2024-05-01T12:00:30.000Z  ALERT cleared [critical] oss-idle-while-live: OSS reports the channel Idle.',
    );
  });

  it('makes one JSON object per sample with both sides, the state and the alerts', () => {
    const point = obsAt(2);
    const timeline = [ossAt(1), point];
    const object = JSON.parse(JSON.stringify(jsonSample(point, monitorView('show', timeline, state([alert])))));
    expect(object).toMatchObject({
      type: 'sample',
      at: '2024-05-01T12:00:02.000Z',
      side: 'obs',
      channel: 'show',
      obs: { reachable: true, bitrateKbps: 2500 },
      oss: { reachable: true, status: 'Live' },
      state: { obs: 'live', oss: 'Live' },
      alerts: [{ id: 'oss-idle-while-live', raisedAt: '2024-05-01T12:00:20.000Z' }],
    });
  });
});
