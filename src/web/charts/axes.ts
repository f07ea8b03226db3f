import { esc } from '../views/html.ts';
import { el, text } from './svg.ts';

// The frame the insights charts share: the accessible <svg> wrapper, a value axis with round
// ticks, category labels along the bottom that never overlap, and a legend.

export const WIDTH = 720;
export const HEIGHT = 300;
/** Plot area inside the frame: room for tick labels on the left, the legend on top. */
export const PLOT = { left: 64, right: WIDTH - 16, top: 40, bottom: HEIGHT - 44 } as const;

export interface ChartText {
  /** Unique on the page: the <title> and <desc> ids derive from it. */
  id: string;
  title: string;
  /** What the chart shows, in words (read out in place of the picture). */
  desc: string;
}

/** role="img" with its title and description: a screen reader reads these, not the shapes. */
export function svgFrame(chart: ChartText, inner: string, height = HEIGHT): string {
  const t = `${chart.id}-title`;
  const d = `${chart.id}-desc`;
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: 'img',
      'aria-labelledby': `${t} ${d}`,
      'font-family': 'system-ui, sans-serif',
      'font-size': 12,
    },
    `<title id="${t}">${esc(chart.title)}</title><desc id="${d}">${esc(chart.desc)}</desc>${inner}`,
  );
}

/** Round steps for counts (1, 2, 5 × 10^k, never below 1). */
function countStep(max: number, ticks: number): number {
  const raw = Math.max(1, max / ticks);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return Math.max(1, step);
}

const MINUTE = 60_000;
const WEEK = 10_080 * MINUTE;
/** Round steps for durations: minutes, hours, days; whole weeks beyond. */
const DURATION_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880].map(
  (m) => m * MINUTE,
);

/** Tick values from 0 to at least `max`, about four of them. */
export function ticksFor(max: number, kind: 'count' | 'duration'): number[] {
  const want = 4;
  const step =
    kind === 'count'
      ? countStep(max, want)
      : (DURATION_STEPS.find((s) => max / s <= want) ?? Math.ceil(max / want / WEEK) * WEEK);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top; v += step) out.push(v);
  return out;
}

/** The y of a value on an axis going up to `top`. */
export function yOf(value: number, top: number): number {
  return PLOT.bottom - (value / top) * (PLOT.bottom - PLOT.top);
}

/** Horizontal grid lines with their labels on the left. */
export function valueAxis(ticks: readonly number[], label: (v: number) => string): string {
  const top = ticks.at(-1) ?? 1;
  return ticks
    .map((v) => {
      const y = yOf(v, top);
      return (
        el('line', { x1: PLOT.left, x2: PLOT.right, y1: y, y2: y, stroke: '#d5d8de' }) +
        text(PLOT.left - 6, y + 4, label(v), { 'text-anchor': 'end', fill: '#4d5360' })
      );
    })
    .join('');
}

/** Labels under the categories, thinned so that they never run into each other. */
export function categoryAxis(labels: readonly string[], xOf: (k: number) => number): string {
  if (labels.length === 0) return '';
  const slot = (PLOT.right - PLOT.left) / labels.length;
  const longest = Math.max(...labels.map((l) => l.length)) * 7 + 8;
  const every = Math.max(1, Math.ceil(longest / slot));
  return labels
    .map((label, k) =>
      k % every === 0
        ? text(xOf(k), PLOT.bottom + 18, label, { 'text-anchor': 'middle', fill: '#4d5360' })
        : '',
    )
    .join('');
}

export interface LegendEntry {
  name: string;
  color: string;
  dashed?: boolean;
}

/** Swatches and names across the top; the table below names every number too. */
export function legend(entries: readonly LegendEntry[]): string {
  let x = PLOT.left;
  return entries
    .map((entry) => {
      const swatch = entry.dashed
        ? el('line', {
            x1: x,
            x2: x + 18,
            y1: 16,
            y2: 16,
            stroke: entry.color,
            'stroke-width': 3,
            'stroke-dasharray': '5 3',
          })
        : el('rect', { x, y: 10, width: 18, height: 12, fill: entry.color });
      const part = swatch + text(x + 24, 20, entry.name, { fill: '#1d1f24' });
      x += 24 + entry.name.length * 7 + 20;
      return part;
    })
    .join('');
}
