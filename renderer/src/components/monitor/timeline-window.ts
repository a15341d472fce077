/**
 * The monitor's chart data: the last few minutes of the timeline as columns, the shape uPlot draws from
 * (`[x, ...ys]`). Cells follow uPlot's convention, which is also the truthful one:
 * - a number: what the side reported;
 * - `null`: the side was read and is unknown (unreachable, or a rate with nothing to compare with): drawn as a gap;
 * - `undefined`: the side was not read at this instant (each point carries OBS or OSS): the line runs across it.
 * Nothing is ever filled in with a zero that no one reported.
 *
 * The window is mutated in place (append, trim) so that a 1 Hz stream of points costs no copies; whoever holds it
 * is told through a revision counter (see the monitor store).
 */
import type { ObsPoint, OssPoint, TimelinePoint } from '../../../../shared/monitor';

/** How much timeline the charts keep: ten minutes, about 600 OBS and 120–600 OSS readings. */
export const WINDOW_SECONDS = 600;

export type Cell = number | null | undefined;

export interface TimelineWindow {
  /** Unix seconds (uPlot's time unit), ascending. */
  readonly at: number[];
  /** What OBS sent, from its output byte counts. */
  readonly obsKbps: Cell[];
  /** What OSS received: video + audio bandwidth. */
  readonly ossKbps: Cell[];
  readonly fps: Cell[];
  /** Network-dropped frames per second since the previous OBS reading. */
  readonly droppedPerSecond: Cell[];
  readonly cpuPercent: Cell[];
  /** The previous OBS reading's counters, for per-second rates. */
  lastObs: { at: number; dropped: number; total: number } | undefined;
}

export type SeriesColumn = 'obsKbps' | 'ossKbps' | 'fps' | 'droppedPerSecond' | 'cpuPercent';
export const SERIES_COLUMNS: readonly SeriesColumn[] = ['obsKbps', 'ossKbps', 'fps', 'droppedPerSecond', 'cpuPercent'];

export function createTimelineWindow(): TimelineWindow {
  return { at: [], obsKbps: [], ossKbps: [], fps: [], droppedPerSecond: [], cpuPercent: [], lastObs: undefined };
}

/** OSS's received bandwidth: Live → video + audio (what is reported); Idle/Disabled → 0 (OSS receives nothing). */
export function ossKbpsOf(oss: OssPoint | undefined): Cell {
  if (oss === undefined) return undefined;
  if (!oss.reachable) return null;
  if (oss.status !== 'Live') return 0;
  if (oss.videoKbps === undefined && oss.audioKbps === undefined) return null; // Live, no media stat yet
  return (oss.videoKbps ?? 0) + (oss.audioKbps ?? 0);
}

/** The OBS cells of one point; `previous` is the last OBS reading, for the dropped-frames rate. */
export function obsCells(
  obs: ObsPoint | undefined,
  atSeconds: number,
  previous: TimelineWindow['lastObs'],
): Record<'obsKbps' | 'fps' | 'droppedPerSecond' | 'cpuPercent', Cell> {
  if (obs === undefined) return { obsKbps: undefined, fps: undefined, droppedPerSecond: undefined, cpuPercent: undefined };
  if (!obs.reachable) return { obsKbps: null, fps: null, droppedPerSecond: null, cpuPercent: null };
  return { obsKbps: obs.bitrateKbps, fps: obs.fps, droppedPerSecond: droppedRate(obs, atSeconds, previous), cpuPercent: obs.cpuPercent };
}

function droppedRate(obs: Extract<ObsPoint, { reachable: true }>, atSeconds: number, previous: TimelineWindow['lastObs']): number | null {
  if (!obs.active || previous === undefined) return null;
  const seconds = atSeconds - previous.at;
  const dropped = obs.droppedFrames - previous.dropped;
  // A new stream restarts OBS's counters: there is nothing to compare with.
  if (!(seconds > 0) || dropped < 0 || obs.totalFrames < previous.total) return null;
  return dropped / seconds;
}

/**
 * Adds one timeline point in time order (OSS readings can be stamped slightly before the last OBS one) and drops
 * what has left the window. Mutates `window`.
 */
export function appendPoint(window: TimelineWindow, point: TimelinePoint, spanSeconds = WINDOW_SECONDS): void {
  const at = point.at.getTime() / 1000;
  const obs = obsCells(point.obs, at, window.lastObs);
  if (point.obs?.reachable) window.lastObs = { at, dropped: point.obs.droppedFrames, total: point.obs.totalFrames };
  else if (point.obs) window.lastObs = undefined; // a gap: the next rate has nothing trustworthy to compare with

  let index = window.at.length;
  while (index > 0 && (window.at[index - 1] ?? 0) > at) index -= 1;
  const insert = <T>(column: T[], value: T): void => {
    if (index === column.length) column.push(value);
    else column.splice(index, 0, value);
  };
  insert(window.at, at);
  insert(window.obsKbps, obs.obsKbps);
  insert(window.ossKbps, ossKbpsOf(point.oss));
  insert(window.fps, obs.fps);
  insert(window.droppedPerSecond, obs.droppedPerSecond);
  insert(window.cpuPercent, obs.cpuPercent);
  trim(window, (window.at.at(-1) ?? at) - spanSeconds);
}

function trim(window: TimelineWindow, cutoff: number): void {
  let count = 0;
  while (count < window.at.length && (window.at[count] ?? 0) < cutoff) count += 1;
  if (count === 0) return;
  for (const column of [window.at, ...SERIES_COLUMNS.map((name) => window[name])]) column.splice(0, count);
}

/** A window filled from a whole timeline (a monitor snapshot), keeping only its last `spanSeconds`. */
export function windowFrom(points: readonly TimelinePoint[], spanSeconds = WINDOW_SECONDS): TimelineWindow {
  const window = createTimelineWindow();
  const newest = points.reduce((latest, point) => Math.max(latest, point.at.getTime()), Number.NEGATIVE_INFINITY);
  const cutoff = newest - spanSeconds * 1000;
  for (const point of points) if (point.at.getTime() >= cutoff) appendPoint(window, point, spanSeconds);
  return window;
}
