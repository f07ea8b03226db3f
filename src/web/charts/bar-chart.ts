import {
  type ChartText,
  categoryAxis,
  type LegendEntry,
  legend,
  PLOT,
  svgFrame,
  ticksFor,
  valueAxis,
  WIDTH,
  yOf,
} from './axes.ts';
import { clip, el, text, tooltip } from './svg.ts';

// Bar charts for the insights page: stacked columns over time (incidents per week by severity,
// who detected per month) and ranked bars (categories and services, most first).

export interface BarSeries {
  name: string;
  color: string;
  values: readonly number[];
}

export interface StackedBars extends ChartText {
  /** One per column, oldest first. */
  labels: readonly string[];
  /** Stacked bottom to top in this order. */
  series: readonly BarSeries[];
}

/** Columns of stacked counts; each segment's tooltip says what it counts. */
export function stackedBarChart(chart: StackedBars): string {
  const n = chart.labels.length;
  const totals = chart.labels.map((_, k) =>
    chart.series.reduce((sum, s) => sum + (s.values[k] ?? 0), 0),
  );
  const ticks = ticksFor(Math.max(0, ...totals), 'count');
  const top = ticks.at(-1) ?? 1;
  const slot = (PLOT.right - PLOT.left) / Math.max(1, n);
  const width = Math.max(1, slot * 0.75);
  const xOf = (k: number) => PLOT.left + slot * k + slot / 2;
  const bars = chart.labels
    .map((label, k) => {
      let base = 0;
      return chart.series
        .map((s) => {
          const value = s.values[k] ?? 0;
          if (value === 0) return '';
          const y0 = yOf(base, top);
          base += value;
          const y1 = yOf(base, top);
          return el(
            'rect',
            { x: xOf(k) - width / 2, y: y1, width, height: y0 - y1, fill: s.color },
            tooltip(`${label}: ${value} ${s.name}`),
          );
        })
        .join('');
    })
    .join('');
  const legendEntries: LegendEntry[] = chart.series.map((s) => ({ name: s.name, color: s.color }));
  return svgFrame(
    chart,
    valueAxis(ticks, String) +
      bars +
      categoryAxis(chart.labels, xOf) +
      el('line', {
        x1: PLOT.left,
        x2: PLOT.right,
        y1: PLOT.bottom,
        y2: PLOT.bottom,
        stroke: '#4d5360',
      }) +
      legend(legendEntries),
  );
}

export interface RankedBars extends ChartText {
  /** Most first; drawn in this order, top to bottom. */
  items: ReadonlyArray<{ label: string; value: number }>;
  color: string;
}

const ROW = 26;
/** The ranked chart shows this many rows; the table and CSV have them all. */
export const RANKED_ROWS = 12;

/** Horizontal bars, one per name, the count written at its end. */
export function rankedBarChart(chart: RankedBars): string {
  const items = chart.items.slice(0, RANKED_ROWS);
  const max = Math.max(1, ...items.map((i) => i.value));
  const left = 170;
  const right = WIDTH - 48;
  const height = Math.max(ROW * items.length + 16, 48);
  const rows = items
    .map((item, k) => {
      const y = 8 + k * ROW;
      const w = Math.max(1, ((right - left) * item.value) / max);
      return (
        text(left - 8, y + 15, clip(item.label, 24), { 'text-anchor': 'end', fill: '#1d1f24' }) +
        el(
          'rect',
          { x: left, y: y + 3, width: w, height: ROW - 8, fill: chart.color },
          tooltip(`${item.label}: ${item.value}`),
        ) +
        text(left + w + 6, y + 15, String(item.value), { fill: '#1d1f24' })
      );
    })
    .join('');
  const empty =
    items.length === 0 ? text(left, 28, 'None in this window.', { fill: '#4d5360' }) : '';
  // As tall as its rows, where columns share one height.
  return svgFrame(chart, rows + empty, height);
}
