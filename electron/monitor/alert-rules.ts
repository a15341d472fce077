/**
 * The alert rules: pure functions from a slice of the timeline (plus a few facts the monitor tracks) to "this is
 * wrong right now, and here is what to do", or null. Hysteresis and throttling live in alert-tracker.ts, so each
 * rule only describes one instant.
 */
import type { AlertId, AlertSeverity, ObsPoint, TimelinePoint } from '../../shared/monitor';
import { latestObs, latestOss } from './points';

export interface AlertThresholds {
  /** OSS may take this long after OBS starts to report Live; "OSS Idle while OBS live" waits for it. */
  ossIdleGraceMs: number;
  /** Network-dropped frames, as a percentage of frames sent over the window, that raise an alert. */
  droppedFramesPercent: number;
  droppedFramesWindowMs: number;
  /** Fewer frames than this in the window is too little to judge. */
  droppedFramesMinFrames: number;
  /** Watchdog: OBS reconnecting for longer than this is stuck (a wedged reconnect can stay dark for half an hour). */
  reconnectStuckMs: number;
  /** Watchdog: OBS "active" with no bytes moving for longer than this is wedged (obs-studio#11926). */
  wedgedOutputMs: number;
  /** Warn this long before the signed ingest URL expires… */
  urlExpiryWarningMs: number;
  /** …and again, as critical, this long before. */
  urlExpiryCriticalMs: number;
}

/**
 * Defaults. The dropped-frames figures are Streamlabs' (25 % over its 2 min averaging window); the watchdog waits
 * out OBS's first few reconnect attempts (2 s, then growing) before calling a reconnect stuck.
 */
export const DEFAULT_THRESHOLDS: AlertThresholds = {
  ossIdleGraceMs: 15_000,
  droppedFramesPercent: 25,
  droppedFramesWindowMs: 120_000,
  droppedFramesMinFrames: 30,
  reconnectStuckMs: 60_000,
  wedgedOutputMs: 20_000,
  urlExpiryWarningMs: 30 * 60_000,
  urlExpiryCriticalMs: 5 * 60_000,
};

/** What the rules read. */
export interface RuleInput {
  /** ms since the epoch. */
  now: number;
  /** Recent timeline, oldest first (long enough for the longest window above). */
  points: readonly TimelinePoint[];
  /** When OBS's output went active (or when monitoring began, if it already was); null while it is not. */
  obsLiveSince: number | null;
  /** The signed ingest URL's expiry, ms since the epoch, when known. */
  urlExpiresAt: number | null;
  /** Codecs OBS's profile produces (from its preflight), when known. */
  encoder: { videoCodec: string; audioCodec: string } | null;
  thresholds: AlertThresholds;
}

export interface AlertCondition {
  severity: AlertSeverity;
  message: string;
}

export interface AlertRule {
  id: AlertId;
  /** Whose fresh reading advances the rule's hysteresis counters ('clock': every evaluation). */
  driver: 'obs' | 'oss' | 'clock';
  /** Raise after the condition held for this many readings of the driver… */
  raiseAfter: number;
  /** …and clear after it was absent for this many. */
  clearAfter: number;
  evaluate(input: RuleInput): AlertCondition | null;
}

type ReachableObs = Extract<ObsPoint, { reachable: true }>;

const seconds = (ms: number): number => Math.round(ms / 1000);
const minutes = (ms: number): number => Math.max(0, Math.ceil(ms / 60_000));

function currentObs(input: RuleInput): ReachableObs | null {
  const obs = latestObs(input.points)?.obs;
  return obs && obs.reachable ? obs : null;
}

/**
 * The newest run of reachable OBS readings for which `holds` is true, oldest first. An unknown reading ends the run:
 * nothing is claimed about time the monitor could not see.
 */
function trailingObsRun(points: readonly TimelinePoint[], holds: (obs: ReachableObs) => boolean): { at: number; obs: ReachableObs }[] {
  const run: { at: number; obs: ReachableObs }[] = [];
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i];
    if (!point?.obs) continue;
    if (!point.obs.reachable || !holds(point.obs)) break;
    run.push({ at: point.at.getTime(), obs: point.obs });
  }
  return run.reverse();
}

