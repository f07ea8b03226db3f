import {
  type ChartText,
  categoryAxis,
  legend,
  PLOT,
  svgFrame,
  ticksFor,
  valueAxis,
  yOf,
} from './axes.ts';
import { type Attrs, el, num, tooltip } from './svg.ts';

// Lines over time for the insights page: TTD, TTM and TTR median and p90 per month, follow-ups
// opened, closed and overdue per month. A month without a value leaves a gap, never a zero.

export interface LineSeries {
  name: string;
  color: string;
  /** One per label; null where there is nothing to show. */
  values: ReadonlyArray<number | null>;
  /** Dashed, so two lines differ in more than colour. */
  dashed?: boolean;
}

export interface Lines extends ChartText {
  labels: readonly string[];
  series: readonly LineSeries[];
  kind: 'count' | 'duration';
  /** How a value reads on the axis and in tooltips. */
  format(value: number): string;
}

export function lineChart(chart: Lines): string {
  const n = chart.labels.length;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = ticksFor(Math.max(0, ...values), chart.kind);
  const top = ticks.at(-1) ?? 1;
  const slot = (PLOT.right - PLOT.left) / Math.max(1, n);
  const xOf = (k: number) => PLOT.left + slot * k + slot / 2;
  const lines = chart.series
    .map((s) => {
      const dash: Attrs = s.dashed ? { 'stroke-dasharray': '6 4' } : {};
      return (
        runsOf(s.values)
          .map((run) =>
            run.length === 1
              ? ''
              : el('polyline', {
                  points: run
                    .map((k) => `${num(xOf(k))},${num(yOf(s.values[k] ?? 0, top))}`)
                    .join(' '),
                  fill: 'none',
                  stroke: s.color,
                  'stroke-width': 2.5,
                  ...dash,
                }),
          )
          .join('') +
        s.values
          .map((v, k) =>
            v === null
              ? ''
              : el(
                  'circle',
                  { cx: xOf(k), cy: yOf(v, top), r: 3.5, fill: s.color },
                  tooltip(`${chart.labels[k] ?? ''}: ${s.name} ${chart.format(v)}`),
                ),
          )
          .join('')
      );
    })
    .join('');
  return svgFrame(
    chart,
    valueAxis(ticks, chart.format) +
      lines +
      categoryAxis(chart.labels, xOf) +
      el('line', {
        x1: PLOT.left,
        x2: PLOT.right,
        y1: PLOT.bottom,
        y2: PLOT.bottom,
        stroke: '#4d5360',
      }) +
      legend(
        chart.series.map((s) => ({ name: s.name, color: s.color, dashed: s.dashed === true })),
      ),
  );
}

/** Indexes of the values, split where a value is missing. */
function runsOf(values: ReadonlyArray<number | null>): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((v, k) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(k);
  });
  if (run.length > 0) runs.push(run);
  return runs;
}
