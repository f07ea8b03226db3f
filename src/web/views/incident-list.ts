import type { StatsIncident } from '../../domain/stats/model.ts';
import type { Incident } from '../../domain/types.ts';
import { DEFAULT_PER_PAGE, filterParams, type IncidentFilter, onPage } from '../incident-filter.ts';
import type { Viewer } from '../viewer.ts';
import { type FilterFacets, incidentFilterForm } from './filter-form.ts';
import { count, duration, postmortemLabel, severityBadge, statusLabel, time } from './format.ts';
import { attr, esc, hrefWith, tableBox } from './html.ts';
import { page } from './layout.ts';

// `/incidents`: the filter form, the count, one page of incidents, links to the other pages.

/** One listed incident (the library's row: src/usecases/library.ts). */
export interface ListRow {
  incident: Incident;
  stats: Pick<StatsIncident, 'services' | 'category' | 'ttdMs' | 'ttmMs' | 'postmortemState'>;
  leadName: string | null;
}

export interface ListPage {
  rows: ListRow[];
  total: number;
  page: number;
  pages: number;
  perPage: number;
}

export interface IncidentListModel {
  viewer: Viewer;
  timeZone: string;
  /** The request's parameters, as typed: the form shows them, also when they could not be read. */
  params: URLSearchParams;
  facets: FilterFacets;
  /** A read filter and its page; or the errors of one that could not be read (a 400). */
  result: { filter: IncidentFilter; list: ListPage } | { errors: string[] };
}

export function renderIncidentList(model: IncidentListModel): string {
  const form = incidentFilterForm(model.params, model.facets);
  const body =
    'errors' in model.result
      ? `<h1>Incidents</h1>
${errorBox(model.result.errors)}
${form}`
      : `<h1>Incidents</h1>
${form}
${results(model.result.filter, model.result.list, model.timeZone)}`;
  return page({ title: 'Incidents', section: 'incidents', viewer: model.viewer, body });
}

function errorBox(errors: readonly string[]): string {
  return `<div class="error" role="alert"><h2>These filters could not be read</h2><ul>${errors
    .map((e) => `<li>${esc(e)}</li>`)
    .join(
      '',
    )}</ul><p>Correct them below, or <a href="/incidents">clear every filter</a>.</p></div>`;
}

function results(filter: IncidentFilter, list: ListPage, timeZone: string): string {
  const filtered = filterParams({ ...filter, page: 1, perPage: DEFAULT_PER_PAGE }).length > 0;
  if (list.total === 0) {
    return `<h2 id="results">No incidents</h2>
<p class="notice">${
      filtered
        ? 'No incident matches these filters. <a href="/incidents">Clear the filters</a> to see every incident.'
        : 'No incidents yet. One is recorded here when someone runs <code>/incident start</code> in Slack.'
    }</p>`;
  }
  if (list.rows.length === 0) {
    const last = hrefWith('/incidents', filterParams(onPage(filter, list.pages)));
    return `<h2 id="results">${count(list.total, 'incident')}</h2>
<p class="notice">There is no page ${list.page}: these filters give ${list.pages} ${
      list.pages === 1 ? 'page' : 'pages'
    }. <a href="${attr(last)}">Go to the last page</a>.</p>`;
  }
  const first = (list.page - 1) * list.perPage + 1;
  const shown =
    list.pages > 1
      ? `${first}–${first + list.rows.length - 1} of ${count(list.total, 'incident')}, newest first`
      : `${count(list.total, 'incident')}, newest first`;
  return `<h2 id="results">${esc(shown)}</h2>
${tableBox('Incidents')}<table>
<caption>Incidents${filtered ? ' matching the filters' : ''}, newest declared first; times in ${esc(timeZone)}</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Status</th><th scope="col">Title</th><th scope="col">Services</th><th scope="col">Category</th><th scope="col">Lead</th><th scope="col">Declared</th><th scope="col" class="num"><abbr title="Time to detect">TTD</abbr></th><th scope="col" class="num"><abbr title="Time to mitigate">TTM</abbr></th><th scope="col">Post-mortem</th></tr></thead>
<tbody>
${list.rows.map((row) => rowHtml(row, filter, timeZone)).join('\n')}
</tbody>
</table></div>
${pager(filter, list)}`;
}

function rowHtml(row: ListRow, filter: IncidentFilter, timeZone: string): string {
  const { incident, stats } = row;
  const services =
    stats.services.length === 0
      ? '—'
      : stats.services
          .map(
            (s) =>
              `<a href="${attr(hrefWith('/incidents', filterParams(withService(filter, s))))}">${esc(s)}</a>`,
          )
          .join(', ');
  return `<tr><td>${severityBadge(incident.severity)}</td><td>${esc(statusLabel(incident.status))}</td><th scope="row"><a href="/incidents/${incident.id}">${esc(incident.title)}</a> <span class="muted">#${incident.id}</span></th><td>${services}</td><td>${esc(stats.category ?? '—')}</td><td>${esc(row.leadName ?? '—')}</td><td>${time(incident.declaredAt, timeZone)}</td><td class="num">${duration(stats.ttdMs)}</td><td class="num">${duration(stats.ttmMs)}</td><td>${esc(postmortemLabel(stats.postmortemState))}</td></tr>`;
}

/** Previous / next keep every filter; the page number is said in words for screen readers too. */
function pager(filter: IncidentFilter, list: ListPage): string {
  if (list.pages <= 1) return '';
  const link = (pageNo: number, rel: string, label: string) =>
    `<a rel="${rel}" href="${attr(hrefWith('/incidents', filterParams(onPage(filter, pageNo))))}">${label}</a>`;
  const prev = list.page > 1 ? link(list.page - 1, 'prev', '← Previous page') : '';
  const next = list.page < list.pages ? link(list.page + 1, 'next', 'Next page →') : '';
  return `<nav class="pages" aria-label="Pages">${prev}<span aria-current="page">Page ${list.page} of ${list.pages}</span>${next}</nav>`;
}

/** The same filters narrowed to one service, from its first page: a service cell's link. */
function withService(filter: IncidentFilter, service: string): IncidentFilter {
  return { ...filter, page: 1, query: { ...filter.query, service } };
}
