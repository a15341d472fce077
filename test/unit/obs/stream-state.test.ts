import { describe, expect, it } from 'vitest';

import { plausibleDurationMs, toStreamEvent, toStreamStatus } from '../../../electron/obs/stream-state';

describe('toStreamEvent', () => {
  it('names every stream output state OBS sends, keeping outputActive as sent', () => {
    const states = ['STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'RECONNECTING', 'RECONNECTED'].map(
      (state) => toStreamEvent({ outputState: `OBS_WEBSOCKET_OUTPUT_${state}`, outputActive: state === 'STARTED' }, 7)
        ?.state,
    );
    expect(states).toEqual(['starting', 'started', 'stopping', 'stopped', 'reconnecting', 'reconnected']);
    expect(toStreamEvent({ outputState: 'OBS_WEBSOCKET_OUTPUT_RECONNECTING', outputActive: false }, 42)).toEqual({
      state: 'reconnecting',
      active: false,
      at: 42,
    });
  });

  it('ignores states a stream output never has', () => {
    expect(toStreamEvent({ outputState: 'OBS_WEBSOCKET_OUTPUT_PAUSED', outputActive: true }, 1)).toBeNull();
    expect(toStreamEvent({ outputState: 'OBS_WEBSOCKET_OUTPUT_UNKNOWN', outputActive: false }, 1)).toBeNull();
  });
});

describe('toStreamStatus', () => {
  it('renames GetStreamStatus fields and guards the duration', () => {
    const status = toStreamStatus({
      outputActive: true,
      outputReconnecting: true,
      outputTimecode: '00:00:01.366',
      outputDuration: 1366,
      outputCongestion: 0,
      outputBytes: 0,
      outputSkippedFrames: 2,
      outputTotalFrames: 41,
    });
    expect(status).toEqual({
      active: true,
      reconnecting: true,
      bytes: 0,
      durationMs: 1366,
      congestion: 0,
      skippedFrames: 2,
      totalFrames: 41,
    });
  });

  it('keeps real durations and rejects garbage', () => {
    expect(plausibleDurationMs(0)).toBe(0);
    expect(plausibleDurationMs(12 * 3600 * 1000)).toBe(12 * 3600 * 1000);
    expect(plausibleDurationMs(18_446_743_730_112)).toBeNull();
    expect(plausibleDurationMs(-1)).toBeNull();
    expect(plausibleDurationMs(Number.NaN)).toBeNull();
  });
});
