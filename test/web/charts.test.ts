import { describe, expect, it } from 'vitest';
import { PLOT, ticksFor } from '../../src/web/charts/axes.ts';
import { RANKED_ROWS, rankedBarChart, stackedBarChart } from '../../src/web/charts/bar-chart.ts';
import { lineChart } from '../../src/web/charts/line-chart.ts';

const MINUTE = 60_000;

/** The values of one attribute on every element `tag` in `svg`. */
function attrsOf(svg: string, tag: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

describe('ticksFor', () => {
  it('gives round count ticks from zero covering the largest value', () => {
    expect(ticksFor(0, 'count')).toEqual([0, 1]);
    expect(ticksFor(3, 'count')).toEqual([0, 1, 2, 3]);
    expect(ticksFor(7, 'count')).toEqual([0, 2, 4, 6, 8]);
    expect(ticksFor(130, 'count')).toEqual([0, 50, 100, 150]);
  });

  it('gives durations in round minutes, hours and days', () => {
    expect(ticksFor(9 * MINUTE, 'duration')).toEqual([0, 5, 10].map((m) => m * MINUTE));
    expect(ticksFor(150 * MINUTE, 'duration')).toEqual([0, 60, 120, 180].map((m) => m * MINUTE));
    const days = ticksFor(20 * 1440 * MINUTE, 'duration');
    expect(days.at(-1)).toBeGreaterThanOrEqual(20 * 1440 * MINUTE);
    expect(days.length).toBeLessThanOrEqual(5);
  });
});

describe('stackedBarChart', () => {
  const chart = stackedBarChart({
    id: 'c1',
    title: 'Incidents <per> week',
    desc: 'Two weeks & more',
    labels: ['01-05', '01-12'],
    series: [
      { name: 'sev1', color: '#a8071a', values: [1, 0] },
      { name: 'sev2', color: '#b54708', values: [1, 2] },
    ],
  });

  it('is an image with its title and description, escaped', () => {
    expect(chart).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="c1-title c1-desc"/);
    expect(chart).toContain('<title id="c1-title">Incidents &lt;per&gt; week</title>');
    expect(chart).toContain('<desc id="c1-desc">Two weeks &amp; more</desc>');
    expect(chart).not.toContain('<per>');
  });

  it('stacks one segment per non-zero value, heights in proportion', () => {
    const bars = [
      ...chart.matchAll(
        /<rect x="[^"]*" y="([^"]*)" width="[^"]*" height="([^"]*)" fill="(#[0-9a-f]+)"><title>([^<]*)<\/title>/g,
      ),
    ];
    expect(bars.map((b) => b[4])).toEqual(['01-05: 1 sev1', '01-05: 1 sev2', '01-12: 2 sev2']);
    const heights = bars.map((b) => Number(b[2]));
    expect(heights[2]).toBeCloseTo((heights[0] ?? 0) * 2, 0);
    // The second week's column reaches the top tick (2): the top of the plot.
    expect(Number(bars[2]?.[1])).toBeCloseTo(PLOT.top, 0);
  });

  it('names each series in a legend and labels the columns', () => {
    expect(chart).toContain('>sev1</text>');
    expect(chart).toContain('>sev2</text>');
    expect(chart).toContain('>01-05</text>');
    expect(chart).toContain('>01-12</text>');
  });

  it('thins column labels so that they do not overlap', () => {
    const labels = Array.from({ length: 53 }, (_, k) => `W${String(k + 1).padStart(2, '0')}`);
    const many = stackedBarChart({
      id: 'c2',
      title: 't',
      desc: 'd',
      labels,
      series: [{ name: 'n', color: '#000', values: labels.map(() => 1) }],
    });
    const shown = labels.filter((l) => many.includes(`>${l}</text>`));
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(labels.length);
  });
});

describe('lineChart', () => {
  const chart = lineChart({
    id: 'l1',
    title: 'TTD',
    desc: 'd',
    labels: ['2026-01', '2026-02', '2026-03', '2026-04'],
    kind: 'duration',
    format: (ms) => `${ms / MINUTE}m`,
    series: [
      { name: 'median', color: '#0b57b5', values: [5 * MINUTE, null, 10 * MINUTE, 8 * MINUTE] },
      {
        name: 'p90',
        color: '#a8071a',
        values: [9 * MINUTE, null, null, 12 * MINUTE],
        dashed: true,
      },
    ],
  });

  it('leaves a gap where a month has no value, never a zero', () => {
    // median: a lone point, then a line over March and April; p90: two lone points.
    expect(attrsOf(chart, 'polyline', 'points')).toHaveLength(1);
    expect(attrsOf(chart, 'circle', 'cx')).toHaveLength(5);
    expect(chart).toContain('<title>2026-03: median 10m</title>');
    expect(chart).not.toContain('2026-02: median');
  });

  it('labels the axis with the format given and dashes the second series', () => {
    expect(chart).toContain('>15m</text>');
    expect(chart).toContain('stroke-dasharray');
  });
});

describe('rankedBarChart', () => {
  it('draws a bar per name, most first, escaped, up to its row limit', () => {
    const items = Array.from({ length: RANKED_ROWS + 3 }, (_, k) => ({
      label: k === 0 ? '<b>checkout</b>' : `svc${k}`,
      value: 20 - k,
    }));
    const chart = rankedBarChart({ id: 'r', title: 't', desc: 'd', items, color: '#1e6b3a' });
    expect(chart).toContain('&lt;b&gt;checkout&lt;/b&gt;');
    expect(chart).not.toContain('<b>');
    expect(attrsOf(chart, 'rect', 'width')).toHaveLength(RANKED_ROWS);
    const widths = attrsOf(chart, 'rect', 'width').map(Number);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
  });

  it('says so when there is nothing to rank', () => {
    const chart = rankedBarChart({ id: 'r', title: 't', desc: 'd', items: [], color: '#000' });
    expect(chart).toContain('None in this window.');
  });
});
