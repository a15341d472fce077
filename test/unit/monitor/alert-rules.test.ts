import { describe, expect, it } from 'vitest';

import type { AlertRule } from '../../../electron/monitor/alert-rules';
import { ALERT_RULES, DEFAULT_THRESHOLDS } from '../../../electron/monitor/alert-rules';
import type { AlertId } from '../../../shared/monitor';
import { T0, inputAt, obsAt, obsUnknownAt, ossAt, ossUnknownAt } from './timeline-builders';

const rule = (id: AlertId): AlertRule => {
  const found = ALERT_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};

/** One OBS reading per second from `from` to `to` (inclusive), each built by `fields(second)`. */
const obsSeconds = (from: number, to: number, fields: (s: number) => Parameters<typeof obsAt>[1] = () => ({})) =>
  Array.from({ length: to - from + 1 }, (_, i) => obsAt(from + i, fields(from + i)));

describe('ALERT_RULES', () => {
  it('has one rule per alert id, each with sane hysteresis', () => {
    const ids = ALERT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(9);
    for (const r of ALERT_RULES) {
      expect(r.raiseAfter).toBeGreaterThanOrEqual(1);
      expect(r.clearAfter).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('oss-idle-while-live', () => {
  const idle = rule('oss-idle-while-live');

  it('fires when OSS says Idle while OBS is live, once the grace period is over', () => {
    const points = [...obsSeconds(0, 19), ossAt(20, { status: 'Idle' })];
    expect(idle.evaluate(inputAt(20, points))?.severity).toBe('critical');
    expect(idle.evaluate(inputAt(20, points))?.message).toMatch(/Idle while OBS says it is live.*ingest URL/);
  });

  it('waits out the grace period after OBS went live', () => {
    const points = [...obsSeconds(0, 9), ossAt(10, { status: 'Idle' })];
    expect(idle.evaluate(inputAt(10, points))).toBeNull();
    expect(idle.evaluate(inputAt(10, points, { thresholds: { ossIdleGraceMs: 5_000 } }))).not.toBeNull();
  });

  it('says what to do when the channel is Disabled', () => {
    const points = [...obsSeconds(0, 19), ossAt(20, { status: 'Disabled' })];
    expect(idle.evaluate(inputAt(20, points))?.message).toMatch(/Disabled.*Enable the channel/);
  });

  it('names the reconnect when OBS is reconnecting', () => {
    const points = [...obsSeconds(0, 19, () => ({ reconnecting: true, bitrateKbps: 0 })), ossAt(20, { status: 'Idle' })];
    expect(idle.evaluate(inputAt(20, points))?.message).toMatch(/while OBS is reconnecting/);
  });

  it('stays quiet when OSS is Live, OBS is not streaming, or either side is unknown', () => {
    expect(idle.evaluate(inputAt(20, [...obsSeconds(0, 19), ossAt(20)]))).toBeNull();
    expect(idle.evaluate(inputAt(20, [...obsSeconds(0, 19, () => ({ active: false })), ossAt(20, { status: 'Idle' })]))).toBeNull();
    expect(idle.evaluate(inputAt(20, [...obsSeconds(0, 18), obsUnknownAt(19), ossAt(20, { status: 'Idle' })]))).toBeNull();
    expect(idle.evaluate(inputAt(20, [...obsSeconds(0, 19), ossUnknownAt(20)]))).toBeNull();
    expect(idle.evaluate(inputAt(20, [...obsSeconds(0, 19), ossAt(20, { status: 'Idle' })], { obsLiveSince: null }))).toBeNull();
  });
});

describe('no-output', () => {
  const noOutput = rule('no-output');

  it('fires when OBS is live and not reconnecting but its bytes did not grow', () => {
    expect(noOutput.evaluate(inputAt(5, [obsAt(5, { bitrateKbps: 0 })]))?.message).toMatch(/bitrate 0/);
  });

  it('ignores a first reading without a bitrate, a reconnect, and a stopped stream', () => {
    expect(noOutput.evaluate(inputAt(5, [obsAt(5, { bitrateKbps: null })]))).toBeNull();
    expect(noOutput.evaluate(inputAt(5, [obsAt(5, { bitrateKbps: 0, reconnecting: true })]))).toBeNull();
    expect(noOutput.evaluate(inputAt(5, [obsAt(5, { bitrateKbps: null, active: false })]))).toBeNull();
    expect(noOutput.evaluate(inputAt(5, [obsAt(5, { bitrateKbps: 1 })]))).toBeNull();
  });
});

describe('dropped-frames', () => {
  const dropped = rule('dropped-frames');

  it('fires at the threshold percentage of network drops over the window, and names the figure', () => {
    // 30 fps; from second 10 on, one frame in four is dropped.
    const points = obsSeconds(0, 40, (s) => ({ totalFrames: s * 30, droppedFrames: Math.max(0, s - 10) * 30 * 0.25 }));
    const windowed = inputAt(40, points, { thresholds: { droppedFramesWindowMs: 20_000 } });
    expect(dropped.evaluate(windowed)?.message).toMatch(/dropped 25\.0 % of its frames over the last 20 s/);
    // Over the whole 40 s only 18.75 % were dropped.
    expect(dropped.evaluate(inputAt(40, points, { thresholds: { droppedFramesWindowMs: 60_000 } }))).toBeNull();
  });

  it('uses the configured threshold', () => {
    const points = obsSeconds(0, 10, (s) => ({ totalFrames: s * 30, droppedFrames: s * 3 }));
    expect(dropped.evaluate(inputAt(10, points))).toBeNull();
    expect(dropped.evaluate(inputAt(10, points, { thresholds: { droppedFramesPercent: 10 } }))?.severity).toBe('warning');
  });

  it('does not judge too few frames, and starts over when the counters restart with a new stream', () => {
    const few = obsSeconds(0, 1, (s) => ({ totalFrames: s * 20, droppedFrames: s * 20 }));
    expect(dropped.evaluate(inputAt(1, few))).toBeNull();
    // A bad first stream, then a new one (counters from 0) that drops nothing.
    const restarted = [
      ...obsSeconds(0, 10, (s) => ({ totalFrames: s * 30, droppedFrames: s * 15 })),
      ...obsSeconds(11, 20, (s) => ({ totalFrames: (s - 11) * 30, droppedFrames: 0 })),
    ];
    expect(dropped.evaluate(inputAt(20, restarted))).toBeNull();
  });
});

describe('obs-reconnecting', () => {
  it('fires while OBS reports a reconnect, and not otherwise', () => {
    const reconnecting = rule('obs-reconnecting');
    expect(reconnecting.evaluate(inputAt(3, [obsAt(3, { reconnecting: true })]))?.message).toMatch(/reconnecting/);
    expect(reconnecting.evaluate(inputAt(3, [obsAt(3)]))).toBeNull();
    expect(reconnecting.evaluate(inputAt(3, [obsAt(2, { reconnecting: true }), obsUnknownAt(3)]))).toBeNull();
  });
});

describe('reconnect-stuck (watchdog)', () => {
  const stuck = rule('reconnect-stuck');

  it('fires when OBS has been reconnecting for longer than the limit', () => {
    const points = [...obsSeconds(0, 9), ...obsSeconds(10, 75, () => ({ reconnecting: true, bitrateKbps: 0, outputBytes: 1 }))];
    expect(stuck.evaluate(inputAt(69, points.slice(0, 70)))).toBeNull();
    expect(stuck.evaluate(inputAt(75, points))?.message).toMatch(/reconnecting for 65 s/);
  });

  it('fires when OBS says active but its byte count has not moved (a wedged output)', () => {
    const points = [...obsSeconds(0, 9), ...obsSeconds(10, 40, () => ({ bitrateKbps: 0, outputBytes: 3_125_000 }))];
    // Bytes last moved at second 9 (2 812 500) -> 10; frozen from second 10 on.
    expect(stuck.evaluate(inputAt(29, points.slice(0, 30)))).toBeNull();
    expect(stuck.evaluate(inputAt(30, points.slice(0, 31)))?.message).toMatch(/sent nothing for 20 s: its output is wedged/);
  });

  it('does not count time it could not see (an unknown reading ends the run)', () => {
    const points = [
      ...obsSeconds(0, 60, () => ({ reconnecting: true, outputBytes: 1 })),
      obsUnknownAt(61),
      ...obsSeconds(62, 70, () => ({ reconnecting: true, outputBytes: 1 })),
    ];
    expect(stuck.evaluate(inputAt(70, points))).toBeNull();
  });
});

describe('url-expiry', () => {
  const expiry = rule('url-expiry');
  const at = (minutesLeft: number) => T0 + minutesLeft * 60_000;

  it('warns 30 min ahead, turns critical 5 min ahead, and says when it expired', () => {
    expect(expiry.evaluate(inputAt(0, [], { urlExpiresAt: at(31) }))).toBeNull();
    const warning = expiry.evaluate(inputAt(0, [], { urlExpiresAt: at(30) }));
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning?.message).toMatch(/expires in 30 min.*reconnects after that will be refused/);
    expect(expiry.evaluate(inputAt(0, [], { urlExpiresAt: at(5) }))?.severity).toBe('critical');
    expect(expiry.evaluate(inputAt(0, [], { urlExpiresAt: at(0) }))?.message).toMatch(/expired at 2024-05-01T12:00:00.000Z/);
  });

  it('follows configured lead times, and is silent without an expiry', () => {
    expect(expiry.evaluate(inputAt(0, [], { urlExpiresAt: at(50), thresholds: { urlExpiryWarningMs: 60 * 60_000 } }))?.severity).toBe('warning');
    expect(expiry.evaluate(inputAt(0, []))).toBeNull();
  });
});

describe('codec', () => {
  const codec = rule('codec');

  it('accepts H.264 and AAC as OSS and OBS name them', () => {
    expect(codec.evaluate(inputAt(1, [ossAt(1, { videoCodec: 'H264', audioCodec: 'AAC' })]))).toBeNull();
    expect(codec.evaluate(inputAt(1, [], { encoder: { videoCodec: 'H.264', audioCodec: 'AAC' } }))).toBeNull();
    expect(codec.evaluate(inputAt(1, [ossAt(1, { videoCodec: 'avc1', audioCodec: 'mp4a.40.2' })]))).toBeNull();
  });

  it('names every other codec OSS reports and says what to change', () => {
    const result = codec.evaluate(inputAt(1, [ossAt(1, { videoCodec: 'HEVC', audioCodec: 'ADPCM' })]));
    expect(result?.message).toMatch(/^OBS sends HEVC video and ADPCM audio, but OSS LiveChannel takes only H\.264 video and AAC audio/);
  });

  it("uses the OBS preflight's codecs before OSS has seen media, ignoring unknown encoders", () => {
    expect(codec.evaluate(inputAt(1, [ossAt(1)], { encoder: { videoCodec: 'AV1', audioCodec: 'Opus' } }))?.message).toMatch(/AV1 video and Opus audio/);
    expect(codec.evaluate(inputAt(1, [], { encoder: { videoCodec: 'unknown', audioCodec: 'unknown' } }))).toBeNull();
  });
});

describe('obs-unreachable and oss-unreachable', () => {
  it('fire on an unknown reading with its reason, and clear on a good one', () => {
    const obs = rule('obs-unreachable');
    const oss = rule('oss-unreachable');
    expect(obs.evaluate(inputAt(1, [obsUnknownAt(1)]))?.message).toMatch(/Cannot read OBS \(connect ECONNREFUSED/);
    expect(obs.evaluate(inputAt(2, [obsUnknownAt(1), obsAt(2)]))).toBeNull();
    expect(oss.evaluate(inputAt(1, [ossUnknownAt(1)]))?.message).toMatch(/from OSS \(HTTP 503 Service Unavailable\)/);
    expect(oss.evaluate(inputAt(2, [ossUnknownAt(1), ossAt(2, { status: 'Idle' })]))).toBeNull();
  });
});

describe('DEFAULT_THRESHOLDS', () => {
  it("uses Streamlabs' dropped-frames figures and 30 / 5 min expiry warnings", () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({
      droppedFramesPercent: 25,
      droppedFramesWindowMs: 120_000,
      urlExpiryWarningMs: 1_800_000,
      urlExpiryCriticalMs: 300_000,
    });
  });
});
