import { describe, expect, it } from 'vitest';
import { serviceHistories } from '../../src/domain/service-history.ts';
import type { PublicReport } from '../../src/usecases/public-reports.ts';
import { dayLabel, historySection } from '../../src/web/views/reports-history.ts';
import {
  badCategoryPage,
  badPageNumberPage,
  type ReportsView,
  reportNotFoundPage,
  reportsPage,
} from '../../src/web/views/reports-list.ts';

// Tuesday 3 November 2026, 18:00 UTC.
const NOW = Date.UTC(2026, 10, 3, 18, 0);
const HOUR = 3_600_000;
const SCRIPT = '<script>alert(1)</script>';

function report(overrides: Partial<PublicReport> & { id: number }): PublicReport {
  return {
    title: 'Checkout errors',
    severity: 'sev2',
    declaredAt: NOW - 4 * HOUR,
    resolvedAt: NOW - 3 * HOUR,
    publishedAt: NOW - HOUR,
    category: 'deploy',
    services: ['checkout'],
    ...overrides,
  };
}

/** The page the route would show: the category's reports, their counts over every report. */
function view(
  reports: PublicReport[],
  category: string | null = null,
  paging = { page: 1, perPage: 50 },
): ReportsView {
  const listed = reports.filter((r) => category === null || r.category === category);
  const counts = new Map<string | null, number>();
  for (const r of reports) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  const start = (paging.page - 1) * paging.perPage;
  return {
    reports: listed.slice(start, start + paging.perPage),
    total: listed.length,
    page: paging.page,
    pages: Math.max(1, Math.ceil(listed.length / paging.perPage)),
    counts: {
      total: reports.length,
      categories: [...counts].map(([c, n]) => ({ category: c, reports: n })),
      services: [],
    },
    category,
    histories: serviceHistories(reports, { now: NOW, timeZone: 'UTC' }),
    historyDays: 90,
    timeZone: 'UTC',
    now: NOW,
  };
}

const REPORTS = [
  report({ id: 12 }),
  report({
    id: 9,
    title: 'Search slow',
    severity: 'sev3',
    category: 'capacity',
    services: ['search'],
    declaredAt: NOW - 50 * HOUR,
    resolvedAt: NOW - 49 * HOUR,
    publishedAt: NOW - 30 * HOUR,
  }),
];

describe('reportsPage', () => {
  it('lists the reports newest first, each linking to its page, in the public frame', () => {
    const html = reportsPage(view(REPORTS));
    expect(html).toContain('<title>Incident reports · incident-scribe</title>');
    expect(html).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Incident reports" href="/reports/feed.xml">',
    );
    // No team navigation, no sign-out: nobody is signed in here.
    expect(html).not.toContain('Sign out');
    expect(html).not.toContain('href="/incidents"');
    expect(html).toContain('<a class="brand" href="/reports">');
    const links = [...html.matchAll(/<th scope="row"><a href="\/reports\/(\d+)">/g)].map(
      (m) => m[1],
    );
    expect(links).toEqual(['12', '9']);
    expect(html).toContain(
      '<caption>Published incident reports, newest first (2 reports)</caption>',
    );
    expect(html).toContain('<th scope="col">Published</th>');
    expect(html).toContain('2026-11-03 14:00:00 UTC');
    // A box that scrolls sideways on a phone takes keyboard focus, named like its table.
    expect(html).toContain(
      '<div class="table-wrap" role="region" aria-label="Published incident reports" tabindex="0"><table>',
    );
  });

  it('has a view per category, linked from every page, the current one marked', () => {
    const all = reportsPage(view(REPORTS));
    expect(all).toContain(
      '<a href="/reports" aria-current="page">All</a> <span class="muted">(2)</span>',
    );
    expect(all).toContain('<a href="/reports?category=capacity">capacity</a>');
    const capacity = reportsPage(view(REPORTS, 'capacity'));
    expect(capacity).toContain('<h1>Incident reports: capacity</h1>');
    expect(capacity).toContain('<a href="/reports?category=capacity" aria-current="page">');
    expect(capacity).toContain('href="/reports/9"');
    expect(capacity).not.toContain('href="/reports/12"');
    expect(capacity).not.toContain('by service'); // the history is on the page of all reports
    const none = reportsPage(view(REPORTS, 'security'));
    expect(none).toContain('No published report in the category security.');
  });

  it('pages the list: newer and older links keep the category, the page said in words', () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      report({ id: 20 - i, category: 'deploy', publishedAt: NOW - i * HOUR }),
    );
    const second = reportsPage(view(many, 'deploy', { page: 2, perPage: 2 }));
    expect(second).toContain('(5 reports, page 2 of 3)</caption>');
    expect(second).toContain(
      '<nav class="pages" aria-label="Pages"><a rel="prev" href="/reports?category=deploy">← Newer reports</a><span aria-current="page">Page 2 of 3</span><a rel="next" href="/reports?category=deploy&amp;page=3">Older reports →</a></nav>',
    );
    const links = [...second.matchAll(/<th scope="row"><a href="\/reports\/(\d+)">/g)].map(
      (m) => m[1],
    );
    expect(links).toEqual(['18', '17']);
    expect(reportsPage(view(many, null, { page: 1, perPage: 50 }))).not.toContain(
      'aria-label="Pages"',
    );
    const past = reportsPage(view(many, null, { page: 9, perPage: 2 }));
    expect(past).toContain('There is no page 9 of these reports.');
    expect(past).toContain('<a rel="prev" href="/reports?page=3">');
  });

  it('refuses a page number that is not one, escaping it', () => {
    const html = badPageNumberPage('<b>2</b>');
    expect(html).toContain('"&lt;b&gt;2&lt;/b&gt;" is not a page number');
    expect(html).not.toContain('<b>');
  });

  it('says so when nothing is published', () => {
    const html = reportsPage(view([]));
    expect(html).toContain('No incident report has been published yet.');
    expect(html).toContain('No published report names a service yet.');
  });

  it('escapes every text it shows', () => {
    const hostile = report({
      id: 5,
      title: `${SCRIPT} "><img src=x onerror=alert(1)>`,
      services: [`svc${SCRIPT}`],
      category: 'deploy',
    });
    const html = reportsPage(view([hostile]));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img');
    expect(badCategoryPage(`"><script>`)).not.toContain('<script>');
  });
});

