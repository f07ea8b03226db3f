import { and, asc, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { StatsRecord, StatsStore } from '../../usecases/stats-port.ts';
import { knownServicesFrom, statsRecordsFrom } from '../stats-rows.ts';
import type { PgDb } from './db.ts';
import type { PgExec } from './incident-tx.ts';
import {
  actions,
  alertChanges,
  incidentEvents,
  incidents,
  incidentTags,
  messages,
  webhookAlerts,
} from './schema.ts';

/** Each read is one REPEATABLE READ snapshot (see incident-snapshot.ts), batched by incident. */
export function createPgStatsStore(db: PgDb): StatsStore {
  const records = (where: SQL | undefined) =>
    db.transaction((tx) => readRecords(tx, where), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  return {
    declaredIn(since, until) {
      const from = since === null ? undefined : gte(incidents.declaredAt, since);
      return records(and(from, lt(incidents.declaredAt, until)));
    },
    draftPostmortems() {
      return records(and(eq(incidents.status, 'resolved'), eq(incidents.postmortemState, 'draft')));
    },
    async knownServices() {
      const rows = await db
        .selectDistinct({ value: incidentTags.value })
        .from(incidentTags)
        .innerJoin(incidents, eq(incidents.id, incidentTags.incidentId))
        .where(
          and(
            eq(incidentTags.key, 'service'),
            isNull(incidentTags.removedAt),
            eq(incidents.isPrivate, false),
          ),
        );
      return knownServicesFrom(rows.map((r) => r.value));
    },
  };
}

/** The stats records of the incidents `where` selects, oldest declared first, in `tx`'s snapshot. */
export async function readRecords(tx: PgExec, where: SQL | undefined): Promise<StatsRecord[]> {
  const rows = await tx
    .select()
    .from(incidents)
    .where(where)
    .orderBy(asc(incidents.declaredAt), asc(incidents.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const events = await tx
    .select()
    .from(incidentEvents)
    .where(inArray(incidentEvents.incidentId, ids))
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
  const changes = await tx
    .select({ change: alertChanges })
    .from(alertChanges)
    .innerJoin(
      messages,
      and(eq(messages.channelId, alertChanges.channelId), eq(messages.ts, alertChanges.messageTs)),
    )
    .where(and(inArray(alertChanges.incidentId, ids), isNull(messages.deletedAt)))
    .orderBy(asc(alertChanges.at), asc(alertChanges.id));
  const hooks = await tx
    .select()
    .from(webhookAlerts)
    .where(inArray(webhookAlerts.incidentId, ids))
    .orderBy(asc(webhookAlerts.receivedAt), asc(webhookAlerts.id));
  const followUps = await tx
    .select()
    .from(actions)
    .where(and(inArray(actions.incidentId, ids), eq(actions.kind, 'follow_up')))
    .orderBy(asc(actions.id));
  const tags = await tx
    .select({ incidentId: incidentTags.incidentId, value: incidentTags.value })
    .from(incidentTags)
    .where(
      and(
        inArray(incidentTags.incidentId, ids),
        eq(incidentTags.key, 'service'),
        isNull(incidentTags.removedAt),
      ),
    )
    .orderBy(asc(incidentTags.id));
  return statsRecordsFrom({
    incidents: rows,
    events,
    changes: changes.map((c) => c.change),
    hooks,
    followUps,
    serviceTags: tags,
  });
}
