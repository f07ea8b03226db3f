import { formatTime, formatZone } from '../../domain/time-format.ts';
import type { Insights } from '../../usecases/insights.ts';
import type { Viewer } from '../viewer.ts';
import { attr, esc, hrefWith } from './html.ts';
import { detectionChart, severityChart, timeChart } from './insights-charts.ts';
import { type ChartScope, type InsightChart, incidentsHref, windowSpan } from './insights-links.ts';
import { categoryChart, followUpChart, serviceChart } from './insights-ranked.ts';
import { tableHtml } from './insights-table.ts';
import { page } from './layout.ts';

// /insights: the numbers of `scribe stats` for a window, over time, each chart with its table and
// CSV (docs/site.md).

/** The window the page shows without `window=`: a year, enough for trends per month. */
export const DEFAULT_INSIGHTS_WINDOW = '365d';
const WINDOWS = ['7d', '30d', '90d', '365d', 'all'];

/** Every chart, in page order, by its id (`/insights/<id>.csv`). */
export const INSIGHT_CHARTS: Readonly<
  Record<string, (insights: Insights, scope: ChartScope) => InsightChart>
> = {
  'incidents-by-severity': severityChart,
  ttd: (i, s) => timeChart('ttdMs', i, s),
  ttm: (i, s) => timeChart('ttmMs', i, s),
  ttr: (i, s) => timeChart('ttrMs', i, s),
  detection: detectionChart,
  'follow-ups': followUpChart,
  categories: categoryChart,
  services: serviceChart,
};

export interface InsightsForm {
  /** As typed (or the default). */
  window: string;
  /** As typed; '' for every service. */
  service: string;
  services: readonly string[];
}

/** `window` and `service` as the page's links and CSV links carry them. */
export function scopeParams(
  form: Pick<InsightsForm, 'window' | 'service'>,
): Array<[string, string]> {
  return [
    ['window', form.window],
    ['service', form.service],
  ];
}

function formHtml(form: InsightsForm): string {
  const windows = WINDOWS.includes(form.window) ? WINDOWS : [...WINDOWS, form.window];
  const option = (value: string, label: string, chosen: string) =>
    `<option value="${attr(value)}"${value === chosen ? ' selected' : ''}>${esc(label)}</option>`;
  const services =
    form.services.includes(form.service) || form.service === ''
      ? form.services
      : [...form.services, form.service];
  return `<form class="filters" method="get" action="/insights">
<label for="insights-window">Window<select id="insights-window" name="window">${windows
    .map((w) => option(w, w === 'all' ? 'all time' : `last ${w}`, form.window))
    .join('')}</select></label>
<label for="insights-service">Service<select id="insights-service" name="service">${option('', 'every service', form.service)}${services
    .map((s) => option(s, s, form.service))
    .join('')}</select></label>
<div class="actions"><button class="primary" type="submit">Show</button></div>
</form>`;
}

/** A message with `code` spans (the stats' errors quote what was typed). */
function withCode(message: string): string {
  return message
    .split('`')
    .map((part, k) => (k % 2 === 1 ? `<code>${esc(part)}</code>` : esc(part)))
    .join('');
}

export function renderInsightsError(viewer: Viewer, form: InsightsForm, error: string): string {
  return page({
    title: 'Insights',
    section: 'insights',
    viewer,
    body: `<h1>Insights</h1>
<div class="error" role="alert"><p>${withCode(error)}</p></div>
${formHtml(form)}`,
  });
}

export interface InsightsPage {
  viewer: Viewer;
  form: InsightsForm;
  insights: Insights;
  timeZone: string;
}

export function renderInsightsPage(model: InsightsPage): string {
  const { insights, form, timeZone } = model;
  const { stats, series } = insights;
  const scope: ChartScope = { service: stats.service, timeZone };
  const charts = Object.entries(INSIGHT_CHARTS).map(([, build]) => build(insights, scope));
  const all = windowSpan(series, timeZone);
  const n = stats.incidents;
  const period =
    stats.window === 'all' ? 'since the first incident' : `in the last ${stats.window}`;
  const ofService =
    stats.service === null ? '' : ` tagged <code>service:${esc(stats.service)}</code>`;
  const privately =
    stats.privateIncidents === 0 ? '' : `, ${stats.privateIncidents} of them in private channels`;
  const cli = `scribe stats --since ${stats.window}${stats.service === null ? '' : ` --service ${stats.service}`}`;
  const toc = charts.map((c) => `<li><a href="#${attr(c.id)}">${esc(c.heading)}</a></li>`).join('');
  const sections = charts.map((c) => sectionHtml(c, form)).join('\n');
  const started =
    stats.since === null
      ? ''
      : ` The window began ${esc(formatTime(stats.since, timeZone))}; a link's first day is a whole day, so it can list an incident declared earlier that day.`;
  return page({
    title: 'Insights',
    section: 'insights',
    viewer: model.viewer,
    body: `<h1>Insights</h1>
${formHtml(form)}
<p><a href="${attr(incidentsHref(all, scope))}">${n} incident${n === 1 ? '' : 's'}</a> declared ${period}${ofService} (${esc(all.from)} to ${esc(all.to)})${privately}. Weeks start on Monday; weeks, months and days are in ${esc(timeZone)} (${esc(formatZone(stats.until, timeZone))}).</p>
<div class="notice"><p>These are the numbers of <code>${esc(cli)}</code> and <code>/incident stats</code>: the same code counts them. Without a window the page shows the last ${DEFAULT_INSIGHTS_WINDOW} (<code>/incident stats</code> shows 30 days, <code>scribe stats</code> 90).</p>
<p>Every incident counts, those in private channels too, but no title or name from a private channel appears here. A number links to the incidents behind it; that list shows only the incidents you may see, so it can be shorter than the number.${started}</p></div>
<nav aria-label="Charts"><ul>${toc}</ul></nav>
${sections}`,
  });
}

function sectionHtml(chart: InsightChart, form: InsightsForm): string {
  const csv = hrefWith(`/insights/${chart.id}.csv`, scopeParams(form));
  return `<section aria-labelledby="${attr(chart.id)}">
<h2 id="${attr(chart.id)}">${esc(chart.heading)}</h2>
<figure class="chart">${chart.svg}</figure>
${tableHtml(chart.table)}
${chart.note === undefined ? '' : `<p>${chart.note}</p>`}<p><a href="${attr(csv)}">Download this table as CSV</a></p>
</section>`;
}
