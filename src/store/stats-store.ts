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
 * The stats records of the incidents `where` selects, oldest declared first: a few statements per
 * 500 incidents, not a few per incident. Not a transaction of its own: the caller reads it inside
 * one (readAtOnce), with whatever else belongs to that moment.
 */
export function statsRecordsOf(db: Db, where: SQL | undefined): StatsRecord[] {
  const rows = db
    .select()
    .from(incidents)
    .where(where)
    .orderBy(asc(incidents.declaredAt), asc(incidents.id))
    .all();
  // SQLite allows 32k parameters in a statement; chunks keep far below that.
  const records: StatsRecord[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const ids = part.map((r) => r.id);
    records.push(...statsRecordsFrom({ incidents: part, ...rowsOf(db, ids) }));
  }
  return records;
}

function rowsOf(db: Db, ids: number[]): Omit<StatsRows<IncidentRow>, 'incidents'> {
  return {
    events: db
      .select()
      .from(incidentEvents)
      .where(inArray(incidentEvents.incidentId, ids))
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
      .where(and(inArray(alertChanges.incidentId, ids), isNull(messages.deletedAt)))
      .orderBy(asc(alertChanges.at), asc(alertChanges.id))
      .all()
      .map((r) => r.change),
    hooks: db
      .select()
      .from(webhookAlerts)
      .where(inArray(webhookAlerts.incidentId, ids))
      .orderBy(asc(webhookAlerts.receivedAt), asc(webhookAlerts.id))
      .all(),
    followUps: db
      .select()
      .from(actions)
      .where(and(inArray(actions.incidentId, ids), eq(actions.kind, 'follow_up')))
      .orderBy(asc(actions.id))
      .all(),
    serviceTags: db
      .select({ incidentId: incidentTags.incidentId, value: incidentTags.value })
      .from(incidentTags)
      .where(
        and(
          inArray(incidentTags.incidentId, ids),
          eq(incidentTags.key, 'service'),
          isNull(incidentTags.removedAt),
        ),
      )
      .orderBy(asc(incidentTags.id))
      .all(),
  };
}
