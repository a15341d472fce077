/**
 * What the monitor's charts draw: which timeline columns, on which scales, in which colours. Pure data, so the
 * shaping is testable without a canvas.
 */
import type { SeriesColumn, TimelineWindow } from './timeline-window';

export interface ChartSeries {
  column: SeriesColumn;
  label: string;
  /** A colour variable of app.css, e.g. `--accent`. */
  color: string;
  scale: string;
  dash?: number[];
}

export interface ChartAxis {
  scale: string;
  label: string;
  side: 'left' | 'right';
  /** Lower bound of the scale (rates start at 0). */
  min: number;
  /** The scale shows at least up to here, so small wobbles do not fill the chart. */
  softMax: number;
}

/** uPlot's aligned data for `series`: the window's columns themselves (no copy). */
export function chartData(window: TimelineWindow, series: readonly ChartSeries[]): [number[], ...Array<Array<number | null | undefined>>] {
  return [window.at, ...series.map((s) => window[s.column])];
}

/** A scale's range: from `min` to the data's maximum (or `softMax`, whichever is larger), with a little headroom. */
export function scaleRange(axis: Pick<ChartAxis, 'min' | 'softMax'>, dataMax: number | null): [number, number] {
  const top = Math.max(dataMax ?? 0, axis.softMax);
  return [axis.min, top * 1.05];
}