describe('the 90-day history', () => {
  it('has a bar per day, oldest first, each with a text label; incident days link to the report', () => {
    const html = historySection(view(REPORTS).histories, 90);
    const checkout = html.slice(html.indexOf('<h3 id="service-0">checkout</h3>'));
    const bars = checkout.slice(0, checkout.indexOf('</ol>')).match(/<li /g) ?? [];
    expect(bars).toHaveLength(90);
    expect(html).toContain(
      '<li class="day-sev2"><a href="/reports/12" title="2026-11-03: sev2, Checkout errors"><span class="visually-hidden">2026-11-03: sev2, Checkout errors</span></a></li>',
    );
    expect(html).toContain(
      '<li class="day-none" title="2026-08-06: no incident"><span class="visually-hidden">2026-08-06: no incident</span></li>',
    );
    expect(html).toContain('1 day with an incident in the last 90 days.');
    expect(html).toContain('<ul class="legend" aria-label="Legend">');
    expect(html).toContain('No incident</li>');
    expect(html).toContain('SEV1 (worst that day)</li>');
  });

  it('repeats the incident days in a table', () => {
    const html = historySection(view(REPORTS).histories, 90);
    expect(html).toContain(
      '<caption>Days with a published incident in the last 90 days, by service, oldest first</caption>',
    );
    expect(html).toContain(
      '<tr><th scope="row">search</th><td><time datetime="2026-11-01">2026-11-01</time></td><td><span class="sev sev-sev3">SEV3</span></td><td><a href="/reports/9">Search slow</a></td></tr>',
    );
  });

  it('names the worst incident of a day and counts the others', () => {
    const reports = [
      report({ id: 1, severity: 'sev3', title: 'Slow pages' }),
      report({ id: 2, severity: 'sev1', title: 'Checkout down' }),
    ];
    const [row] = serviceHistories(reports, { now: NOW, timeZone: 'UTC' });
    const today = row?.days.at(-1);
    expect(today && dayLabel(today)).toBe('2026-11-03: sev1, Checkout down, and 1 more');
    const html = historySection(row ? [row] : [], 90);
    expect(html).toContain('<li class="day-sev1"><a href="/reports/2"');
    expect(html).toContain(
      '<a href="/reports/2">Checkout down</a><br><a href="/reports/1">Slow pages</a>',
    );
  });

  it('escapes titles in labels and attributes', () => {
    const [row] = serviceHistories([report({ id: 1, title: `"${SCRIPT}` })], {
      now: NOW,
      timeZone: 'UTC',
    });
    const html = historySection(row ? [row] : [], 90);
    expect(html).not.toContain('<script>');
    expect(html).toContain('title="2026-11-03: sev2, &quot;&lt;script&gt;');
  });

  it('names the row of incidents without a service', () => {
    const html = historySection(
      serviceHistories([report({ id: 1, services: [] })], { now: NOW, timeZone: 'UTC' }),
      90,
    );
    expect(html).toContain('<h3 id="service-0">No service named</h3>');
  });
});

describe('reportNotFoundPage', () => {
  it('is one page for every report that is not shown', () => {
    const html = reportNotFoundPage();
    expect(html).toContain('<h1>Report not found</h1>');
    expect(html).toContain('<a href="/reports">All incident reports</a>');
    expect(html).not.toContain('Sign out');
  });
});
