import { describe, expect, it } from 'vitest';
import {
  calendarDays,
  type HistoryIncident,
  serviceHistories,
} from '../../src/domain/service-history.ts';

// Tuesday 3 November 2026, 12:00 UTC.
const NOW = Date.UTC(2026, 10, 3, 12, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function incident(overrides: Partial<HistoryIncident> & { id: number }): HistoryIncident {
  return {
    title: `Incident ${overrides.id}`,
    severity: 'sev3',
    declaredAt: NOW - 2 * HOUR,
    resolvedAt: NOW - HOUR,
    services: ['checkout'],
    ...overrides,
  };
}

function marked(
  incidents: HistoryIncident[],
  timeZone = 'UTC',
  service: string | null = 'checkout',
) {
  const row = serviceHistories(incidents, { now: NOW, timeZone }).find(
    (r) => r.service === service,
  );
  return (row?.days ?? [])
    .filter((d) => d.worst !== null)
    .map((d) => ({ day: d.day, worst: d.worst, ids: d.incidents.map((i) => i.id) }));
}

describe('calendarDays', () => {
  it('gives 90 days ending today in the zone, oldest first', () => {
    const days = calendarDays(NOW, 'UTC', 90);
    expect(days).toHaveLength(90);
    expect(days.at(-1)).toBe('2026-11-03');
    expect(days[0]).toBe('2026-08-06');
  });

  it('takes today from the zone, not from UTC', () => {
    // 23:30 UTC on 3 November is already 4 November in Auckland and still 3 November in LA.
    const late = Date.UTC(2026, 10, 3, 23, 30);
    expect(calendarDays(late, 'Pacific/Auckland', 2)).toEqual(['2026-11-03', '2026-11-04']);
    expect(calendarDays(late, 'America/Los_Angeles', 2)).toEqual(['2026-11-02', '2026-11-03']);
  });

  it('neither skips nor repeats a day across daylight-saving changes', () => {
    // Berlin leaves summer time on 25 October 2026, a 25-hour day.
    const days = calendarDays(NOW, 'Europe/Berlin', 20);
    expect(new Set(days).size).toBe(20);
    expect(days).toContain('2026-10-25');
    expect(days.slice(9, 12)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
  });
});

describe('serviceHistories', () => {
  it('has a green day (no incident) for every day without one', () => {
    const [row] = serviceHistories([incident({ id: 1 })], { now: NOW, timeZone: 'UTC' });
    expect(row?.service).toBe('checkout');
    expect(row?.days).toHaveLength(90);
    expect(row?.days.filter((d) => d.worst === null)).toHaveLength(89);
    expect(row?.days.at(-1)).toMatchObject({ day: '2026-11-03', worst: 'sev3' });
  });

  it('shows the worst severity of the day, the worst incident first', () => {
    const incidents = [
      incident({ id: 1, severity: 'sev3', declaredAt: NOW - 5 * HOUR }),
      incident({ id: 2, severity: 'sev1', declaredAt: NOW - 3 * HOUR }),
      incident({ id: 3, severity: 'sev1', declaredAt: NOW - 4 * HOUR }),
    ];
    expect(marked(incidents)).toEqual([{ day: '2026-11-03', worst: 'sev1', ids: [3, 2, 1] }]);
  });

  it('marks every day from the declared day to the resolved day, resolved next day included', () => {
    const overnight = incident({
      id: 1,
      declaredAt: Date.UTC(2026, 9, 30, 23, 0),
      resolvedAt: Date.UTC(2026, 9, 31, 1, 0),
    });
    expect(marked([overnight]).map((d) => d.day)).toEqual(['2026-10-30', '2026-10-31']);
    const long = incident({
      id: 2,
      declaredAt: Date.UTC(2026, 9, 28, 10, 0),
      resolvedAt: Date.UTC(2026, 9, 31, 9, 0),
    });
    expect(marked([long]).map((d) => d.day)).toEqual([
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
    ]);
  });

  it('counts days in the zone: one UTC day can be two local days', () => {
    const evening = incident({
      id: 1,
      declaredAt: Date.UTC(2026, 9, 30, 22, 30),
      resolvedAt: Date.UTC(2026, 9, 30, 23, 30),
    });
    expect(marked([evening], 'UTC').map((d) => d.day)).toEqual(['2026-10-30']);
    // Berlin is UTC+1 in November: 23:30 and 00:30.
    expect(marked([evening], 'Europe/Berlin').map((d) => d.day)).toEqual([
      '2026-10-30',
      '2026-10-31',
    ]);
  });

  it('counts an open incident up to today', () => {
    const open = incident({ id: 1, declaredAt: NOW - 2 * DAY, resolvedAt: null });
    expect(marked([open]).map((d) => d.day)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
  });

  it('keeps the window to 90 days: the first day in, the day before out, a straddler clipped', () => {
    const firstDay = Date.UTC(2026, 7, 6, 12, 0); // 2026-08-06, 89 days before today
    const onFirst = incident({ id: 1, declaredAt: firstDay, resolvedAt: firstDay + HOUR });
    const before = incident({
      id: 2,
      declaredAt: firstDay - DAY,
      resolvedAt: firstDay - DAY + HOUR,
    });
    const straddling = incident({
      id: 3,
      declaredAt: firstDay - 3 * DAY,
      resolvedAt: firstDay + DAY,
    });
    expect(marked([onFirst])).toEqual([{ day: '2026-08-06', worst: 'sev3', ids: [1] }]);
    expect(marked([before])).toEqual([]);
    expect(marked([straddling]).map((d) => d.day)).toEqual(['2026-08-06', '2026-08-07']);
  });

  it('leaves out an incident declared after now', () => {
    const later = incident({ id: 1, declaredAt: NOW + DAY, resolvedAt: NOW + 2 * DAY });
    expect(marked([later])).toEqual([]);
  });

  it('has a row per service, by name, each incident in each of its services', () => {
    const both = incident({ id: 1, services: ['search', 'checkout'] });
    // An incident long ago still names its service: the row is there, all green.
    const old = incident({
      id: 2,
      services: ['ledger'],
      declaredAt: NOW - 200 * DAY,
      resolvedAt: NOW - 199 * DAY,
    });
    const rows = serviceHistories([both, old], { now: NOW, timeZone: 'UTC' });
    expect(rows.map((r) => r.service)).toEqual(['checkout', 'ledger', 'search']);
    expect(rows[1]?.days.every((d) => d.worst === null)).toBe(true);
    expect(marked([both, old], 'UTC', 'search')).toEqual([
      { day: '2026-11-03', worst: 'sev3', ids: [1] },
    ]);
    expect(marked([both, old], 'UTC', 'checkout')).toEqual([
      { day: '2026-11-03', worst: 'sev3', ids: [1] },
    ]);
  });

  it('puts incidents that named no service in a last row, only when one is in the window', () => {
    const none = incident({ id: 1, services: [] });
    const rows = serviceHistories([incident({ id: 2 }), none], { now: NOW, timeZone: 'UTC' });
    expect(rows.map((r) => r.service)).toEqual(['checkout', null]);
    expect(marked([none], 'UTC', null)).toEqual([{ day: '2026-11-03', worst: 'sev3', ids: [1] }]);
    const oldNone = incident({
      id: 3,
      services: [],
      declaredAt: NOW - 100 * DAY,
      resolvedAt: NOW - 99 * DAY,
    });
    expect(serviceHistories([oldNone], { now: NOW, timeZone: 'UTC' })).toEqual([]);
  });

  it('is empty without incidents', () => {
    expect(serviceHistories([], { now: NOW, timeZone: 'UTC' })).toEqual([]);
  });
});
