import { formatDuration } from '../../domain/durations.ts';
import type { Bucket } from '../../domain/stats/buckets.ts';
import { DETECTION_SOURCES } from '../../domain/stats/series.ts';
import type { Summary } from '../../domain/stats/statistics.ts';
import { SEVERITIES } from '../../domain/types.ts';
import type { Insights } from '../../usecases/insights.ts';
import { stackedBarChart } from '../charts/bar-chart.ts';
import { lineChart } from '../charts/line-chart.ts';
import {
  type ChartScope,
  type DaySpan,
  type InsightChart,
  incidentsHref,
  windowSpan,
} from './insights-links.ts';
import { type Cell, cell, type DataRow, type DataTable } from './insights-table.ts';

// The charts over time: incidents per week by severity, TTD/TTM/TTR per month, who detected per
// month, follow-ups per month. Each is its picture and its data table (CSV) from the same numbers.

const SEVERITY_COLORS = { sev1: '#a8071a', sev2: '#b54708', sev3: '#b08900', sev4: '#3b5b8c' };
const DETECTION_COLORS = { monitoring: '#3b5b8c', person: '#1e6b3a', customer: '#b54708' };

/** A count linking to the incidents behind it; a zero links nowhere (there is nothing to see). */
function countCell(n: number, href: string): Cell {
  return cell(n, n === 0 ? null : href);
}

const span = (b: Bucket) => `${b.from} to ${b.to}`;

export function severityChart(insights: Insights, scope: ChartScope): InsightChart {
  const { stats, series } = insights;
  const weeks = series.weeks;
  const rows: DataRow[] = weeks.map((w) => ({
    head: `${w.bucket.key} (${span(w.bucket)})`,
    cells: [
      ...SEVERITIES.map((s) =>
        countCell(w.bySeverity[s], incidentsHref(w.bucket, scope, [['severity', s]])),
      ),
      countCell(w.total, incidentsHref(w.bucket, scope)),
    ],
    csv: [
      w.bucket.key,
      w.bucket.from,
      w.bucket.to,
      ...SEVERITIES.map((s) => w.bySeverity[s]),
      w.total,
    ],
  }));
  const all = windowSpan(series, scope.timeZone);
  const total: DataRow = {
    head: 'Whole window',
    cells: [
      ...SEVERITIES.map((s) =>
        countCell(stats.bySeverity[s], incidentsHref(all, scope, [['severity', s]])),
      ),
      countCell(stats.incidents, incidentsHref(all, scope)),
    ],
    csv: [
      'total',
      all.from,
      all.to,
      ...SEVERITIES.map((s) => stats.bySeverity[s]),
      stats.incidents,
    ],
  };
  const busiest = weeks.reduce<(typeof weeks)[number] | null>(
    (best, w) => (best === null || w.total > best.total ? w : best),
    null,
  );
  const title = 'Incidents per week by severity';
  return {
    id: 'incidents-by-severity',
    heading: title,
    svg: stackedBarChart({
      id: 'chart-incidents-by-severity',
      title,
      desc: `${weeks.length} weekly columns from ${all.from} to ${all.to}, each stacked by severity: ${stats.incidents} incidents in all (${SEVERITIES.map((s) => `${s} ${stats.bySeverity[s]}`).join(', ')}).${busiest && busiest.total > 0 ? ` The busiest week was ${busiest.bucket.key} with ${busiest.total}.` : ''} The table below has every number.`,
      labels: weeks.map((w) => w.bucket.from.slice(5)),
      series: SEVERITIES.map((s) => ({
        name: s,
        color: SEVERITY_COLORS[s],
        values: weeks.map((w) => w.bySeverity[s]),
      })),
    }),
    table: {
      caption: `Incidents declared per week (weeks from Monday, ${scope.timeZone}), by severity`,
      columns: ['Week', ...SEVERITIES, 'Total'],
      rows,
      total,
      csvHeader: ['week', 'from', 'to', ...SEVERITIES, 'total'],
    },
  };
}

type Metric = 'ttdMs' | 'ttmMs' | 'ttrMs';
const METRICS: Record<Metric, { id: string; name: string; long: string }> = {
  ttdMs: { id: 'ttd', name: 'TTD', long: 'time to detect' },
  ttmMs: { id: 'ttm', name: 'TTM', long: 'time to mitigate' },
  ttrMs: { id: 'ttr', name: 'TTR', long: 'time to resolve' },
};

