import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketsOf } from '../../../src/domain/stats/buckets.ts';
import { computeStats, selectIncidents } from '../../../src/domain/stats/compute.ts';
import type { StatsIncident } from '../../../src/domain/stats/model.ts';
import { insightSeries } from '../../../src/domain/stats/series.ts';
import { anAction, anIncident } from '../builders.ts';

const DAY = 86_400_000;
const utc = (month: number, day: number, hour = 12) => Date.UTC(2026, month - 1, day, hour);
// Wednesday 2026-04-15 12:00 UTC.
const NOW = utc(4, 15);

function anEntry(overrides: Partial<StatsIncident> = {}): StatsIncident {
  const { id, channelId, channelName, title, severity } = anIncident();
  return {
    id,
    channelId,
    channelName,
    title,
    severity,
    isPrivate: false,
    declaredAt: NOW - DAY,
    ttdMs: 60_000,
    ttmMs: 600_000,
    ttrMs: 3_600_000,
    detectedBy: 'monitoring',
    category: 'deploy',
    services: ['checkout'],
    alertNames: [],
    postmortemState: 'draft',
    followUps: [],
    ...overrides,
  };
}

describe('bucketsOf', () => {
  it('cuts ISO weeks to the window and names their first and last local day', () => {
    // Thursday 2026-01-01 06:00 to Wednesday 2026-01-14 12:00, UTC.
    const weeks = bucketsOf('week', utc(1, 1, 6), utc(1, 14), 'UTC');
    expect(weeks.map((w) => [w.key, w.from, w.to])).toEqual([
      ['2026-W01', '2026-01-01', '2026-01-04'],
      ['2026-W02', '2026-01-05', '2026-01-11'],
      ['2026-W03', '2026-01-12', '2026-01-14'],
    ]);
    expect(weeks[0]?.start).toBe(utc(1, 1, 6));
    expect(weeks[1]?.start).toBe(utc(1, 5, 0));
    expect(weeks[2]?.end).toBe(utc(1, 14));
  });

  it('starts weeks and months at local midnight across a daylight-saving change', () => {
    const zone = 'America/New_York';
    // 2026-03-08 is the change in New York: the week of March 9 starts at 04:00 UTC, not 05:00.
    const weeks = bucketsOf('week', utc(3, 2, 5), utc(3, 16, 4), zone);
    expect(weeks.map((w) => [w.key, w.start])).toEqual([
      ['2026-W10', utc(3, 2, 5)],
      ['2026-W11', utc(3, 9, 4)],
    ]);
    const months = bucketsOf('month', utc(2, 10), utc(4, 2), zone);
    expect(months.map((m) => [m.key, m.from, m.to])).toEqual([
      ['2026-02', '2026-02-10', '2026-02-28'],
      ['2026-03', '2026-03-01', '2026-03-31'],
      ['2026-04', '2026-04-01', '2026-04-02'],
    ]);
    expect(months[1]?.start).toBe(utc(3, 1, 5));
    expect(months[2]?.start).toBe(utc(4, 1, 4));
  });

  it('is empty for an empty span, and finds the bucket of a time', () => {
    expect(bucketsOf('month', NOW, NOW, 'UTC')).toEqual([]);
    const months = bucketsOf('month', utc(1, 10), NOW, 'UTC');
    expect(bucketIndex(months, utc(1, 10))).toBe(0);
    expect(bucketIndex(months, utc(2, 1, 0) - 1)).toBe(0);
    expect(bucketIndex(months, utc(2, 1, 0))).toBe(1);
    expect(bucketIndex(months, utc(4, 14))).toBe(3);
    expect(bucketIndex(months, utc(1, 1))).toBe(0);
  });
});

