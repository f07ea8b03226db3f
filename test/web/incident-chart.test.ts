import { describe, expect, it } from 'vitest';
import {
  CHART,
  chartScale,
  type IncidentChartInput,
  incidentChartSvg,
} from '../../src/web/charts/incident-chart.ts';
import { tickStep, timeTicks, zoneLabel } from '../../src/web/charts/time-axis.ts';

const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MIN = 60_000;

function input(overrides: Partial<IncidentChartInput> = {}): IncidentChartInput {
  return {
    title: 'Checkout errors',
    timeZone: 'UTC',
    now: T0 + 90 * MIN,
    markers: [
      { kind: 'impact', at: T0 },
      { kind: 'detected', at: T0 + 2 * MIN },
      { kind: 'declared', at: T0 + 5 * MIN },
      { kind: 'mitigated', at: T0 + 40 * MIN },
      { kind: 'resolved', at: T0 + 60 * MIN },
    ],
    episodes: [
      { alert: 'CheckoutErrors', firedAt: T0 + 2 * MIN, resolvedAt: T0 + 35 * MIN },
      { alert: 'CheckoutErrors', firedAt: T0 + 45 * MIN, resolvedAt: T0 + 50 * MIN },
      { alert: 'DiskFull', firedAt: T0 + 10 * MIN, resolvedAt: null },
    ],
    ...overrides,
  };
}

