/**
 * The alert rules: pure functions from a slice of the timeline (plus a few facts the monitor tracks) to "this is
 * wrong right now, and here is what to do", or null. Hysteresis and throttling live in alert-tracker.ts, so each
 * rule only describes one instant.
 */
import type { LocalizedText } from '../../shared/messages';
import { msg, renderMessage } from '../../shared/messages';
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
  /** English; rules render it from `text`. */
  message: string;
  text?: LocalizedText;
}

/** A condition saying `text` (the English `message` rendered from it). */
const condition = (severity: AlertSeverity, text: LocalizedText): AlertCondition => ({ severity, message: renderMessage(text), text });

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
    if (oss.status === 'Disabled') return condition('critical', msg('alerts.ossDisabledWhileLive'));
    return condition('critical', msg(obs.reconnecting ? 'alerts.ossIdleWhileReconnecting' : 'alerts.ossIdleWhileLive'));
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
    return condition('critical', msg('alerts.noOutput'));
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
    return condition('warning', msg('alerts.droppedFrames', { percent: percent.toFixed(1), seconds: seconds(windowMs) }));
  },
};

const obsReconnecting: AlertRule = {
  id: 'obs-reconnecting',
  driver: 'obs',
  raiseAfter: 1,
  clearAfter: 2,
  evaluate(input) {
    if (!currentObs(input)?.reconnecting) return null;
    return condition('warning', msg('alerts.obsReconnecting'));
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
      return condition('critical', msg('alerts.reconnectStuck', { seconds: seconds(forMs) }));
    }
    const run = trailingObsRun(input.points, (reading) => reading.active && reading.outputBytes === obs.outputBytes);
    const forMs = input.now - (run[0]?.at ?? input.now);
    if (forMs < input.thresholds.wedgedOutputMs) return null;
    return condition('critical', msg('alerts.outputWedged', { seconds: seconds(forMs) }));
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
    if (left <= 0) return condition('critical', msg('alerts.urlExpired', { at }));
    const { urlExpiryWarningMs, urlExpiryCriticalMs } = input.thresholds;
    if (left > urlExpiryWarningMs) return null;
    return condition(left <= urlExpiryCriticalMs ? 'critical' : 'warning', msg('alerts.urlExpiring', { minutes: minutes(left), at }));
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
    let video: string | undefined;
    let audio: string | undefined;
    if (oss?.reachable && oss.videoCodec !== undefined && !isH264(oss.videoCodec)) video = oss.videoCodec;
    if (oss?.reachable && oss.audioCodec !== undefined && !isAac(oss.audioCodec)) audio = oss.audioCodec;
    const encoder = input.encoder;
    if (video === undefined && audio === undefined && encoder) {
      if (encoder.videoCodec !== 'unknown' && !isH264(encoder.videoCodec)) video = encoder.videoCodec;
      if (encoder.audioCodec !== 'unknown' && !isAac(encoder.audioCodec)) audio = encoder.audioCodec;
    }
    const what =
      video !== undefined && audio !== undefined
        ? msg('alerts.codecBoth', { video, audio })
        : video !== undefined
          ? msg('alerts.codecVideo', { codec: video })
          : audio !== undefined
            ? msg('alerts.codecAudio', { codec: audio })
            : null;
    return what && condition('critical', msg('alerts.codec', { what }));
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
    return condition('warning', msg('alerts.obsUnreachable', { error: obs.errorText ?? obs.error }));
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
    return condition('warning', msg('alerts.ossUnreachable', { error: oss.errorText ?? oss.error }));
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
