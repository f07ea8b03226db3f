import { and, asc, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { Incident } from '../domain/types.ts';
import type { StatsRecord, StatsStore } from '../usecases/stats-port.ts';
import type { Db } from './db.ts';
import type { Repositories } from './repositories.ts';
import { toIncident } from './rows-incidents.ts';
import { incidents, incidentTags } from './schema.ts';
import { knownServicesFrom, servicesFrom } from './stats-rows.ts';
import { readAtOnce } from './transact.ts';

type IncidentRow = typeof incidents.$inferSelect;

/** The numbers' reads over SQLite: each one read at one moment (docs/stats.md). */
export function createStatsStore(db: Db, repos: Repositories): StatsStore {
  const records = (where: SQL | undefined) =>
    readAtOnce(db, () => statsRecordsOf(db, repos, where));
  return {
    async declaredIn(since, until) {
      const from = since === null ? undefined : gte(incidents.declaredAt, since);
      return records(and(from, lt(incidents.declaredAt, until)));
    },
    async draftPostmortems() {
      return records(and(eq(incidents.status, 'resolved'), eq(incidents.postmortemState, 'draft')));
    },
    async knownServices() {
      const rows = db
        .selectDistinct({ value: incidentTags.value })
        .from(incidentTags)
        .innerJoin(incidents, eq(incidents.id, incidentTags.incidentId))
        .where(
          and(
            eq(incidentTags.key, 'service'),
            isNull(incidentTags.removedAt),
            eq(incidents.isPrivate, false),
          ),
        )
        .all();
      return knownServicesFrom(rows.map((r) => r.value));
    },
  };
}

/**
 * The stats records of the incidents `where` selects, oldest declared first. Not a transaction of
 * its own: the caller reads it inside one (readAtOnce), with whatever else belongs to that moment.
 */
export function statsRecordsOf(db: Db, repos: Repositories, where: SQL | undefined): StatsRecord[] {
  const rows = db
    .select()
    .from(incidents)
    .where(where)
    .orderBy(asc(incidents.declaredAt), asc(incidents.id))
    .all();
  // Tags in one query (SQLite allows 32k parameters; chunks keep far below that).
  const services = new Map<number, string[]>();
  for (let i = 0; i < rows.length; i += 500) {
    for (const [id, list] of servicesOf(
      db,
      rows.slice(i, i + 500).map((r) => r.id),
    ))
      services.set(id, list);
  }
  return rows.map((row) => recordOf(repos, row, services.get(row.id) ?? []));
}

function servicesOf(db: Db, ids: readonly number[]): Map<number, string[]> {
  const byIncident = new Map<number, string[]>();
  if (ids.length === 0) return byIncident;
  const rows = db
    .select({ incidentId: incidentTags.incidentId, value: incidentTags.value })
    .from(incidentTags)
    .where(
      and(
        eq(incidentTags.key, 'service'),
        isNull(incidentTags.removedAt),
        inArray(incidentTags.incidentId, [...ids]),
      ),
    )
    .orderBy(asc(incidentTags.id))
    .all();
  const values = new Map<number, string[]>();
  for (const r of rows) values.set(r.incidentId, [...(values.get(r.incidentId) ?? []), r.value]);
  for (const [id, list] of values) byIncident.set(id, servicesFrom(list));
  return byIncident;
}

function recordOf(repos: Repositories, row: IncidentRow, services: string[]): StatsRecord {
  const incident: Incident = toIncident(row);
  return {
    incident,
    events: repos.incidents.events(incident.id),
    messageAlerts: repos.alertChanges.forIncident(incident.id),
    webhookAlerts: repos.webhookAlerts.forIncident(incident.id),
    category: row.category,
    postmortemState: row.postmortemState,
    services,
    followUps: repos.actions.forIncident(incident.id).filter((a) => a.kind === 'follow_up'),
  };
}
