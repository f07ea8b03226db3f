import { describe, expect, it } from 'vitest';
import { computeStats, selectIncidents } from '../../src/domain/stats/compute.ts';
import type { StatsIncident } from '../../src/domain/stats/model.ts';
import { insightSeries } from '../../src/domain/stats/series.ts';
import type { Insights } from '../../src/usecases/insights.ts';
import { toCsv } from '../../src/web/csv.ts';
import { parseStatsQuery } from '../../src/web/stats-query.ts';
import type { Viewer } from '../../src/web/viewer.ts';
import {
  INSIGHT_CHARTS,
  renderInsightsError,
  renderInsightsPage,
} from '../../src/web/views/insights-page.ts';
import { tableCsvRows } from '../../src/web/views/insights-table.ts';
import { anAction } from '../domain/builders.ts';

const viewer: Viewer = {
  userId: 'UVIEW',
  name: 'Vera',
  privateChannels: new Set(),
  csrfToken: 'c',
};
const DAY = 86_400_000;
const utc = (month: number, day: number, hour = 12) => Date.UTC(2026, month - 1, day, hour);
const NOW = utc(3, 20);

function entry(id: number, overrides: Partial<StatsIncident>): StatsIncident {
  return {
    id,
    channelId: `C${id}`,
    channelName: `inc-${id}`,
    title: `Incident ${id}`,
    severity: 'sev2',
    isPrivate: false,
    declaredAt: NOW - DAY,
    ttdMs: 60_000,
    ttmMs: 600_000,
    ttrMs: 3_600_000,
    detectedBy: 'monitoring',
    category: null,
    services: [],
    alertNames: [],
    postmortemState: 'draft',
    followUps: [],
    ...overrides,
  };
}

const INCIDENTS = [
  entry(1, { declaredAt: utc(2, 2), severity: 'sev1', category: 'deploy', services: ['checkout'] }),
  entry(2, { declaredAt: utc(2, 4), category: 'deploy', detectedBy: 'customer' }),
  entry(3, {
    declaredAt: utc(3, 10),
    category: '=cmd()',
    services: ['<script>x</script>'],
    title: 'Secret <b>payroll</b>',
    isPrivate: false,
    followUps: [anAction({ createdAt: utc(3, 10), dueDate: '2026-03-12' })],
  }),
  entry(4, { declaredAt: utc(3, 11), isPrivate: true, title: 'Private payroll', services: ['hr'] }),
];

function insightsOf(incidents: StatsIncident[], window: string, days: number | null): Insights {
  const request = {
    window,
    since: days === null ? null : NOW - days * DAY,
    until: NOW,
    service: null,
    now: NOW,
    timeZone: 'UTC',
  };
  return {
    stats: computeStats(incidents, request),
    series: insightSeries(selectIncidents(incidents, request), request),
    services: ['checkout'],
  };
}

const form = { window: '90d', service: '', services: ['checkout'] };

