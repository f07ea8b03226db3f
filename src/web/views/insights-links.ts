import { localDay } from '../../domain/reminders.ts';
import type { InsightSeries } from '../../domain/stats/series.ts';
import { hrefWith } from './html.ts';
import type { DataTable } from './insights-table.ts';

// What the insights charts share: the page's scope and the links from a number to the incident
// list that selects exactly the incidents behind it (docs/site.md, the list's parameters).

export interface ChartScope {
  /** `service=` of the page, lower case; null: every service. */
  service: string | null;
  timeZone: string;
}

export interface InsightChart {
  /** Its anchor on the page and its CSV's name: `/insights/<id>.csv`. */
  id: string;
  heading: string;
  svg: string;
  table: DataTable;
  /** A line under the table, already HTML. */
  note?: string;
}

/** Local days, inclusive, as the incident list's `from` and `to` take them. */
export interface DaySpan {
  from: string;
  to: string;
}

/** The whole window's days: from its first day (or the first incident's, for `all`) to today. */
export function windowSpan(series: InsightSeries, timeZone: string): DaySpan {
  return {
    from: localDay(series.since, timeZone),
    to: localDay(Math.max(series.since, series.until - 1), timeZone),
  };
}

/**
 * The list of the incidents declared in `span` (of the page's service), narrowed by `extra`
 * (severity, detected, category, or another service).
 */
export function incidentsHref(
  span: DaySpan,
  scope: ChartScope,
  extra: Array<[string, string]> = [],
): string {
  const service: Array<[string, string]> =
    scope.service === null ? [] : [['service', scope.service]];
  return hrefWith('/incidents', [['from', span.from], ['to', span.to], ...service, ...extra]);
}
