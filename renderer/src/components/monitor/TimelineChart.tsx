import 'uplot/dist/uPlot.min.css';

import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';

import type { ChartAxis, ChartSeries } from './chart-data';
import { chartData, scaleRange } from './chart-data';
import type { TimelineWindow } from './timeline-window';

export interface TimelineChartProps {
  title: string;
  /** Memoize these two: a new array rebuilds the chart. */
  series: readonly ChartSeries[];
  axes: readonly ChartAxis[];
  /** The current window (mutated in place by its owner). */
  timeline: () => TimelineWindow;
  /** Called by the owner after each change of the window; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  /** Charts with the same key share the cursor (one timeline read across charts). */
  syncKey?: string;
  height?: number;
}

/** uPlot needs a 2D canvas, Path2D and matchMedia; jsdom (tests) has none of them. */
export function canDrawCharts(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && typeof Path2D === 'function' && typeof ResizeObserver === 'function';
}

/**
 * A time-series chart over the monitor's window. React renders the frame once; uPlot draws, and new points reach it
 * through `setData` at most once per animation frame (none while the window is hidden), never through a re-render.
 */
export function TimelineChart({ title, series, axes, timeline, subscribe, syncKey, height = 150 }: TimelineChartProps): React.JSX.Element {
  const { t } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const drawable = canDrawCharts();

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !canDrawCharts()) return undefined;
    let chart: uPlot | undefined;
    let disposed = false;
    let frame = 0;
    let unsubscribe = (): void => undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (chart && entry) chart.setSize({ width: Math.floor(entry.contentRect.width), height });
    });
    const redraw = (): void => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        chart?.setData(chartData(timeline(), series));
      });
    };

    void import('uplot').then(({ default: UPlot }) => {
      if (disposed) return;
      chart = new UPlot(chartOptions(host, { series, axes, height, syncKey }), chartData(timeline(), series), host);
      unsubscribe = subscribe(redraw);
      observer.observe(host);
    });
    return () => {
      disposed = true;
      unsubscribe();
      observer.disconnect();
      cancelAnimationFrame(frame);
      chart?.destroy();
    };
  }, [series, axes, timeline, subscribe, syncKey, height]);

  return (
    <figure className="timeline-chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>{title}</figcaption>
      {drawable ? <div ref={hostRef} className="chart" /> : <p className="muted">{t('monitor.charts.unavailable')}</p>}
    </figure>
  );
}

const Y_AXIS_SIZE = 56;

function chartOptions(
  host: HTMLElement,
  { series, axes, height, syncKey }: { series: readonly ChartSeries[]; axes: readonly ChartAxis[]; height: number; syncKey: string | undefined },
): uPlot.Options {
  const style = getComputedStyle(host);
  const color = (name: string): string => style.getPropertyValue(name).trim() || '#9aa3b2';
  const muted = color('--muted');
  const grid = { stroke: color('--border'), width: 1 };
  return {
    width: Math.max(host.clientWidth, 200),
    height,
    ...(syncKey ? { cursor: { sync: { key: syncKey } } } : {}),
    // Names only: the panels show the numbers, and a static legend costs nothing when the cursor moves.
    legend: { live: false },
    scales: {
      x: { time: true },
      ...Object.fromEntries(axes.map((axis) => [axis.scale, { range: (_chart: uPlot, _min: number | null, max: number | null) => scaleRange(axis, max) }])),
    },
    axes: [
      { stroke: muted, grid, ticks: grid },
      ...axes.map((axis) => ({
        scale: axis.scale,
        label: axis.label,
        side: axis.side === 'right' ? 1 : 3,
        // A fixed width, so stacked charts share one time axis whatever their values' widths.
        size: Y_AXIS_SIZE,
        stroke: muted,
        grid: { ...grid, show: axis.side === 'left' },
        ticks: grid,
      })),
    ],
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        scale: s.scale,
        stroke: color(s.color),
        width: 1.5,
        // A null is an unknown reading: leave the gap (uPlot spans undefined, i.e. "not sampled here").
        spanGaps: false,
        points: { show: false },
        ...(s.dash ? { dash: s.dash } : {}),
      })),
    ],
  };
}