const ossIdleWhileLive: AlertRule = {
  id: 'oss-idle-while-live',
  driver: 'oss',
  raiseAfter: 2,
  clearAfter: 2,
  evaluate(input) {
    const obs = currentObs(input);
    const oss = latestOss(input.points)?.oss;
    if (!obs?.active || !oss?.reachable || oss.status === 'Live') return null;
    if (input.obsLiveSince === null || input.now - input.obsLiveSince < input.thresholds.ossIdleGraceMs) return null;
    if (oss.status === 'Disabled') {
      return {
        severity: 'critical',
        message:
          'The channel is Disabled on OSS while OBS is streaming, so OSS refuses the stream and viewers see nothing. ' +
          'Enable the channel (oss-live channel enable), then stop and start the stream.',
      };
    }
    const why = obs.reconnecting ? 'OBS is reconnecting' : 'OBS says it is live';
    return {
      severity: 'critical',
      message:
        `OSS reports the channel Idle while ${why}: nothing reaches OSS and viewers see nothing. Check that OBS ` +
        "streams to this channel's ingest URL (an expired or re-signed URL is refused at connect) and OBS's log for RTMP errors.",
    };
  },
};

const noOutput: AlertRule = {
  id: 'no-output',
  driver: 'obs',
  raiseAfter: 3,
  clearAfter: 2,
  evaluate(input) {
    const obs = currentObs(input);
    if (!obs?.active || obs.reconnecting || obs.bitrateKbps !== 0) return null;
    return {
      severity: 'critical',
      message:
        'OBS is live but its output bytes stopped growing (bitrate 0): nothing is being sent. ' +
        'Check your network; if it does not recover within a minute, stop and start the stream in OBS.',
    };
  },
};

const droppedFrames: AlertRule = {
  id: 'dropped-frames',
  driver: 'obs',
  raiseAfter: 3,
  clearAfter: 5,
  evaluate(input) {
    const { droppedFramesPercent: limit, droppedFramesWindowMs: windowMs, droppedFramesMinFrames } = input.thresholds;
    const since = input.now - windowMs;
    // One stream's counters only: they restart at 0 with each new stream.
    const run = trailingObsRun(input.points, (obs) => obs.active).filter((reading) => reading.at >= since);
    let first = 0;
    for (let i = 1; i < run.length; i += 1) {
      const previous = run[i - 1]?.obs;
      const current = run[i]?.obs;
      if (previous && current && current.totalFrames < previous.totalFrames) first = i;
    }
    const start = run[first]?.obs;
    const end = run.at(-1)?.obs;
    if (!start || !end || run.length - first < 2) return null;
    const sent = end.totalFrames - start.totalFrames;
    const dropped = end.droppedFrames - start.droppedFrames;
    if (sent < droppedFramesMinFrames) return null;
    const percent = (dropped / sent) * 100;
    if (percent < limit) return null;
    return {
      severity: 'warning',
      message:
        `OBS dropped ${percent.toFixed(1)} % of its frames over the last ${seconds(windowMs)} s because the network ` +
        'could not carry them: lower the video bitrate in OBS (Settings > Output) or free up your upload bandwidth.',
    };
  },
};

const obsReconnecting: AlertRule = {
  id: 'obs-reconnecting',
  driver: 'obs',
  raiseAfter: 1,
  clearAfter: 2,
  evaluate(input) {
    if (!currentObs(input)?.reconnecting) return null;
    return {
      severity: 'warning',
      message:
        'OBS lost its connection to the ingest server and is reconnecting; viewers see a freeze until it is back. ' +
        'If it keeps failing, check your network (a reconnect after the signed URL expired is refused).',
    };
  },
};

const reconnectStuck: AlertRule = {
  id: 'reconnect-stuck',
  driver: 'obs',
  raiseAfter: 1,
  clearAfter: 1,
  evaluate(input) {
    const obs = currentObs(input);
    if (!obs?.active) return null;
    if (obs.reconnecting) {
      const run = trailingObsRun(input.points, (reading) => reading.reconnecting);
      const forMs = input.now - (run[0]?.at ?? input.now);
      if (forMs < input.thresholds.reconnectStuckMs) return null;
      return {
        severity: 'critical',
        message:
          `OBS has been reconnecting for ${seconds(forMs)} s without success. Stop and start the stream in OBS ` +
          '(a reconnect can wedge and stay dark for a long time); if it still fails, go live again for a fresh URL.',
      };
    }
    const run = trailingObsRun(input.points, (reading) => reading.active && reading.outputBytes === obs.outputBytes);
    const forMs = input.now - (run[0]?.at ?? input.now);
    if (forMs < input.thresholds.wedgedOutputMs) return null;
    return {
      severity: 'critical',
      message:
        `OBS reports the stream active but has sent nothing for ${seconds(forMs)} s: its output is wedged. ` +
        'Stop and start the stream in OBS.',
    };
  },
};

