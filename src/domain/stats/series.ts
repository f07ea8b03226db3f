import { localDay } from '../reminders.ts';
import { type ActionItem, type DetectionSource, SEVERITIES, type Severity } from '../types.ts';
import { type Bucket, bucketIndex, bucketsOf } from './buckets.ts';
import type { StatsIncident } from './model.ts';
import { type Summary, summarize } from './statistics.ts';

// The numbers of `scribe stats` with a time dimension added, for the insights charts: the same
// incidents (computeStats' selection) and the same definitions (docs/stats.md), counted per
// calendar week or month in SCRIBE_TIMEZONE. Summed over the buckets they give the window's totals.

export const DETECTION_SOURCES: readonly DetectionSource[] = ['monitoring', 'person', 'customer'];

export interface SeverityWeek {
  bucket: Bucket;
  bySeverity: Record<Severity, number>;
  total: number;
}

export interface TimesMonth {
  bucket: Bucket;
  ttdMs: Summary;
  ttmMs: Summary;
  ttrMs: Summary;
}

export interface DetectionMonth {
  bucket: Bucket;
  detectedBy: Record<DetectionSource, number>;
}

export interface FollowUpMonth {
  bucket: Bucket;
  /** Created in the month. */
  opened: number;
  /** Done or dropped in the month. */
  closed: number;
  /** Open at the month's end (now, for the current month) with its due date before that day. */
  overdue: number;
}

export interface InsightSeries {
  /** The span drawn: the window's, or for `all` from the first incident declared. */
  since: number;
  until: number;
  weeks: SeverityWeek[];
  months: { times: TimesMonth[]; detection: DetectionMonth[]; followUps: FollowUpMonth[] };
}

export interface SeriesRequest {
  /** The window's start; null for `all`. */
  since: number | null;
  until: number;
  now: number;
  timeZone: string;
}

/** `incidents` are those the stats counted (selectIncidents); the series spread them over time. */
export function insightSeries(
  incidents: readonly StatsIncident[],
  request: SeriesRequest,
): InsightSeries {
  const { until, timeZone } = request;
  const since = request.since ?? incidents.reduce((min, i) => Math.min(min, i.declaredAt), until);
  const weeks = bucketsOf('week', since, until, timeZone);
  const months = bucketsOf('month', since, until, timeZone);
  const weekly = weeks.map((bucket) => ({ bucket, bySeverity: severityZeros(), total: 0 }));
  const monthly = months.map(() => [] as StatsIncident[]);
  for (const i of incidents) {
    const week = weekly[bucketIndex(weeks, i.declaredAt)];
    if (week) {
      week.bySeverity[i.severity] += 1;
      week.total += 1;
    }
    monthly[bucketIndex(months, i.declaredAt)]?.push(i);
  }
  return {
    since,
    until,
    weeks: weekly,
    months: {
      times: months.map((bucket, k) => timesOf(bucket, monthly[k] ?? [])),
      detection: months.map((bucket, k) => ({
        bucket,
        detectedBy: detectionOf(monthly[k] ?? []),
      })),
      followUps: followUpsOf(
        months,
        incidents.flatMap((i) => i.followUps),
        request.now,
        timeZone,
      ),
    },
  };
}

function severityZeros(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

function timesOf(bucket: Bucket, incidents: readonly StatsIncident[]): TimesMonth {
  return {
    bucket,
    ttdMs: summarize(incidents.map((i) => i.ttdMs)),
    ttmMs: summarize(incidents.map((i) => i.ttmMs)),
    ttrMs: summarize(incidents.map((i) => i.ttrMs)),
  };
}

function detectionOf(incidents: readonly StatsIncident[]): Record<DetectionSource, number> {
  const counts = { monitoring: 0, person: 0, customer: 0 };
  for (const i of incidents) counts[i.detectedBy] += 1;
  return counts;
}

function followUpsOf(
  months: readonly Bucket[],
  followUps: readonly ActionItem[],
  now: number,
  timeZone: string,
): FollowUpMonth[] {
  const rows = months.map((bucket) => ({ bucket, opened: 0, closed: 0, overdue: 0 }));
  if (rows.length === 0) return rows;
  for (const a of followUps) {
    // A follow-up made before its incident was declared (an import) counts in the first month.
    (rows[bucketIndex(months, a.createdAt)] as FollowUpMonth).opened += 1;
    if (a.status !== 'open' && a.closedAt !== null) {
      (rows[bucketIndex(months, a.closedAt)] as FollowUpMonth).closed += 1;
    }
  }
  for (const row of rows) {
    // The current month ends now, where this is exactly `scribe stats`' overdue count.
    const at = Math.min(row.bucket.end, now);
    const day = localDay(at, timeZone);
    row.overdue = followUps.filter((a) => overdueAt(a, at, day)).length;
  }
  return rows;
}

/**
 * Overdue at `at` (whose local day is `day`): made by then, still open then, its due date before
 * that day. The due date is today's: one moved later is judged by where it stands now.
 */
function overdueAt(a: ActionItem, at: number, day: string): boolean {
  const openThen = a.status === 'open' || (a.closedAt !== null && a.closedAt > at);
  return a.createdAt <= at && openThen && a.dueDate !== null && a.dueDate < day;
}
