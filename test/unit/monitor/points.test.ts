import type { OBSResponseTypes } from 'obs-websocket-js/json';
import { describe, expect, it } from 'vitest';

import { toSample } from '../../../electron/obs/stats';
import { latestObs, latestOss, obsPointFrom, obsStateOf, ossPointFrom, ossStateOf, unknownPoint } from '../../../electron/monitor/points';
import { OssError } from '../../../electron/oss';
import { obsAt, obsUnknownAt, ossAt } from './timeline-builders';

const stats: OBSResponseTypes['GetStats'] = {
  cpuUsage: 6.5,
  memoryUsage: 200,
  availableDiskSpace: 50_000,
  activeFps: 29.97,
  averageFrameRenderTime: 3,
  renderSkippedFrames: 2,
  renderTotalFrames: 1000,
  outputSkippedFrames: 4,
  outputTotalFrames: 990,
  webSocketSessionIncomingMessages: 1,
  webSocketSessionOutgoingMessages: 1,
};
const status: OBSResponseTypes['GetStreamStatus'] = {
  outputActive: true,
  outputReconnecting: false,
  outputTimecode: '00:00:30.000',
  outputDuration: 30_000,
  outputCongestion: 0,
  outputBytes: 9_375_000,
  outputSkippedFrames: 12,
  outputTotalFrames: 900,
};

describe('obsPointFrom', () => {
  it('keeps the fields the chart and the rules need, network drops apart from encoder lag', () => {
    const sample = toSample(stats, status, 30_000, { at: 29_000, bytes: 9_062_500 });
    expect(obsPointFrom(sample)).toEqual({
      reachable: true,
      active: true,
      reconnecting: false,
      bitrateKbps: 2500,
      outputBytes: 9_375_000,
      fps: 29.97,
      cpuPercent: 6.5,
      droppedFrames: 12,
      totalFrames: 900,
      encoderSkippedFrames: 4,
    });
  });
});

describe('ossPointFrom', () => {
  it('converts a Live stat with media to kbit/s', () => {
    const point = ossPointFrom({
      status: 'Live',
      connectedTime: new Date(0),
      remoteAddr: '127.0.0.1:50000',
      video: { width: 640, height: 360, frameRate: 30, bandwidth: 75_000, codec: 'H264' },
      audio: { bandwidth: 8_000, sampleRate: 48_000, codec: 'AAC' },
    });
    expect(point).toEqual({
      reachable: true,
      status: 'Live',
      videoKbps: 600,
      videoCodec: 'H264',
      width: 640,
      height: 360,
      frameRate: 30,
      audioKbps: 64,
      audioCodec: 'AAC',
    });
  });

  it('has no media fields while Live without media, Idle or Disabled', () => {
    expect(ossPointFrom({ status: 'Live', connectedTime: new Date(0), remoteAddr: '1.2.3.4:5' })).toEqual({ reachable: true, status: 'Live' });
    expect(ossPointFrom({ status: 'Idle' })).toEqual({ reachable: true, status: 'Idle' });
    expect(ossPointFrom({ status: 'Disabled' })).toEqual({ reachable: true, status: 'Disabled' });
  });
});

describe('unknownPoint and states', () => {
  it('keeps only the reason of a failed read', () => {
    const error = new OssError({ status: 503, code: 'UnknownError', message: 'HTTP 503 Service Unavailable' });
    expect(unknownPoint(error)).toEqual({ reachable: false, error: 'HTTP 503 Service Unavailable' });
    expect(unknownPoint('boom')).toEqual({ reachable: false, error: 'boom' });
  });

  it('names each side the way MonitorState does', () => {
    expect(obsStateOf(undefined)).toBe('unknown');
    expect(obsStateOf(obsUnknownAt(0).obs)).toBe('unknown');
    expect(obsStateOf(obsAt(0).obs)).toBe('live');
    expect(obsStateOf(obsAt(0, { reconnecting: true }).obs)).toBe('reconnecting');
    expect(obsStateOf(obsAt(0, { active: false }).obs)).toBe('offline');
    expect(ossStateOf(undefined)).toBe('unknown');
    expect(ossStateOf(ossAt(0, { status: 'Idle' }).oss)).toBe('Idle');
  });

  it('finds the newest reading of each side on a mixed timeline', () => {
    const points = [obsAt(0), ossAt(1, { status: 'Idle' }), obsAt(2, { fps: 25 }), ossAt(3)];
    expect(latestObs(points)?.obs).toMatchObject({ fps: 25 });
    expect(latestOss(points)?.oss).toMatchObject({ status: 'Live' });
    expect(latestOss([obsAt(0)])).toBeUndefined();
  });
});
