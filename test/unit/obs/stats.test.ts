import type { OBSResponseTypes } from 'obs-websocket-js/json';
import { describe, expect, it } from 'vitest';

import { bitrateKbps, toSample } from '../../../electron/obs/stats';

type Stats = OBSResponseTypes['GetStats'];
type Status = OBSResponseTypes['GetStreamStatus'];

const stats: Stats = {
  cpuUsage: 9.5,
  memoryUsage: 210.25,
  availableDiskSpace: 80_000,
  activeFps: 30,
  averageFrameRenderTime: 4.5,
  renderSkippedFrames: 3,
  renderTotalFrames: 900,
  outputSkippedFrames: 1,
  outputTotalFrames: 880,
  webSocketSessionIncomingMessages: 10,
  webSocketSessionOutgoingMessages: 10,
};

function status(overrides: Partial<Status> = {}): Status {
  return {
    outputActive: true,
    outputReconnecting: false,
    outputTimecode: '00:00:29.000',
    outputDuration: 29_000,
    outputCongestion: 0.125,
    outputBytes: 2_000_000,
    outputSkippedFrames: 20,
    outputTotalFrames: 800,
    ...overrides,
  };
}

describe('bitrateKbps', () => {
  it('is the bits sent per millisecond between two counts (= kbit/s)', () => {
    expect(bitrateKbps({ at: 10_000, bytes: 1_000_000 }, { at: 12_000, bytes: 1_150_000 })).toBe(600);
    expect(bitrateKbps({ at: 0, bytes: 5 }, { at: 500, bytes: 5 })).toBe(0);
  });

  it('is null without an earlier count, when time did not advance, or when the counter was reset', () => {
    expect(bitrateKbps(null, { at: 1000, bytes: 10 })).toBeNull();
    expect(bitrateKbps({ at: 1000, bytes: 10 }, { at: 1000, bytes: 20 })).toBeNull();
    expect(bitrateKbps({ at: 2000, bytes: 10 }, { at: 1000, bytes: 20 })).toBeNull();
    // A new stream (or a restarted OBS) starts counting from zero again.
    expect(bitrateKbps({ at: 1000, bytes: 5_000_000 }, { at: 2000, bytes: 40_000 })).toBeNull();
  });
});

describe('toSample', () => {
  it('combines GetStats and GetStreamStatus, keeping network drops apart from encoder and render lag', () => {
    const sample = toSample(stats, status(), 31_000, { at: 30_000, bytes: 1_925_000 });
    expect(sample).toEqual({
      at: 31_000,
      active: true,
      reconnecting: false,
      bytes: 2_000_000,
      bitrateKbps: 600,
      fps: 30,
      cpuPercent: 9.5,
      memoryMb: 210.25,
      averageFrameRenderMs: 4.5,
      renderSkippedFrames: 3,
      renderTotalFrames: 900,
      encoderSkippedFrames: 1,
      encoderTotalFrames: 880,
      outputSkippedFrames: 20,
      outputTotalFrames: 800,
      droppedRatio: 20 / 800,
      congestion: 0.125,
      durationMs: 29_000,
    });
  });

  it('has no bitrate on the first sample or while not streaming', () => {
    expect(toSample(stats, status(), 1000, null).bitrateKbps).toBeNull();
    const idle = status({ outputActive: false, outputBytes: 0, outputTotalFrames: 0, outputSkippedFrames: 0 });
    const sample = toSample(stats, idle, 2000, { at: 1000, bytes: 0 });
    expect(sample.bitrateKbps).toBeNull();
    expect(sample.droppedRatio).toBeNull();
  });

  it('reports 0 kbps while OBS is reconnecting (active, but nothing is sent)', () => {
    const reconnecting = status({ outputReconnecting: true, outputBytes: 3_000 });
    const sample = toSample(stats, reconnecting, 3000, { at: 2000, bytes: 3_000 });
    expect(sample).toMatchObject({ active: true, reconnecting: true, bitrateKbps: 0 });
  });

  it('drops an implausible duration (OBS 29 after SetVideoSettings) instead of passing it on', () => {
    const broken = status({ outputDuration: 18_446_743_730_112, outputTimecode: '5124095:28:50.112' });
    expect(toSample(stats, broken, 1000, null).durationMs).toBeNull();
  });
});
