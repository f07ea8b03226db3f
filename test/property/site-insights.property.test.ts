import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStats, selectIncidents } from '../../src/domain/stats/compute.ts';
import type { StatsIncident } from '../../src/domain/stats/model.ts';
import { insightSeries } from '../../src/domain/stats/series.ts';
import { SEVERITIES } from '../../src/domain/types.ts';
import type { Insights } from '../../src/usecases/insights.ts';
import { type CsvValue, toCsv } from '../../src/web/csv.ts';
import type { Viewer } from '../../src/web/viewer.ts';
import {
  INSIGHT_CHARTS,
  renderInsightsError,
  renderInsightsPage,
} from '../../src/web/views/insights-page.ts';
import { tableCsvRows } from '../../src/web/views/insights-table.ts';
import { anAction } from '../domain/builders.ts';
import { nastyText, settings, TIME_ZONES } from './arbitraries.ts';
import { FORMULA_START } from './invariants.ts';
import { expectNoFormulas, expectSafeSitePage, expectShown, parseCsv } from './site-invariants.ts';

// /insights and its CSVs from incidents whose categories, services and alert names are hostile:
// the page keeps to its markup, each chart stays well-formed SVG, each CSV reads back as RFC 4180
// with no cell a spreadsheet would run, and no private incident's title shows anywhere.

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 20, 12);
const text = nastyText(6);
const PRIVATE = 'Qzxprivate';

const viewer: Viewer = {
  userId: 'U0VERA',
  name: 'Vera',
  privateChannels: new Set(),
  csrfToken: 'c',
};

const incident: fc.Arbitrary<StatsIncident> = fc
  .record({
    id: fc.integer({ min: 1, max: 100_000 }),
    title: text,
    severity: fc.constantFrom(...SEVERITIES),
    isPrivate: fc.boolean(),
    age: fc.integer({ min: 0, max: 400 * DAY }),
    ttdMs: fc.option(fc.integer({ min: 0, max: 5 * DAY })),
    ttmMs: fc.option(fc.integer({ min: 0, max: 5 * DAY })),
    ttrMs: fc.option(fc.integer({ min: 0, max: 9 * DAY })),
    detectedBy: fc.constantFrom('monitoring', 'person', 'customer' as const),
    category: fc.option(text),
    services: fc.array(text, { maxLength: 3 }),
    alertNames: fc.array(text, { maxLength: 2 }),
    followUps: fc.array(
      fc.record({ text, due: fc.option(fc.constantFrom('2026-01-02', '2026-04-01')) }),
      {
        maxLength: 2,
      },
    ),
  })
  .map((r) => ({
    id: r.id,
    channelId: `C${r.id}`,
    channelName: r.isPrivate ? `${PRIVATE}-channel` : `inc-${r.id}`,
    // A private incident's title is marked: it must not reach the page or a CSV.
    title: r.isPrivate ? `${PRIVATE} ${r.title}` : r.title,
    severity: r.severity,
    isPrivate: r.isPrivate,
    declaredAt: NOW - r.age,
    ttdMs: r.ttdMs,
    ttmMs: r.ttmMs,
    ttrMs: r.ttrMs,
    detectedBy: r.detectedBy,
    category: r.category,
    services: r.services,
    alertNames: r.alertNames,
    postmortemState: 'draft' as const,
    followUps: r.followUps.map((f, i) =>
      anAction({
        id: i + 1,
        text: f.text,
        kind: 'follow_up',
        dueDate: f.due,
        createdAt: NOW - r.age,
      }),
    ),
  }));

function insightsOf(
  incidents: StatsIncident[],
  days: number | null,
  service: string | null,
  timeZone: string,
): Insights {
  const request = {
    window: days === null ? 'all' : `${days}d`,
    since: days === null ? null : NOW - days * DAY,
    until: NOW,
    service,
    now: NOW,
    timeZone,
  };
  return {
    stats: computeStats(incidents, request),
    series: insightSeries(selectIncidents(incidents, request), request),
    services: [...new Set(incidents.flatMap((i) => i.services))],
  };
}

describe('/insights, from hostile categories, services and names', () => {
  it('keeps to its markup, and every CSV reads back with no formula and no private title', () => {
    fc.assert(
      fc.property(
        fc.array(incident, { maxLength: 8 }),
        fc.constantFrom(30, 90, 365, null),
        fc.constantFrom(...TIME_ZONES),
        fc.boolean(),
        (incidents, days, timeZone, oneService) => {
          const service = oneService ? (incidents[0]?.services[0] ?? null) : null;
          const insights = insightsOf(incidents, days, service, timeZone);
          const form = {
            window: days === null ? 'all' : `${days}d`,
            service: service ?? '',
            services: insights.services,
          };
          const html = renderInsightsPage({ viewer, form, insights, timeZone });
          expectSafeSitePage(html);
          expect(html).not.toContain(PRIVATE);
          for (const s of insights.services) expectShown(html, s, 'a service offered');
          for (const build of Object.values(INSIGHT_CHARTS)) {
            const chart = build(insights, { service: insights.stats.service, timeZone });
            const rows = tableCsvRows(chart.table);
            const csv = toCsv(chart.table.csvHeader, rows);
            expect(csv).not.toContain(PRIVATE);
            const read = parseCsv(csv);
            expectNoFormulas(read);
            expect(read).toEqual([chart.table.csvHeader, ...rows].map((r) => r.map(asRead)));
          }
        },
      ),
      settings(1521, 40),
    );
  }, 120_000);

  it('its error page keeps to its markup whatever was typed', () => {
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 3 }), (window, service, services) => {
        const error = `\`${window}\` is not a window: use 7d, 30d or all.`;
        const html = renderInsightsError(viewer, { window, service, services }, error);
        expectSafeSitePage(html);
        for (const s of services) expectShown(html, s, 'a service offered');
        if (service.trim() !== '') expectShown(html, service, 'the service typed');
      }),
      settings(1522, 150),
    );
  }, 60_000);
});

/** A value as the CSV should hold it: null empty, a formula starter behind a `'`. */
function asRead(value: CsvValue): string {
  if (value === null) return '';
  const written = String(value);
  return typeof value === 'string' && FORMULA_START.test(written) ? `'${written}` : written;
}

describe('the site’s CSV, from hostile cells', () => {
  const cell: fc.Arbitrary<CsvValue> = fc.oneof(
    { weight: 4, arbitrary: nastyText(6) },
    { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '=1+1',
        '+1',
        '-1',
        '@SUM(A1)',
        '\t=1',
        '\r=1',
        '＝1',
        '"',
        ',',
        '\r\n',
      ),
    },
  );

  it('RFC 4180 round-trips every cell, formula starters neutralised', () => {
    fc.assert(
      fc.property(
        fc.array(nastyText(3), { minLength: 1, maxLength: 4 }),
        // A row of no fields cannot be told from a row of one empty field: no table writes one.
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
        (header, rows) => {
          const csv = toCsv(header, rows);
          const read = parseCsv(csv);
          expectNoFormulas(read);
          expect(read).toEqual([header, ...rows].map((r) => r.map(asRead)));
        },
      ),
      settings(1523, 300),
    );
  }, 60_000);
});
