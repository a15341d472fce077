/**
 * How long the signed ingest URL must live. OSS checks the RTMP signature only when a publisher connects, but every
 * OBS reconnect is a new connect with the same URL, so the expiry must cover the planned broadcast plus the time OBS
 * may still be retrying after a drop near its end (its "reconnect budget").
 *
 * OBS's retry schedule (libobs obs-output.c `output_reconnect`, OBS 29): the first retry waits RetryDelay seconds,
 * each next one waits the previous delay × an exponent of 1.5 + rand·0.05, capped at 15 min, for MaxRetries retries.
 * OBS 29's defaults are RetryDelay 2 s and MaxRetries 25. With the largest exponent (1.55) the 25 waits add up to
 * 11 576 s; with an allowance of 10 s per connect attempt and rounding up to whole minutes the default budget is
 * 11 880 s (3 h 18 min), so the default expiry is 12 h + 3 h 18 min = 55 080 s.
 */
import type { LocalizedList, LocalizedText } from '../../shared/messages';
import { list, msg, renderMessage } from '../../shared/messages';
import { ValidationError } from '../../shared/validation';

/** OBS's Settings → Advanced → Automatically Reconnect, as the profile stores it ([Output] in basic.ini). */
export interface ObsReconnectSettings {
  enabled: boolean;
  retryDelaySeconds: number;
  maxRetries: number;
}

/** OBS 29's defaults (obs-studio UI/window-basic-main.cpp: Reconnect true, RetryDelay 2, MaxRetries 25). */
export const OBS_DEFAULT_RECONNECT: ObsReconnectSettings = { enabled: true, retryDelaySeconds: 2, maxRetries: 25 };

/** The broadcast length planned for when the caller says nothing. */
export const DEFAULT_PLANNED_DURATION_SECONDS = 12 * 3600;

/** libobs: RECONNECT_RETRY_BASE_EXP 1.5 plus up to 0.05 of randomness; the largest value gives the longest wait. */
const LONGEST_BACKOFF_EXPONENT = 1.55;
/** libobs: RECONNECT_RETRY_MAX_MSEC. */
const LONGEST_RETRY_DELAY_SECONDS = 15 * 60;
/** Time one RTMP connect attempt may take before it fails (DNS, TCP and RTMP handshakes); a generous estimate. */
const CONNECT_ATTEMPT_SECONDS = 10;

/**
 * The longest time OBS keeps retrying after the connection to OSS drops, in whole minutes' worth of seconds:
 * the sum of every retry delay at the largest backoff exponent, plus {@link CONNECT_ATTEMPT_SECONDS} per attempt.
 * 0 when reconnecting is off.
 */
export function reconnectBudgetSeconds(settings: ObsReconnectSettings = OBS_DEFAULT_RECONNECT): number {
  if (!settings.enabled || settings.maxRetries <= 0) return 0;
  if (!(settings.retryDelaySeconds >= 0) || !Number.isInteger(settings.maxRetries)) {
    throw new ValidationError('reconnect', 'retryDelaySeconds must be ≥ 0 and maxRetries an integer');
  }
  let total = 0;
  let delay = Math.min(settings.retryDelaySeconds, LONGEST_RETRY_DELAY_SECONDS);
  for (let retry = 1; retry <= settings.maxRetries; retry += 1) {
    total += delay + CONNECT_ATTEMPT_SECONDS;
    delay = Math.min(delay * LONGEST_BACKOFF_EXPONENT, LONGEST_RETRY_DELAY_SECONDS);
  }
  return Math.ceil(total / 60) * 60;
}

export interface UrlLifetimeInput {
  /** An explicit lifetime (`--expires`): wins over the computed one. */
  expiresInSeconds?: number;
  plannedDurationSeconds?: number;
  reconnect?: ObsReconnectSettings;
}

export interface UrlLifetime {
  expiresInSeconds: number;
  reconnectBudgetSeconds: number;
  /** Set when an explicit lifetime is shorter than the broadcast plus OBS's reconnect budget. */
  warning?: string;
  /** `warning`, translatable. */
  warningText?: LocalizedText;
}

/**
 * The signed URL's lifetime: the explicit one, else planned duration (default 12 h) + reconnect budget. Throws a
 * ValidationError for a lifetime of zero or less (an expiry in the past: OSS would refuse the first connect).
 */
export function urlLifetime(input: UrlLifetimeInput): UrlLifetime {
  const { expiresInSeconds, plannedDurationSeconds } = input;
  if (expiresInSeconds !== undefined && (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0)) {
    throw new ValidationError(
      'expiresInSeconds',
      `must be a positive whole number of seconds (got ${String(expiresInSeconds)}): an expiry in the past or now ` +
        'would make OSS refuse the stream at once',
    );
  }
  if (plannedDurationSeconds !== undefined && (!Number.isInteger(plannedDurationSeconds) || plannedDurationSeconds <= 0)) {
    throw new ValidationError('plannedDurationSeconds', `must be a positive whole number of seconds (got ${String(plannedDurationSeconds)})`);
  }
  const budget = reconnectBudgetSeconds(input.reconnect);
  if (expiresInSeconds === undefined) {
    return { expiresInSeconds: (plannedDurationSeconds ?? DEFAULT_PLANNED_DURATION_SECONDS) + budget, reconnectBudgetSeconds: budget };
  }
  const needed = (plannedDurationSeconds ?? 0) + budget;
  if (expiresInSeconds >= needed) return { expiresInSeconds, reconnectBudgetSeconds: budget };
  const lifetime = durationText(expiresInSeconds);
  const warningText =
    plannedDurationSeconds === undefined
      ? msg('goLive.urlShorterThanBudget', { lifetime, budget: durationText(budget) })
      : msg('goLive.urlShorterThanPlan', { lifetime, planned: durationText(plannedDurationSeconds), budget: durationText(budget) });
  return { expiresInSeconds, reconnectBudgetSeconds: budget, warning: renderMessage(warningText), warningText };
}

/** `3 h 18 min`, `45 s`: for messages. */
export function formatDuration(seconds: number): string {
  return renderMessage(msg('verbatim', { text: durationText(seconds) }));
}

/** {@link formatDuration}, translatable: hours, minutes and seconds, the zero parts left out. */
export function durationText(seconds: number): LocalizedList {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const parts = [
    h ? msg('units.hours', { value: h }) : undefined,
    m ? msg('units.minutes', { value: m }) : undefined,
    s || (!h && !m) ? msg('units.seconds', { value: s }) : undefined,
  ];
  return list(parts.filter((part) => part !== undefined), 'words');
}
