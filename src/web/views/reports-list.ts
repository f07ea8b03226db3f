import type { ServiceHistory } from '../../domain/service-history.ts';
import { formatZone } from '../../domain/time-format.ts';
import type { PublicReport } from '../../usecases/public-reports.ts';
import { count, severityBadge, time } from './format.ts';
import { attr, esc, hrefWith } from './html.ts';
import { page } from './layout.ts';
import { historySection } from './reports-history.ts';

// The public /reports page and its errors. Only published reports of public channels reach these
// views, and their text is already rewritten for the public (usecases/public-reports.ts); the
// views still escape every value.

export const FEED_PATH = '/reports/feed.xml';

export interface ReportsView {
  /** Every published report, newest published first. */
  reports: readonly PublicReport[];
  /** The category asked for (`?category=`), or null for all. */
  category: string | null;
  histories: readonly ServiceHistory[];
  historyDays: number;
  timeZone: string;
  now: number;
}

const FEED_LINK = `<link rel="alternate" type="application/atom+xml" title="Incident reports" href="${FEED_PATH}">`;

export function reportsPage(view: ReportsView): string {
  const shown =
    view.category === null
      ? view.reports
      : view.reports.filter((r) => r.category === view.category);
  const heading =
    view.category === null ? 'Incident reports' : `Incident reports: ${view.category}`;
  const body = `<h1>${esc(heading)}</h1>
<p>What went wrong, what we did and what we are changing, for every incident whose report we published. Newest first; times in ${esc(formatZone(view.now, view.timeZone))}. <a href="${FEED_PATH}">Follow the reports (Atom feed)</a>.</p>
${categoryNav(view.reports, view.category)}
${reportTable(shown, view)}
${view.category === null ? historySection(view.histories, view.historyDays) : ''}`;
  return page({ title: heading, section: 'reports', viewer: null, body, head: FEED_LINK });
}

/** One link per category in use, with its count; the current one marked. */
function categoryNav(reports: readonly PublicReport[], current: string | null): string {
  const counts = new Map<string, number>();
  for (const r of reports) {
    if (r.category !== null) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  }
  if (counts.size === 0) return '';
  const link = (href: string, label: string, n: number, here: boolean) =>
    `<li><a href="${attr(href)}"${here ? ' aria-current="page"' : ''}>${esc(label)}</a> <span class="muted">(${n})</span></li>`;
  const items = [
    link('/reports', 'All', reports.length, current === null),
    ...[...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, n]) =>
        link(hrefWith('/reports', [['category', category]]), category, n, category === current),
      ),
  ];
  return `<nav aria-label="Categories" class="categories"><ul>${items.join('')}</ul></nav>`;
}

function reportTable(reports: readonly PublicReport[], view: ReportsView): string {
  if (reports.length === 0) {
    return view.category === null
      ? '<p>No incident report has been published yet.</p>'
      : `<p>No published report in the category ${esc(view.category)}. <a href="/reports">All reports</a></p>`;
  }
  const caption =
    view.category === null
      ? `Published incident reports, newest first (${count(reports.length, 'report')})`
      : `Published incident reports in ${esc(view.category)}, newest first (${count(reports.length, 'report')})`;
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
  return `<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Report</th><th scope="col">Severity</th><th scope="col">Category</th><th scope="col">Services</th><th scope="col">Declared</th><th scope="col">Resolved</th><th scope="col">Published</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
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