/** Every element named `name` with its attributes. */
function elements(svg: string, name: string): Array<Record<string, string>> {
  return [...svg.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, 'g'))].map((m) =>
    Object.fromEntries(
      [...(m[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', a[2] ?? '']),
    ),
  );
}

const n = (value: string | undefined) => Number(value);

function viewBox(svg: string): { width: number; height: number } {
  const [, , width, height] = (elements(svg, 'svg')[0]?.viewBox ?? '').split(' ').map(Number);
  return { width: width ?? 0, height: height ?? 0 };
}

describe('the incident chart', () => {
  it('draws each episode as a bar from firing to resolved, one row per alert', () => {
    const chart = input();
    const svg = incidentChartSvg(chart);
    const { x } = chartScale(chart);
    const bars = elements(svg, 'rect').filter((r) => r.class?.startsWith('bar'));
    expect(bars).toHaveLength(3);
    const [first, second, open] = bars;
    expect(n(first?.x)).toBeCloseTo(x(T0 + 2 * MIN), 0);
    expect(n(first?.x) + n(first?.width)).toBeCloseTo(x(T0 + 35 * MIN), 0);
    expect(n(second?.x)).toBeCloseTo(x(T0 + 45 * MIN), 0);
    expect(n(second?.x) + n(second?.width)).toBeCloseTo(x(T0 + 50 * MIN), 0);
    // Two episodes of one alert share a row; the second alert has its own.
    expect(first?.y).toBe(second?.y);
    expect(n(open?.y)).toBeGreaterThan(n(first?.y));
    expect(svg.match(/<g class="row">/g)).toHaveLength(2);
  });

  it('runs a still-firing bar to the right edge and marks it', () => {
    const chart = input();
    const svg = incidentChartSvg(chart);
    const open = elements(svg, 'rect').find((r) => r.class === 'bar open');
    expect(n(open?.x)).toBeCloseTo(chartScale(chart).x(T0 + 10 * MIN), 0);
    expect(n(open?.x) + n(open?.width)).toBeCloseTo(CHART.right, 0);
    expect(elements(svg, 'polygon').filter((p) => p.class === 'still-firing')).toHaveLength(1);
    expect(svg).toContain('DiskFull: fired 2026-11-21 14:10:00 UTC, still firing');
  });

  it('puts each marker at its moment', () => {
    const chart = input();
    const svg = incidentChartSvg(chart);
    const { x } = chartScale(chart);
    for (const marker of chart.markers) {
      const group = svg.match(new RegExp(`<g class="marker marker-${marker.kind}"><line([^>]*)/>`));
      expect(group, marker.kind).not.toBeNull();
      const line = elements(`<line${group?.[1]}/>`, 'line')[0];
      expect(n(line?.x1)).toBeCloseTo(x(marker.at), 0);
      expect(line?.x1).toBe(line?.x2);
    }
    for (const label of ['Impact start', 'Detected', 'Declared', 'Mitigated', 'Resolved']) {
      expect(svg).toContain(`>${label}</text>`);
    }
  });

  it('keeps every shape and label inside the viewBox, even for close moments and odd times', () => {
    const cases: IncidentChartInput[] = [
      input(),
      // Everything at one instant: the chart still has a span.
      input({
        markers: [
          { kind: 'impact', at: T0 },
          { kind: 'detected', at: T0 },
          { kind: 'declared', at: T0 },
          { kind: 'mitigated', at: T0 },
          { kind: 'resolved', at: T0 },
        ],
        episodes: [{ alert: 'A', firedAt: T0, resolvedAt: T0 }],
      }),
      // A resolution recorded before its firing (clocks disagreeing), an open incident.
      input({
        markers: [{ kind: 'impact', at: T0 }],
        episodes: [{ alert: 'B'.repeat(200), firedAt: T0 + 5 * MIN, resolvedAt: T0 + MIN }],
      }),
      // Days long.
      input({ now: T0 + 9 * 24 * 60 * MIN, markers: [{ kind: 'declared', at: T0 }] }),
    ];
    for (const chart of cases) {
      const svg = incidentChartSvg(chart);
      const box = viewBox(svg);
      expect(svg).not.toMatch(/NaN|Infinity/);
      for (const rect of elements(svg, 'rect')) {
        expect(n(rect.x)).toBeGreaterThanOrEqual(0);
        expect(n(rect.x) + n(rect.width)).toBeLessThanOrEqual(box.width);
        expect(n(rect.width)).toBeGreaterThanOrEqual(2);
        expect(n(rect.y) + n(rect.height)).toBeLessThanOrEqual(box.height);
      }
      for (const line of elements(svg, 'line')) {
        for (const v of [line.x1, line.x2]) expect(n(v)).toBeLessThanOrEqual(box.width);
        for (const v of [line.y1, line.y2]) expect(n(v)).toBeLessThanOrEqual(box.height);
      }
      for (const t of elements(svg, 'text')) {
        expect(n(t.x)).toBeGreaterThanOrEqual(0);
        expect(n(t.x)).toBeLessThanOrEqual(box.width);
        expect(n(t.y)).toBeGreaterThan(0);
        expect(n(t.y)).toBeLessThanOrEqual(box.height);
      }
      for (const p of elements(svg, 'polygon')) {
        for (const point of (p.points ?? '').split(' ')) {
          const [px, py] = point.split(',').map(Number);
          expect(px).toBeLessThanOrEqual(box.width);
          expect(py).toBeLessThanOrEqual(box.height);
        }
      }
    }
  });

  it('is an image with a title and a description of what it shows', () => {
    const svg = incidentChartSvg(input());
    const root = elements(svg, 'svg')[0];
    expect(root?.role).toBe('img');
    expect(root?.['aria-labelledby']).toBe('incident-chart-title incident-chart-desc');
    expect(svg).toContain(
      '<title id="incident-chart-title">Chart of the incident: Checkout errors</title>',
    );
    const desc = svg.match(/<desc id="incident-chart-desc">([^<]*)<\/desc>/)?.[1] ?? '';
    expect(desc).toContain('3 alert episodes');
    expect(desc).toContain('CheckoutErrors fired 2026-11-21 14:02:00 UTC for 33m');
    expect(desc).toContain('DiskFull fired 2026-11-21 14:10:00 UTC and is still firing');
    expect(desc).toContain('Marked: Impact start 2026-11-21 14:00:00 UTC, Detected');
  });

  it('escapes alert names and the title everywhere', () => {
    const hostile = '<script>alert(1)</script>"\'&';
    const svg = incidentChartSvg(
      input({
        title: `"><img src=x onerror=alert(1)>`,
        episodes: [{ alert: hostile, firedAt: T0, resolvedAt: T0 + MIN }],
      }),
    );
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(svg).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says so when no alert was recorded', () => {
    const svg = incidentChartSvg(input({ episodes: [] }));
    expect(svg).toContain('No alerts were recorded.');
    expect(elements(svg, 'rect')).toHaveLength(0);
  });

  it('draws at most maxRows rows and leaves the rest to the table', () => {
    const episodes = Array.from({ length: CHART.maxRows + 5 }, (_, i) => ({
      alert: `Alert${i}`,
      firedAt: T0 + i * MIN,
      resolvedAt: T0 + (i + 1) * MIN,
    }));
    const svg = incidentChartSvg(input({ episodes }));
    expect(svg.match(/<g class="row">/g)).toHaveLength(CHART.maxRows);
    expect(svg).toContain('5 more alerts are in the table only.');
    expect(svg).toContain('and 20 more (see the table)');
  });

  it('clips a long alert name in its row and keeps the whole name as its tooltip', () => {
    const name = `Very${'Long'.repeat(20)}AlertName`;
    const svg = incidentChartSvg(
      input({ episodes: [{ alert: name, firedAt: T0, resolvedAt: T0 + MIN }] }),
    );
    expect(svg).toContain(`<title>${name}</title>`);
    expect(svg).toContain(`${name.slice(0, CHART.nameChars - 1)}…</text>`);
  });
});

describe('the time axis', () => {
  it('picks a round step that fits', () => {
    expect(tickStep(60 * MIN, 8)).toBe(10 * MIN);
    expect(tickStep(5 * MIN, 8)).toBe(MIN);
    expect(tickStep(3 * 24 * 60 * MIN, 8)).toBe(12 * 60 * MIN);
  });

  it('ticks on round wall-clock times, naming the day on the first tick and at midnight', () => {
    const ticks = timeTicks(T0 + 9 * 60 * MIN + 3 * MIN, T0 + 11 * 60 * MIN, 'UTC', 8);
    expect(ticks.map((t) => t.label)).toEqual([
      '23:15',
      '23:30',
      '23:45',
      '00:00',
      '00:15',
      '00:30',
      '00:45',
      '01:00',
    ]);
    const days = ticks.map((t) => t.day);
    expect(days).toEqual(['2026-11-21', null, null, '2026-11-22', null, null, null, null]);
  });

  it('rounds in the zone, not in UTC (India is 5h30 ahead)', () => {
    const ticks = timeTicks(T0, T0 + 60 * MIN, 'Asia/Kolkata', 6);
    expect(ticks[0]?.label).toBe('19:30');
    expect(ticks[0]?.at).toBe(T0);
    expect(ticks.every((t) => t.label.endsWith('0'))).toBe(true);
  });

  it('skips the hour a clock change removes and names both zone labels', () => {
    // Europe/Berlin moves from 02:00 CET to 03:00 CEST on 29 March 2026 (01:00 UTC).
    const from = Date.UTC(2026, 2, 29, 0, 0);
    const to = Date.UTC(2026, 2, 29, 3, 0);
    const labels = timeTicks(from, to, 'Europe/Berlin', 8).map((t) => t.label);
    expect(labels).not.toContain('02:30');
    expect(labels).toContain('03:00');
    expect(zoneLabel(from, to, 'Europe/Berlin')).toBe('GMT+1/GMT+2 (Europe/Berlin)');
    expect(zoneLabel(T0, T0, 'UTC')).toBe('UTC');
  });

  it('gives no ticks for an empty range', () => {
    expect(timeTicks(T0, T0, 'UTC')).toEqual([]);
  });
});
