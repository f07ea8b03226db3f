import { formatDay } from './time-format.ts';
import { SEVERITIES, type Severity } from './types.ts';

// The public reports' history per service (docs/public-reports.md): one bar per calendar day in
// the bot's zone, green when no published incident touched the service that day, else the worst
// severity among those that did.

export const HISTORY_DAYS = 90;

/** A published incident as the history needs it; `title` is already fit to be shown publicly. */
export interface HistoryIncident {
  readonly id: number;
  readonly title: string;
  readonly severity: Severity;
  readonly declaredAt: number;
  /** Null while it is open: then it counts up to today. */
  readonly resolvedAt: number | null;
  /** Lower-case service names; none puts the incident in the row for no named service. */
  readonly services: readonly string[];
}

export interface HistoryDay {
  /** `2026-11-03`, a calendar day in the zone. */
  readonly day: string;
  /** Incidents active that day, the worst first (ties: declared earlier, then lower id). */
  readonly incidents: readonly HistoryIncident[];
  /** The worst severity among them; null: no incident that day. */
  readonly worst: Severity | null;
}

export interface ServiceHistory {
  /** Null for incidents that named no service. */
  readonly service: string | null;
  /** Oldest first, ending today. */
  readonly days: readonly HistoryDay[];
}

export interface HistoryOptions {
  readonly now: number;
  readonly timeZone: string;
  readonly days?: number;
  /**
   * Services that get a row even with no incident passed in: every service named by a published
   * report, when only the window's incidents are passed in.
   */
  readonly services?: readonly string[];
}

/**
 * One row per service named by any of the incidents (by name), plus a last row for incidents
 * that named none when such an incident falls inside the window. An incident is active on every
 * day from the day it was declared to the day it was resolved, both counted in the zone, so one
 * resolved after midnight marks two days.
 */
export function serviceHistories(
  incidents: readonly HistoryIncident[],
  options: HistoryOptions,
): ServiceHistory[] {
  const days = calendarDays(options.now, options.timeZone, options.days ?? HISTORY_DAYS);
  const first = days[0] ?? '';
  const last = days.at(-1) ?? '';
  const spans = incidents.map((incident) => ({
    incident,
    from: formatDay(incident.declaredAt, options.timeZone),
    to: formatDay(incident.resolvedAt ?? options.now, options.timeZone),
  }));
  const inWindow = spans.filter((s) => s.from <= last && s.to >= first);
  const services = [
    ...new Set([...(options.services ?? []), ...incidents.flatMap((i) => i.services)]),
  ].sort();
  const rows: Array<string | null> = inWindow.some((s) => s.incident.services.length === 0)
    ? [...services, null]
    : services;
  return rows.map((service) => {
    const mine = inWindow.filter((s) =>
      service === null ? s.incident.services.length === 0 : s.incident.services.includes(service),
    );
    return {
      service,
      days: days.map((day) => {
        const active = mine
          .filter((s) => s.from <= day && day <= s.to)
          .map((s) => s.incident)
          .sort(worstFirst);
        return { day, incidents: active, worst: active[0]?.severity ?? null };
      }),
    };
  });
}

/**
 * The `count` calendar days ending today in the zone, oldest first, as `yyyy-MM-dd`. Counted on
 * the calendar itself (UTC date arithmetic on today's date), so a daylight-saving change, a
 * 23- or 25-hour day, neither skips nor repeats a day.
 */
export function calendarDays(now: number, timeZone: string, count: number): string[] {
  const [year, month, day] = formatDay(now, timeZone).split('-').map(Number);
  const out: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) - back));
    out.push(date.toISOString().slice(0, 10));
  }
  return out;
}

function worstFirst(a: HistoryIncident, b: HistoryIncident): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    a.declaredAt - b.declaredAt ||
    a.id - b.id
  );
}
