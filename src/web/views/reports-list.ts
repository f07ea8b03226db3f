import type { ServiceHistory } from '../../domain/service-history.ts';
import { formatZone } from '../../domain/time-format.ts';
import type { PublishedFacets } from '../../usecases/library-port.ts';
import type { PublicReport } from '../../usecases/public-reports.ts';
import { count, severityBadge, time } from './format.ts';
import { attr, esc, hrefWith, tableBox } from './html.ts';
import { page } from './layout.ts';
import { historySection } from './reports-history.ts';

// The public /reports page and its errors. Only published reports of public channels reach these
// views, and their text is already rewritten for the public (usecases/public-reports.ts); the
// views still escape every value.

export const FEED_PATH = '/reports/feed.xml';

export interface ReportsView {
  /** This page's reports (of the category asked for), newest published first. */
  reports: readonly PublicReport[];
  /** Reports in the list (the category's, or all), on every page. */
  total: number;
  /** 1-based. */
  page: number;
  pages: number;
  /** Every published report counted, for the category links. */
  counts: PublishedFacets;
  /** The category asked for (`?category=`), or null for all. */
  category: string | null;
  histories: readonly ServiceHistory[];
  historyDays: number;
  timeZone: string;
  now: number;
}

const FEED_LINK = `<link rel="alternate" type="application/atom+xml" title="Incident reports" href="${FEED_PATH}">`;

export function reportsPage(view: ReportsView): string {
  const shown = view.reports;
  const heading =
    view.category === null ? 'Incident reports' : `Incident reports: ${view.category}`;
  const body = `<h1>${esc(heading)}</h1>
<p>What went wrong, what we did and what we are changing, for every incident whose report we published. Newest first; times in ${esc(formatZone(view.now, view.timeZone))}. <a href="${FEED_PATH}">Follow the reports (Atom feed)</a>.</p>
${categoryNav(view.counts, view.category)}
${reportTable(shown, view)}
${pager(view)}
${view.category === null ? historySection(view.histories, view.historyDays) : ''}`;
  return page({ title: heading, section: 'reports', viewer: null, body, head: FEED_LINK });
}

/** One link per category in use, with its count; the current one marked. */
function categoryNav(facets: PublishedFacets, current: string | null): string {
  const counts = new Map<string, number>();
  for (const c of facets.categories) if (c.category !== null) counts.set(c.category, c.reports);
  if (counts.size === 0) return '';
  const link = (href: string, label: string, n: number, here: boolean) =>
    `<li><a href="${attr(href)}"${here ? ' aria-current="page"' : ''}>${esc(label)}</a> <span class="muted">(${n})</span></li>`;
  const items = [
    link('/reports', 'All', facets.total, current === null),
    ...[...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, n]) =>
        link(hrefWith('/reports', [['category', category]]), category, n, category === current),
      ),
  ];
  return `<nav aria-label="Categories" class="categories"><ul>${items.join('')}</ul></nav>`;
}

function reportTable(reports: readonly PublicReport[], view: ReportsView): string {
  if (reports.length === 0 && view.total > 0) {
    return `<p>There is no page ${view.page} of these reports. <a href="${attr(pageHref(view.category, 1))}">First page</a></p>`;
  }
  if (reports.length === 0) {
    return view.category === null
      ? '<p>No incident report has been published yet.</p>'
      : `<p>No published report in the category ${esc(view.category)}. <a href="/reports">All reports</a></p>`;
  }
  const caption =
    view.category === null
      ? `Published incident reports, newest first (${count(view.total, 'report')}${ofPages(view)})`
      : `Published incident reports in ${esc(view.category)}, newest first (${count(view.total, 'report')}${ofPages(view)})`;
  const rows = reports.map(
    (r) => `<tr>
<th scope="row"><a href="/reports/${attr(r.id)}">${esc(r.title)}</a></th>
<td>${severityBadge(r.severity)}</td>
<td>${r.category === null ? '—' : `<a href="${attr(hrefWith('/reports', [['category', r.category]]))}">${esc(r.category)}</a>`}</td>
<td>${r.services.length === 0 ? '—' : r.services.map(esc).join(', ')}</td>
<td>${time(r.declaredAt, view.timeZone)}</td>
<td>${r.resolvedAt === null ? 'Not resolved' : time(r.resolvedAt, view.timeZone)}</td>
<td>${time(r.publishedAt, view.timeZone)}</td>
</tr>`,
  );
  return `${tableBox('Published incident reports')}<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Report</th><th scope="col">Severity</th><th scope="col">Category</th><th scope="col">Services</th><th scope="col">Declared</th><th scope="col">Resolved</th><th scope="col">Published</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

function ofPages(view: ReportsView): string {
  return view.pages > 1 ? `, page ${view.page} of ${view.pages}` : '';
}

function pageHref(category: string | null, pageNo: number): string {
  const pairs: Array<[string, string]> = category === null ? [] : [['category', category]];
  if (pageNo > 1) pairs.push(['page', String(pageNo)]);
  return hrefWith('/reports', pairs);
}

/** Previous / next, keeping the category; the page number said in words. */
function pager(view: ReportsView): string {
  if (view.pages <= 1) return '';
  const link = (pageNo: number, rel: string, label: string) =>
    `<a rel="${rel}" href="${attr(pageHref(view.category, pageNo))}">${label}</a>`;
  const prev =
    view.page > 1 ? link(Math.min(view.page, view.pages + 1) - 1, 'prev', '← Newer reports') : '';
  const next = view.page < view.pages ? link(view.page + 1, 'next', 'Older reports →') : '';
  return `<nav class="pages" aria-label="Pages">${prev}<span aria-current="page">Page ${view.page} of ${view.pages}</span>${next}</nav>`;
}

/** `?page=` that is not a page number. */
export function badPageNumberPage(given: string): string {
  return page({
    title: 'Not a page number',
    section: 'reports',
    viewer: null,
    head: FEED_LINK,
    body: `<h1>Not a page number</h1>
<p class="error" role="alert">"${esc(given.slice(0, 40))}" is not a page number: a page is a whole number from 1.</p>
<p><a href="/reports">All incident reports</a></p>`,
  });
}

/** Unknown, unpublished and private reports alike: nothing tells them apart. */
export function reportNotFoundPage(): string {
  return page({
    title: 'Report not found',
    section: 'reports',
    viewer: null,
    head: FEED_LINK,
    body: `<h1>Report not found</h1>
<p>There is no published incident report at this address. <a href="/reports">All incident reports</a></p>`,
  });
}

/** `?category=` that cannot be a category name. */
export function badCategoryPage(given: string): string {
  return page({
    title: 'Not a category',
    section: 'reports',
    viewer: null,
    head: FEED_LINK,
    body: `<h1>Not a category</h1>
<p class="error" role="alert">"${esc(given.slice(0, 40))}" is not a category: a category is a lower-case letter followed by up to 31 letters, digits, - or _.</p>
<p><a href="/reports">All incident reports</a></p>`,
  });
}
