import { localDay } from '../reminders.ts';
import { type ActionItem, SEVERITIES, type Severity } from '../types.ts';
import { localDayIn } from './local-day.ts';
import type { FollowUpCounts, IncidentStats, NamedCount, StatsIncident } from './model.ts';
import { summarize } from './statistics.ts';

/** The key of incidents nobody has put in a category yet. */
export const UNCATEGORIZED = 'uncategorized';

export interface StatsRequest {
  window: string;
  since: number | null;
  until: number;
  /** Only incidents tagged with this service (lower case); null: all. */
  service: string | null;
  now: number;
  timeZone: string;
}

/** The incidents a request counts: declared in [since, until), of the service if one is given. */
export function selectIncidents(
  all: readonly StatsIncident[],
  request: Pick<StatsRequest, 'since' | 'until' | 'service'>,
): StatsIncident[] {
  return all.filter(
    (i) =>
      (request.since === null || i.declaredAt >= request.since) &&
      i.declaredAt < request.until &&
      (request.service === null || i.services.includes(request.service)),
  );
}

/** Definitions: docs/stats.md. `incidents` are those declared in [since, until). */
export function computeStats(all: readonly StatsIncident[], request: StatsRequest): IncidentStats {
  const incidents = selectIncidents(all, request);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byCategory: Record<string, number> = {};
  const detectedBy = { monitoring: 0, person: 0, customer: 0 };
  for (const i of incidents) {
    bySeverity[i.severity] += 1;
    const category = i.category ?? UNCATEGORIZED;
    byCategory[category] = (byCategory[category] ?? 0) + 1;
    detectedBy[i.detectedBy] += 1;
  }
  return {
    window: request.window,
    since: request.since,
    until: request.until,
    service: request.service,
    incidents: incidents.length,
    bySeverity,
    byCategory: sortedRecord(byCategory),
    byService: Object.fromEntries(
      shownNames(incidents, (i) => i.services, 1).map((c) => [c.name, c.incidents]),
    ),
    ttdMs: summarize(incidents.map((i) => i.ttdMs)),
    ttmMs: summarize(incidents.map((i) => i.ttmMs)),
    ttrMs: summarize(incidents.map((i) => i.ttrMs)),
    detectedBy,
    followUps: countFollowUps(
      incidents.flatMap((i) => i.followUps),
      request.now,
      request.timeZone,
    ),
    recurringAlerts: shownNames(incidents, (i) => i.alertNames, 2),
    privateIncidents: incidents.filter((i) => i.isPrivate).length,
  };
}

/**
 * Names (services, alerts) carried by at least `min` incidents, most incidents first. A name only
 * private incidents carry is left out: it is their content, and must not leave their channels.
 */
export function shownNames(
  incidents: readonly StatsIncident[],
  namesOf: (i: StatsIncident) => readonly string[],
  min: number,
): NamedCount[] {
  const counts = new Map<string, { incidents: number; public: boolean }>();
  for (const i of incidents) {
    for (const name of new Set(namesOf(i))) {
      const c = counts.get(name) ?? { incidents: 0, public: false };
      c.incidents += 1;
      c.public ||= !i.isPrivate;
      counts.set(name, c);
    }
  }
  return [...counts]
    .filter(([, c]) => c.public && c.incidents >= min)
    .map(([name, c]) => ({ name, incidents: c.incidents }))
    .sort((a, b) => b.incidents - a.incidents || a.name.localeCompare(b.name));
}

export function isOverdue(a: ActionItem, now: number, timeZone: string): boolean {
  return a.status === 'open' && a.dueDate !== null && a.dueDate < localDay(now, timeZone);
}

/** Done by the end of its due date, as a calendar day in the zone. */
export function doneOnTime(a: ActionItem, timeZone: string): boolean {
  return (
    a.status === 'done' &&
    a.dueDate !== null &&
    a.closedAt !== null &&
    localDay(a.closedAt, timeZone) <= a.dueDate
  );
}

export function countFollowUps(
  followUps: readonly ActionItem[],
  now: number,
  timeZone: string,
): FollowUpCounts {
  // Thousands of follow-ups over a long window: today is worked out once, and each close time's
  // day by one cached formatter (local-day.ts), not a date library call per follow-up.
  const dayOf = localDayIn(timeZone);
  const today = dayOf(now);
  let open = 0;
  let done = 0;
  let dropped = 0;
  let overdue = 0;
  let dated = 0;
  let onTime = 0;
  for (const a of followUps) {
    if (a.status === 'open') {
      open += 1;
      if (a.dueDate !== null && a.dueDate < today) overdue += 1;
    } else if (a.status === 'dropped') {
      dropped += 1;
    } else if (a.status === 'done') {
      done += 1;
      if (a.dueDate === null) continue;
      dated += 1;
      if (a.closedAt !== null && dayOf(a.closedAt) <= a.dueDate) onTime += 1;
    }
  }
  return {
    open,
    done,
    dropped,
    overdue,
    doneOnTime: onTime,
    onTimeShare: dated === 0 ? null : onTime / dated,
  };
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  );
}