const urlExpiry: AlertRule = {
  id: 'url-expiry',
  driver: 'clock',
  raiseAfter: 1,
  clearAfter: 1,
  evaluate(input) {
    if (input.urlExpiresAt === null) return null;
    const left = input.urlExpiresAt - input.now;
    const at = new Date(input.urlExpiresAt).toISOString();
    if (left <= 0) {
      return {
        severity: 'critical',
        message:
          `The signed ingest URL expired at ${at}: the stream continues, but if OBS disconnects it cannot reconnect. ` +
          'Stop and go live again to get a new URL at a convenient moment.',
      };
    }
    const { urlExpiryWarningMs, urlExpiryCriticalMs } = input.thresholds;
    if (left > urlExpiryWarningMs) return null;
    return {
      severity: left <= urlExpiryCriticalMs ? 'critical' : 'warning',
      message:
        `The signed ingest URL expires in ${minutes(left)} min (${at}); OBS reconnects after that will be refused. ` +
        'Plan to stop and go live again for a new URL.',
    };
  },
};

const isH264 = (codec: string): boolean => /^(h\.?264|avc1?)$/i.test(codec.trim());
const isAac = (codec: string): boolean => /^(aac|mp4a)/i.test(codec.trim());

const codec: AlertRule = {
  id: 'codec',
  driver: 'oss',
  raiseAfter: 1,
  clearAfter: 1,
  evaluate(input) {
    const oss = latestOss(input.points)?.oss;
    const wrong: string[] = [];
    if (oss?.reachable && oss.videoCodec !== undefined && !isH264(oss.videoCodec)) wrong.push(`${oss.videoCodec} video`);
    if (oss?.reachable && oss.audioCodec !== undefined && !isAac(oss.audioCodec)) wrong.push(`${oss.audioCodec} audio`);
    const encoder = input.encoder;
    if (wrong.length === 0 && encoder) {
      if (encoder.videoCodec !== 'unknown' && !isH264(encoder.videoCodec)) wrong.push(`${encoder.videoCodec} video`);
      if (encoder.audioCodec !== 'unknown' && !isAac(encoder.audioCodec)) wrong.push(`${encoder.audioCodec} audio`);
    }
    if (wrong.length === 0) return null;
    return {
      severity: 'critical',
      message:
        `OBS sends ${wrong.join(' and ')}, but OSS LiveChannel takes only H.264 video and AAC audio. ` +
        'Pick an H.264 encoder (e.g. x264) and AAC audio in OBS (Settings > Output), then restart the stream.',
    };
  },
};

const obsUnreachable: AlertRule = {
  id: 'obs-unreachable',
  driver: 'obs',
  raiseAfter: 2,
  clearAfter: 1,
  evaluate(input) {
    const obs = latestObs(input.points)?.obs;
    if (!obs || obs.reachable) return null;
    return {
      severity: 'warning',
      message:
        `Cannot read OBS (${obs.error}); its side of the monitor shows unknown until it is back, ` +
        'and the stream itself may be fine. Check that OBS is running with its WebSocket server on.',
    };
  },
};

const ossUnreachable: AlertRule = {
  id: 'oss-unreachable',
  driver: 'oss',
  raiseAfter: 2,
  clearAfter: 1,
  evaluate(input) {
    const oss = latestOss(input.points)?.oss;
    if (!oss || oss.reachable) return null;
    return {
      severity: 'warning',
      message:
        `Cannot read the channel's status from OSS (${oss.error}); retrying. Its side of the monitor shows unknown ` +
        'meanwhile; the stream itself may be fine. Check your network and the OSS endpoint.',
    };
  },
};

/** Every rule, in the order alerts are listed when several change at once. */
export const ALERT_RULES: readonly AlertRule[] = [
  ossIdleWhileLive,
  noOutput,
  reconnectStuck,
  obsReconnecting,
  droppedFrames,
  codec,
  urlExpiry,
  obsUnreachable,
  ossUnreachable,
];