describe('renderInsightsPage', () => {
  const insights = insightsOf(INCIDENTS, '90d', 90);
  const html = renderInsightsPage({ viewer, form, insights, timeZone: 'UTC' });

  it('shows every chart as an image, a table and a CSV link', () => {
    for (const id of Object.keys(INSIGHT_CHARTS)) {
      expect(html, id).toContain(`<section aria-labelledby="${id}">`);
      expect(html, id).toContain(`<a href="/insights/${id}.csv?window=90d">`);
    }
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(Object.keys(INSIGHT_CHARTS).length);
    expect(html.match(/<caption>/g)).toHaveLength(Object.keys(INSIGHT_CHARTS).length);
    expect(html).toContain('<th scope="col">Week</th>');
    expect(html).toContain('<th scope="row">2026-W06 (2026-02-02 to 2026-02-08)</th>');
  });

  it('links each number to the incidents behind it', () => {
    // Week 6 holds incident 1 (sev1) and 2 (sev2).
    expect(html).toContain(
      '<a href="/incidents?from=2026-02-02&amp;to=2026-02-08&amp;severity=sev1">1</a>',
    );
    expect(html).toContain('<a href="/incidents?from=2026-02-02&amp;to=2026-02-08">2</a>');
    // The whole window, from its first day to today.
    expect(html).toContain(
      '<a href="/incidents?from=2025-12-20&amp;to=2026-03-20">4 incidents</a>',
    );
    expect(html).toContain(
      '<a href="/incidents?from=2026-02-01&amp;to=2026-02-28&amp;detected=customer">1</a>',
    );
    expect(html).toContain(
      '<a href="/incidents?from=2025-12-20&amp;to=2026-03-20&amp;category=deploy">2</a>',
    );
    // "uncategorized" is no filter of the list: its count links nowhere.
    expect(html).toContain('<th scope="row">uncategorized</th><td class="num">1</td>');
  });

  it('counts private incidents but never names them, and escapes what people wrote', () => {
    expect(html).toContain('4 incidents</a> declared in the last 90d');
    expect(html).toContain('1 of them in private channels');
    expect(html).not.toContain('payroll');
    // A service only the private incident carries is its content: left out, as scribe stats does.
    expect(html).not.toMatch(/>hr</);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('says whose numbers these are and what the links show', () => {
    expect(html).toContain('<code>scribe stats --since 90d</code>');
    expect(html).toContain('shows only the incidents you may see');
    expect(html).toContain('in UTC (UTC)');
  });

  it('links a service to its incidents, within the page’s service when one is chosen', () => {
    const one = insightsOf(
      INCIDENTS.map((i) => (i.id === 1 ? { ...i, services: ['checkout', 'search'] } : i)),
      '90d',
      90,
    );
    const scoped = {
      ...one,
      stats: computeStats(
        INCIDENTS.map((i) => (i.id === 1 ? { ...i, services: ['checkout', 'search'] } : i)),
        {
          window: '90d',
          since: NOW - 90 * DAY,
          until: NOW,
          service: 'checkout',
          now: NOW,
          timeZone: 'UTC',
        },
      ),
    };
    const page = renderInsightsPage({
      viewer,
      form: { ...form, service: 'checkout' },
      insights: scoped,
      timeZone: 'UTC',
    });
    expect(page).toContain(
      '<a href="/incidents?from=2025-12-20&amp;to=2026-03-20&amp;service=search&amp;tag=service%3Acheckout">1</a>',
    );
    expect(page).toContain('<code>scribe stats --since 90d --service checkout</code>');
    expect(page).toContain('/insights/ttd.csv?window=90d&amp;service=checkout');
  });

  it('draws an empty window without failing', () => {
    const empty = renderInsightsPage({
      viewer,
      form,
      insights: insightsOf([], 'all', null),
      timeZone: 'UTC',
    });
    expect(empty).toContain('0 incidents</a> declared since the first incident');
    expect(empty).toContain('No incidents in this window.');
  });
});

describe('the CSVs', () => {
  const insights = insightsOf(INCIDENTS, '90d', 90);
  const scope = { service: null, timeZone: 'UTC' };
  const csvOf = (id: string) => {
    const build = INSIGHT_CHARTS[id];
    if (!build) throw new Error(id);
    const { table } = build(insights, scope);
    return toCsv(table.csvHeader, tableCsvRows(table));
  };

  it('are RFC 4180 with the window total last, and formula-safe', () => {
    const severity = csvOf('incidents-by-severity');
    expect(severity.startsWith('week,from,to,sev1,sev2,sev3,sev4,total\r\n')).toBe(true);
    expect(severity).toContain('\r\n2026-W06,2026-02-02,2026-02-08,1,1,0,0,2\r\n');
    expect(severity.endsWith('\r\ntotal,2025-12-20,2026-03-20,1,3,0,0,4\r\n')).toBe(true);
    const categories = csvOf('categories');
    expect(categories).toContain("\r\n'=cmd(),1\r\n");
    expect(csvOf('services')).toContain('<script>x</script>,1');
  });

  it('write durations in milliseconds and follow-ups per month', () => {
    expect(csvOf('ttm')).toContain('\r\n2026-02,2026-02-01,2026-02-28,600000,600000,2\r\n');
    const followUps = csvOf('follow-ups');
    expect(followUps).toContain('\r\n2026-03,2026-03-01,2026-03-20,1,0,1\r\n');
    expect(followUps.endsWith('\r\ntotal,2025-12-20,2026-03-20,1,0,1\r\n')).toBe(true);
  });
});

describe('parseStatsQuery and the error page', () => {
  const params = (query: string) => new URLSearchParams(query);

  it('takes the window and service as /incident stats does', () => {
    expect(parseStatsQuery(params(''), '365d')).toMatchObject({
      ok: true,
      window: { label: '365d' },
      service: null,
    });
    expect(parseStatsQuery(params('window=all&service=Checkout'), '365d')).toMatchObject({
      ok: true,
      window: { label: 'all', days: null },
      service: 'checkout',
    });
  });

  it('refuses a bad window or service with a message naming the parameter', () => {
    for (const [query, message] of [
      ['window=2w', 'window: `2w` is not a window'],
      ['window=0d', 'window: `0d` is not a window'],
      ['window=99999d', 'is not a window'],
      ['service=a b', 'service: `a b` is not a service'],
      ['service=<@U1>', 'service: `<@U1>` is not a service'],
      [`service=${'x'.repeat(65)}`, 'is not a service'],
    ] as const) {
      const parsed = parseStatsQuery(params(query), '365d');
      expect(parsed.ok, query).toBe(false);
      if (!parsed.ok) expect(parsed.error, query).toContain(message);
    }
  });

  it('shows the error escaped above the form, the typed values kept', () => {
    const parsed = parseStatsQuery(params('window=<b>2w'), '365d');
    if (parsed.ok) throw new Error('accepted');
    const html = renderInsightsError(
      viewer,
      { ...parsed.text, services: ['checkout'] },
      parsed.error,
    );
    expect(html).toContain(
      '<div class="error" role="alert"><p>window: <code>&lt;b&gt;2w</code> is not a window',
    );
    expect(html).toContain('<option value="&lt;b&gt;2w" selected>');
    expect(html).not.toContain('<b>2w');
    expect(html).toContain('<label for="insights-window">');
    expect(html).toContain('<label for="insights-service">');
  });
});