const duration = (ms: number | null) => (ms === null ? '–' : formatDuration(ms));

function summaryRow(head: string, s: Summary, href: string, csvHead: string[]): DataRow {
  return {
    head,
    cells: [
      cell(duration(s.median), s.n === 0 ? null : href),
      cell(duration(s.p90), s.n === 0 ? null : href),
      countCell(s.n, href),
    ],
    csv: [...csvHead, s.median, s.p90, s.n],
  };
}

export function timeChart(metric: Metric, insights: Insights, scope: ChartScope): InsightChart {
  const { stats, series } = insights;
  const { id, name, long } = METRICS[metric];
  const months = series.months.times;
  const all = windowSpan(series, scope.timeZone);
  const whole = stats[metric];
  const title = `${name} (${long}) per month: median and p90`;
  const table: DataTable = {
    caption: `${name} per month of declaration (${scope.timeZone}); n: incidents it is known for`,
    columns: ['Month', 'Median', 'p90', 'n'],
    rows: months.map((m) =>
      summaryRow(`${m.bucket.key} (${span(m.bucket)})`, m[metric], incidentsHref(m.bucket, scope), [
        m.bucket.key,
        m.bucket.from,
        m.bucket.to,
      ]),
    ),
    total: summaryRow('Whole window', whole, incidentsHref(all, scope), [
      'total',
      all.from,
      all.to,
    ]),
    csvHeader: ['month', 'from', 'to', 'median_ms', 'p90_ms', 'n'],
  };
  return {
    id,
    heading: title,
    svg: lineChart({
      id: `chart-${id}`,
      title,
      desc: `Median and p90 of ${name} for the incidents declared in each month from ${all.from} to ${all.to}; over the whole window median ${duration(whole.median)}, p90 ${duration(whole.p90)} (n=${whole.n}). Months without a known ${name} have no point. The table below has every number.`,
      labels: months.map((m) => m.bucket.key),
      kind: 'duration',
      format: formatDuration,
      series: [
        { name: 'median', color: '#0b57b5', values: months.map((m) => m[metric].median) },
        { name: 'p90', color: '#a8071a', values: months.map((m) => m[metric].p90), dashed: true },
      ],
    }),
    table,
  };
}

export function detectionChart(insights: Insights, scope: ChartScope): InsightChart {
  const { stats, series } = insights;
  const months = series.months.detection;
  const all = windowSpan(series, scope.timeZone);
  const row = (
    head: string,
    counts: Record<string, number>,
    b: DaySpan,
    csvHead: string[],
  ): DataRow => {
    const total = DETECTION_SOURCES.reduce((n, s) => n + (counts[s] ?? 0), 0);
    return {
      head,
      cells: [
        ...DETECTION_SOURCES.map((s) =>
          countCell(counts[s] ?? 0, incidentsHref(b, scope, [['detected', s]])),
        ),
        countCell(total, incidentsHref(b, scope)),
      ],
      csv: [...csvHead, ...DETECTION_SOURCES.map((s) => counts[s] ?? 0), total],
    };
  };
  const title = 'Who detected, per month';
  return {
    id: 'detection',
    heading: title,
    svg: stackedBarChart({
      id: 'chart-detection',
      title,
      desc: `Monthly columns from ${all.from} to ${all.to}, stacked by who detected the incident: ${DETECTION_SOURCES.map((s) => `${s} ${stats.detectedBy[s]}`).join(', ')} in all. The table below has every number.`,
      labels: months.map((m) => m.bucket.key),
      series: DETECTION_SOURCES.map((s) => ({
        name: s,
        color: DETECTION_COLORS[s],
        values: months.map((m) => m.detectedBy[s]),
      })),
    }),
    table: {
      caption: `Incidents per month of declaration (${scope.timeZone}), by who detected them`,
      columns: ['Month', ...DETECTION_SOURCES, 'Total'],
      rows: months.map((m) =>
        row(`${m.bucket.key} (${span(m.bucket)})`, m.detectedBy, m.bucket, [
          m.bucket.key,
          m.bucket.from,
          m.bucket.to,
        ]),
      ),
      total: row('Whole window', stats.detectedBy, all, ['total', all.from, all.to]),
      csvHeader: ['month', 'from', 'to', ...DETECTION_SOURCES, 'total'],
    },
  };
}
