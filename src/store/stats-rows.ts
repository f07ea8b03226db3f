import type { StatsRecord } from '../usecases/stats-port.ts';
import { type ActionRow, toAction } from './rows-actions.ts';
import {
  type IncidentColumns,
  toEvent,
  toIncident,
  toMessageAlert,
  toStoredWebhookAlert,
} from './rows-incidents.ts';

// What both engines' stats reads decide alike: a service is its tag value lowercased, so "API"
// and "api" count as one; and how the rows read for many incidents at once become their records.

/** One incident's services, once each, in the order they were tagged. */
export function servicesFrom(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.toLowerCase()))];
}

/** Every service named anywhere, once each, sorted. */
export function knownServicesFrom(values: readonly string[]): string[] {
  return servicesFrom(values).sort();
}

/** What both engines read for a set of incidents, each list in the order it is kept. */
export interface StatsRows<
  I extends IncidentColumns & { category: string | null; postmortemState: string },
> {
  incidents: readonly I[];
  events: ReadonlyArray<Parameters<typeof toEvent>[0]>;
  /** Alert changes of messages that were not deleted. */
  changes: ReadonlyArray<Parameters<typeof toMessageAlert>[0] & { incidentId: number }>;
  hooks: ReadonlyArray<Parameters<typeof toStoredWebhookAlert>[0] & { incidentId: number }>;
  followUps: ReadonlyArray<ActionRow>;
  /** Live `service` tags. */
  serviceTags: ReadonlyArray<{ incidentId: number; value: string }>;
}

function grouped<T>(items: readonly T[], idOf: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const list = map.get(idOf(item));
    if (list === undefined) map.set(idOf(item), [item]);
    else list.push(item);
  }
  return map;
}

/** Each incident's record, in the order of `rows.incidents`. */
export function statsRecordsFrom<
  I extends IncidentColumns & { category: string | null; postmortemState: string },
>(rows: StatsRows<I>): StatsRecord[] {
  const eventsBy = grouped(rows.events, (e) => e.incidentId);
  const changesBy = grouped(rows.changes, (c) => c.incidentId);
  const hooksBy = grouped(rows.hooks, (h) => h.incidentId);
  const followUpsBy = grouped(rows.followUps, (a) => a.incidentId);
  const tagsBy = grouped(rows.serviceTags, (t) => t.incidentId);
  return rows.incidents.map((row) => ({
    incident: toIncident(row),
    events: (eventsBy.get(row.id) ?? []).map(toEvent),
    messageAlerts: (changesBy.get(row.id) ?? []).map(toMessageAlert),
    webhookAlerts: (hooksBy.get(row.id) ?? []).map(toStoredWebhookAlert),
    category: row.category,
    postmortemState: row.postmortemState,
    services: servicesFrom((tagsBy.get(row.id) ?? []).map((t) => t.value)),
    followUps: (followUpsBy.get(row.id) ?? []).map(toAction),
  }));
}
