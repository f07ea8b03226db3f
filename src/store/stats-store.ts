import { and, asc, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { StatsRecord, StatsStore } from '../usecases/stats-port.ts';
import type { Db } from './db.ts';
import {
  actions,
  alertChanges,
  incidentEvents,
  incidents,
  incidentTags,
  messages,
  webhookAlerts,
} from './schema.ts';
import { knownServicesFrom, type StatsRows, statsRecordsFrom } from './stats-rows.ts';
import { readAtOnce } from './transact.ts';

type IncidentRow = typeof incidents.$inferSelect;

/** The numbers' reads over SQLite: each one read at one moment (docs/stats.md). */
export function createStatsStore(db: Db): StatsStore {
  const records = (where: SQL | undefined) => readAtOnce(db, () => statsRecordsOf(db, where));
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
 * The stats records of the incidents `where` selects, oldest declared first: one statement per
 * table, each taking its rows of those incidents through a subquery, so 5,000 incidents cost six
 * statements rather than six per few hundred ids (building and preparing a statement of 500
 * parameters cost more than running it). Not a transaction of its own: the caller reads it
 * inside one (readAtOnce), with whatever else belongs to that moment.
 */
export function statsRecordsOf(db: Db, where: SQL | undefined): StatsRecord[] {
  const rows = db
    .select()
    .from(incidents)
    .where(where)
    .orderBy(asc(incidents.declaredAt), asc(incidents.id))
    .all();
  if (rows.length === 0) return [];
  const selected = db.select({ id: incidents.id }).from(incidents).where(where);
  return statsRecordsFrom({
    incidents: rows,
    ...rowsOf(db, (column) => inArray(column, selected)),
  });
}

/** The stats records of these incidents (a few hundred at most), oldest declared first. */
export function statsRecordsOfIds(db: Db, ids: readonly number[]): StatsRecord[] {
  if (ids.length === 0) return [];
  const rows = db
    .select()
    .from(incidents)
    .where(inArray(incidents.id, [...ids]))
    .orderBy(asc(incidents.declaredAt), asc(incidents.id))
    .all();
  return statsRecordsFrom({
    incidents: rows,
    ...rowsOf(db, (column) => inArray(column, [...ids])),
  });
}

type IncidentIdColumn =
  | typeof incidentEvents.incidentId
  | typeof alertChanges.incidentId
  | typeof webhookAlerts.incidentId
  | typeof actions.incidentId
  | typeof incidentTags.incidentId;

function rowsOf(
  db: Db,
  of: (column: IncidentIdColumn) => SQL,
): Omit<StatsRows<IncidentRow>, 'incidents'> {
  return {
    events: db
      .select()
      .from(incidentEvents)
      .where(of(incidentEvents.incidentId))
      .orderBy(asc(incidentEvents.at), asc(incidentEvents.id))
      .all(),
    // An alert whose message was deleted no longer counts (as alert-changes.ts reads them).
    changes: db
      .select({ change: alertChanges })
      .from(alertChanges)
      .innerJoin(
        messages,
        and(
          eq(messages.channelId, alertChanges.channelId),
          eq(messages.ts, alertChanges.messageTs),
        ),
      )
      .where(and(of(alertChanges.incidentId), isNull(messages.deletedAt)))
      .orderBy(asc(alertChanges.at), asc(alertChanges.id))
      .all()
      .map((r) => r.change),
    hooks: db
      .select()
      .from(webhookAlerts)
      .where(of(webhookAlerts.incidentId))
      .orderBy(asc(webhookAlerts.receivedAt), asc(webhookAlerts.id))
      .all(),
    followUps: db
      .select()
      .from(actions)
      .where(and(of(actions.incidentId), eq(actions.kind, 'follow_up')))
      .orderBy(asc(actions.id))
      .all(),
    serviceTags: db
      .select({ incidentId: incidentTags.incidentId, value: incidentTags.value })
      .from(incidentTags)
      .where(
        and(
          of(incidentTags.incidentId),
          eq(incidentTags.key, 'service'),
          isNull(incidentTags.removedAt),
        ),
      )
      .orderBy(asc(incidentTags.id))
      .all(),
  };
}