describe('insightSeries', () => {
  const request = { since: utc(1, 15), until: NOW, now: NOW, timeZone: 'UTC' };

  it('counts incidents per week by severity, adding up to the window total', () => {
    const incidents = [
      anEntry({ id: 1, severity: 'sev1', declaredAt: utc(1, 15, 13) }),
      anEntry({ id: 2, severity: 'sev2', declaredAt: utc(1, 18) }),
      anEntry({ id: 3, severity: 'sev2', declaredAt: utc(1, 19, 0) }),
      anEntry({ id: 4, severity: 'sev4', declaredAt: utc(4, 15, 11) }),
    ];
    const series = insightSeries(incidents, request);
    const counted = series.weeks.filter((w) => w.total > 0);
    expect(counted.map((w) => [w.bucket.key, w.bySeverity, w.total])).toEqual([
      ['2026-W03', { sev1: 1, sev2: 1, sev3: 0, sev4: 0 }, 2],
      ['2026-W04', { sev1: 0, sev2: 1, sev3: 0, sev4: 0 }, 1],
      ['2026-W16', { sev1: 0, sev2: 0, sev3: 0, sev4: 1 }, 1],
    ]);
    expect(series.weeks).toHaveLength(14);
    expect(series.weeks.reduce((n, w) => n + w.total, 0)).toBe(4);
  });

  it('takes TTD, TTM and TTR median and p90 per month as the stats do', () => {
    const minutes = (m: number) => m * 60_000;
    const incidents = [
      anEntry({ id: 1, declaredAt: utc(2, 2), ttdMs: minutes(1), ttmMs: minutes(10) }),
      anEntry({ id: 2, declaredAt: utc(2, 3), ttdMs: minutes(3), ttmMs: null, ttrMs: null }),
      anEntry({ id: 3, declaredAt: utc(2, 20), ttdMs: minutes(10), ttmMs: minutes(30) }),
      anEntry({ id: 4, declaredAt: utc(3, 5), ttdMs: null }),
    ];
    const months = insightSeries(incidents, request).months.times;
    expect(months.map((m) => m.bucket.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(months[0]?.ttdMs).toEqual({ median: null, p90: null, n: 0 });
    expect(months[1]?.ttdMs).toEqual({ median: minutes(3), p90: minutes(10), n: 3 });
    expect(months[1]?.ttmMs).toEqual({ median: minutes(20), p90: minutes(30), n: 2 });
    expect(months[2]?.ttdMs.n).toBe(0);
    expect(months[2]?.ttrMs).toEqual({ median: 3_600_000, p90: 3_600_000, n: 1 });
  });

  it('counts who detected per month', () => {
    const incidents = [
      anEntry({ id: 1, declaredAt: utc(1, 20), detectedBy: 'customer' }),
      anEntry({ id: 2, declaredAt: utc(3, 2), detectedBy: 'person' }),
      anEntry({ id: 3, declaredAt: utc(3, 3), detectedBy: 'person' }),
    ];
    const detection = insightSeries(incidents, request).months.detection;
    expect(detection.map((m) => m.detectedBy)).toEqual([
      { monitoring: 0, person: 0, customer: 1 },
      { monitoring: 0, person: 0, customer: 0 },
      { monitoring: 0, person: 2, customer: 0 },
      { monitoring: 0, person: 0, customer: 0 },
    ]);
  });

  it('counts follow-ups opened, closed and overdue at each month end; now ends the last', () => {
    const followUps = [
      // Due in February, still open: overdue at the end of February, March and now.
      anAction({ id: 1, createdAt: utc(1, 20), dueDate: '2026-02-10' }),
      // Due 2026-03-31 and done on 2026-04-02: overdue only at the end of March.
      anAction({
        id: 2,
        createdAt: utc(2, 2),
        dueDate: '2026-03-31',
        status: 'done',
        closedAt: utc(4, 2),
      }),
      // Dropped in February before it was due: never overdue.
      anAction({
        id: 3,
        createdAt: utc(2, 2),
        dueDate: '2026-03-01',
        status: 'dropped',
        closedAt: utc(2, 5),
      }),
      // No due date: never overdue.
      anAction({ id: 4, createdAt: utc(3, 3), dueDate: null }),
    ];
    const incidents = [anEntry({ declaredAt: utc(1, 20), followUps })];
    const series = insightSeries(incidents, request);
    expect(
      series.months.followUps.map((m) => [m.bucket.key, m.opened, m.closed, m.overdue]),
    ).toEqual([
      ['2026-01', 1, 0, 0],
      ['2026-02', 2, 1, 1],
      ['2026-03', 1, 0, 2],
      ['2026-04', 0, 1, 1],
    ]);
    // The last month's overdue is the stats' own overdue count, taken now.
    const stats = computeStats(incidents, { ...request, window: '90d', service: null });
    expect(stats.followUps.overdue).toBe(1);
    expect(stats.followUps.open + stats.followUps.done + stats.followUps.dropped).toBe(4);
  });

  it('draws `all` from the first incident declared, and nothing without incidents', () => {
    const incidents = [anEntry({ declaredAt: utc(3, 30) }), anEntry({ declaredAt: utc(4, 1) })];
    const series = insightSeries(incidents, { ...request, since: null });
    expect(series.since).toBe(utc(3, 30));
    expect(series.months.times.map((m) => m.bucket.from)).toEqual(['2026-03-30', '2026-04-01']);
    const none = insightSeries([], { ...request, since: null });
    expect(none.weeks).toEqual([]);
    expect(none.months.followUps).toEqual([]);
  });

  it('counts exactly the incidents the stats select', () => {
    const all = [
      anEntry({ id: 1, declaredAt: utc(1, 14), services: ['checkout'] }),
      anEntry({ id: 2, declaredAt: utc(2, 1), services: ['checkout'] }),
      anEntry({ id: 3, declaredAt: utc(2, 2), services: ['search'] }),
    ];
    const selected = selectIncidents(all, { ...request, service: 'checkout' });
    expect(selected.map((i) => i.id)).toEqual([2]);
    const stats = computeStats(all, { ...request, window: '90d', service: 'checkout' });
    const series = insightSeries(selected, request);
    expect(series.weeks.reduce((n, w) => n + w.total, 0)).toBe(stats.incidents);
  });
});
