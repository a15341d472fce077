/**
 * Text renderings of the monitor for a terminal (`oss-live monitor`): a dashboard redrawn in place, one plain line
 * per sample when the output is not a terminal, and one JSON object per line for scripts. Pure functions: the
 * command only decides which one to print.
 */
import type { Alert, AlertChange, MonitorState, ObsPoint, OssPoint, TimelinePoint } from '../../shared/monitor';

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of `values` scaled from 0 to their maximum; null (unknown) shows as a blank, so a gap in the
 * data stays visible instead of being drawn as zero.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const max = Math.max(0, ...values.filter((value): value is number => value !== null));
  return values
    .map((value) => {
      if (value === null) return ' ';
      if (max === 0) return BARS[0];
      return BARS[Math.min(BARS.length - 1, Math.floor((value / max) * (BARS.length - 1) + 0.5))];
    })
    .join('');
}

/** What the views show: the newest reading of each side, the state and the recent OBS bitrates. */
export interface MonitorView {
  channel: string;
  at: Date;
  obs: ObsPoint | undefined;
  oss: OssPoint | undefined;
  state: MonitorState;
  /** Newest last; null where OBS was unknown or had no bitrate yet. */
  recentBitrates: (number | null)[];
}

/** Builds the view from the timeline (oldest first). */
export function monitorView(channel: string, timeline: readonly TimelinePoint[], state: MonitorState, bitrateSamples = 60): MonitorView {
  let obs: ObsPoint | undefined;
  let oss: OssPoint | undefined;
  const recentBitrates: (number | null)[] = [];
  for (let i = timeline.length - 1; i >= 0 && (obs === undefined || oss === undefined || recentBitrates.length < bitrateSamples); i -= 1) {
    const point = timeline[i];
    if (!point) continue;
    if (point.oss && oss === undefined) oss = point.oss;
    if (point.obs) {
      obs ??= point.obs;
      if (recentBitrates.length < bitrateSamples) recentBitrates.push(point.obs.reachable ? point.obs.bitrateKbps : null);
    }
  }
  return { channel, at: timeline.at(-1)?.at ?? new Date(0), obs, oss, state, recentBitrates: recentBitrates.reverse() };
}

const kbps = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : `${Math.round(value)} kbit/s`);

function droppedText(obs: Extract<ObsPoint, { reachable: true }>): string {
  const percent = obs.totalFrames > 0 ? ((obs.droppedFrames / obs.totalFrames) * 100).toFixed(1) : '0.0';
  return `dropped ${percent} % (${obs.droppedFrames}/${obs.totalFrames})`;
}

/** The OBS figures on one line. */
export function obsText(obs: ObsPoint | undefined): string {
  if (!obs) return 'waiting for the first reading';
  if (!obs.reachable) return `unknown (${obs.error})`;
  const status = obs.reconnecting ? 'reconnecting' : obs.active ? 'live' : 'not streaming';
  return `${status}  ${kbps(obs.bitrateKbps)}  ${obs.fps.toFixed(1)} fps  ${droppedText(obs)}  CPU ${obs.cpuPercent.toFixed(1)} %`;
}

/** The OSS figures on one line. */
export function ossText(oss: OssPoint | undefined): string {
  if (!oss) return 'waiting for the first reading';
  if (!oss.reachable) return `unknown (${oss.error})`;
  if (oss.status !== 'Live') return oss.status;
  const video =
    oss.videoKbps === undefined
      ? 'no video yet'
      : `video ${kbps(oss.videoKbps)} ${oss.videoCodec ?? ''} ${oss.width ?? '?'}x${oss.height ?? '?'}@${oss.frameRate ?? '?'}`;
  const audio = oss.audioKbps === undefined ? 'no audio yet' : `audio ${kbps(oss.audioKbps)} ${oss.audioCodec ?? ''}`;
  return `Live  ${video}  ${audio}`;
}

const alertText = (alert: Alert): string => `[${alert.severity}] ${alert.id}: ${alert.message}`;

/** The dashboard, one string per line (the command fits them to the terminal width). */
export function dashboardLines(view: MonitorView): string[] {
  const alerts = view.state.activeAlerts;
  return [
    `oss-live monitor  ${view.channel}  ${view.at.toISOString()}  (Ctrl-C to stop)`,
    `Status   OBS ${view.state.obs}  ·  OSS ${view.state.oss}`,
    `OBS      ${obsText(view.obs)}`,
    `OSS      ${ossText(view.oss)}`,
    `Bitrate  ${sparkline(view.recentBitrates)}  (OBS, last ${view.recentBitrates.length} samples)`,
    ...(alerts.length === 0 ? ['Alerts   none'] : alerts.map((alert, i) => `${i === 0 ? 'Alerts' : ''.padEnd(6)}   ${alertText(alert)}`)),
  ];
}

/** One appended line per sample, for logs and pipes. */
export function plainSampleLine(point: TimelinePoint, view: MonitorView): string {
  const side = point.obs ? `obs ${obsText(point.obs)}` : `oss ${ossText(point.oss)}`;
  const alerts = view.state.activeAlerts.map((alert) => alert.id).join(',') || 'none';
  return `${point.at.toISOString()}  ${side}  | alerts: ${alerts}`;
}

/** One appended line per alert change. */
export function plainAlertLine(change: AlertChange): string {
  const at = (change.change === 'raised' ? change.alert.raisedAt : (change.alert.clearedAt ?? change.alert.raisedAt)).toISOString();
  return `${at}  ALERT ${change.change} ${alertText(change.alert)}`;
}

/** The `--json` object for one sample: which side was read, both sides' newest readings, state and active alerts. */
export function jsonSample(point: TimelinePoint, view: MonitorView): Record<string, unknown> {
  return {
    type: 'sample',
    at: point.at.toISOString(),
    side: point.obs ? 'obs' : 'oss',
    channel: view.channel,
    obs: view.obs ?? null,
    oss: view.oss ?? null,
    state: { obs: view.state.obs, oss: view.state.oss },
    alerts: view.state.activeAlerts,
  };
}
