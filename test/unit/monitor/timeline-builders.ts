/** Builders for timeline points in unit tests: readable defaults, only the fields a test cares about overridden. */
import type { ObsPoint, OssPoint, TimelinePoint } from '../../../shared/monitor';
import type { AlertThresholds, RuleInput } from '../../../electron/monitor/alert-rules';
import { DEFAULT_THRESHOLDS } from '../../../electron/monitor/alert-rules';

type ReachableObs = Extract<ObsPoint, { reachable: true }>;
type ReachableOss = Extract<OssPoint, { reachable: true }>;

/** A live OBS reading at `seconds` (since t0), 30 fps and 2500 kbit/s unless overridden. */
export function obsAt(seconds: number, fields: Partial<ReachableObs> = {}): TimelinePoint {
  return {
    at: new Date(T0 + seconds * 1000),
    obs: {
      reachable: true,
      active: true,
      reconnecting: false,
      bitrateKbps: 2500,
      outputBytes: Math.round(seconds * 312_500),
      fps: 30,
      cpuPercent: 8,
      droppedFrames: 0,
      totalFrames: Math.round(seconds * 30),
      encoderSkippedFrames: 0,
      ...fields,
    },
  };
}

export function obsUnknownAt(seconds: number, error = 'connect ECONNREFUSED 127.0.0.1:4455'): TimelinePoint {
  return { at: new Date(T0 + seconds * 1000), obs: { reachable: false, error } };
}

export function ossAt(seconds: number, fields: Partial<ReachableOss> = {}): TimelinePoint {
  return { at: new Date(T0 + seconds * 1000), oss: { reachable: true, status: 'Live', ...fields } };
}

export function ossUnknownAt(seconds: number, error = 'HTTP 503 Service Unavailable'): TimelinePoint {
  return { at: new Date(T0 + seconds * 1000), oss: { reachable: false, error } };
}

/** A fixed start instant, so the numbers in the tests read as "seconds into the broadcast". */
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

/** Rule input at `seconds` over `points`; OBS live since t0 unless said otherwise. */
export function inputAt(
  seconds: number,
  points: TimelinePoint[],
  overrides: Partial<Omit<RuleInput, 'thresholds'>> & { thresholds?: Partial<AlertThresholds> } = {},
): RuleInput {
  const { thresholds, ...rest } = overrides;
  return {
    now: T0 + seconds * 1000,
    points,
    obsLiveSince: T0,
    urlExpiresAt: null,
    encoder: null,
    ...rest,
    thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
  };
}
