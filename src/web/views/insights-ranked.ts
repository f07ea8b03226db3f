import { UNCATEGORIZED } from '../../domain/stats/compute.ts';
import type { Insights } from '../../usecases/insights.ts';
import { RANKED_ROWS, rankedBarChart } from '../charts/bar-chart.ts';
import { lineChart } from '../charts/line-chart.ts';
import { type ChartScope, type InsightChart, incidentsHref, windowSpan } from './insights-links.ts';
import { cell, type DataRow } from './insights-table.ts';

// Follow-ups over time, and the categories and services that recur (the counts of `scribe
// stats`, most incidents first).

export function followUpChart(insights: Insights, scope: ChartScope): InsightChart {
  const { stats, series } = insights;
  const months = series.months.followUps;
  const all = windowSpan(series, scope.timeZone);
  const f = stats.followUps;
  // Follow-ups belong to the incidents of the window, but when they were opened or closed is no
  // filter of the incident list: these numbers link nowhere (the Follow-ups page lists them).
  const row = (head: string, csv: DataRow['csv'], values: number[]): DataRow => ({
    head,
    cells: values.map((n) => cell(n)),
    csv: [...csv, ...values],
  });
  const title = 'Follow-ups opened, closed and overdue per month';
  return {
    id: 'follow-ups',
    heading: title,
    svg: lineChart({
      id: 'chart-follow-ups',
      title,
      desc: `Follow-ups of the window's incidents, per month from ${all.from} to ${all.to}: opened, closed (done or dropped), and overdue at the month's end. In all ${f.open + f.done + f.dropped} opened, ${f.done + f.dropped} closed, ${f.overdue} overdue now. The table below has every number.`,
      labels: months.map((m) => m.bucket.key),
      kind: 'count',
      format: String,
      series: [
        { name: 'opened', color: '#0b57b5', values: months.map((m) => m.opened) },
        { name: 'closed', color: '#1e6b3a', values: months.map((m) => m.closed) },
        {
          name: 'overdue at month end',
          color: '#a8071a',
          values: months.map((m) => m.overdue),
          dashed: true,
        },
      ],
    }),
    table: {
      caption: `Follow-ups of the window's incidents per month (${scope.timeZone})`,
      columns: ['Month', 'Opened', 'Closed', 'Overdue at month end'],
      rows: months.map((m) =>
        row(
          `${m.bucket.key} (${m.bucket.from} to ${m.bucket.to})`,
          [m.bucket.key, m.bucket.from, m.bucket.to],
          [m.opened, m.closed, m.overdue],
        ),
      ),
      total: row(
        'Whole window (overdue: now)',
        ['total', all.from, all.to],
        [f.open + f.done + f.dropped, f.done + f.dropped, f.overdue],
      ),
      csvHeader: ['month', 'from', 'to', 'opened', 'closed', 'overdue'],
    },
    note: 'When a follow-up was opened or closed is no filter of the incident list, so these numbers link nowhere; the follow-ups themselves are on the <a href="/actions?kind=follow_up">Follow-ups</a> page.',
  };
}

function ranked(
  id: 'categories' | 'services',
  insights: Insights,
  scope: ChartScope,
  counts: Record<string, number>,
  hrefOf: (name: string) => string | null,
): InsightChart {
  const entries = Object.entries(counts);
  const all = windowSpan(insights.series, scope.timeZone);
  const noun = id === 'categories' ? 'Category' : 'Service';
  const title = `${id === 'categories' ? 'Categories' : 'Services'} that recur, most incidents first`;
  const more = entries.length > RANKED_ROWS ? ` The chart shows the first ${RANKED_ROWS}.` : '';
  return {
    id,
    heading: title,
    svg: rankedBarChart({
      id: `chart-${id}`,
      title,
      desc: `${entries.length} ${id} among the incidents from ${all.from} to ${all.to}: ${entries
        .slice(0, 5)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ')}${entries.length > 5 ? ', …' : ''}.${more} The table below has every number.`,
      items: entries.map(([label, value]) => ({ label, value })),
      color: id === 'categories' ? '#3b5b8c' : '#1e6b3a',
    }),
    table: {
      caption: `Incidents per ${noun.toLowerCase()}, most first`,
      columns: [noun, 'Incidents'],
      rows: entries.map(([name, n]) => ({
        head: name,
        cells: [cell(n, hrefOf(name))],
        csv: [name, n],
      })),
      total: null,
      csvHeader: [id === 'categories' ? 'category' : 'service', 'incidents'],
    },
  };
}

export function categoryChart(insights: Insights, scope: ChartScope): InsightChart {
  const all = windowSpan(insights.series, scope.timeZone);
  // "uncategorized" is no category the list can filter by.
  return ranked('categories', insights, scope, insights.stats.byCategory, (name) =>
    name === UNCATEGORIZED ? null : incidentsHref(all, scope, [['category', name]]),
  );
}

export function serviceChart(insights: Insights, scope: ChartScope): InsightChart {
  const all = windowSpan(insights.series, scope.timeZone);
  // Within one service's page, another service's incidents are those tagged with both.
  const hrefOf = (name: string) =>
    scope.service === null || scope.service === name
      ? incidentsHref(all, { ...scope, service: name })
      : incidentsHref(all, { ...scope, service: name }, [['tag', `service:${scope.service}`]]);
  return ranked('services', insights, scope, insights.stats.byService, hrefOf);
}
