import { and, asc, eq, inArray } from 'drizzle-orm';
import { isRefusal } from '../../domain/incident.ts';
import { MUST_WRITE } from '../../domain/postmortem-life.ts';
import type { PostmortemStateStore } from '../../usecases/store-port.ts';
import { toIncident } from '../rows-incidents.ts';
import { lifeColumns, toLife } from '../rows-postmortem-life.ts';
import type { PgDb } from './db.ts';
import { addEvent, findLatestInChannel } from './incident-rows.ts';
import { lockChannel, type PgExec } from './incident-tx.ts';
import { incidents } from './schema.ts';

async function rowOf(exec: PgExec, id: number) {
  const [row] = await exec.select().from(incidents).where(eq(incidents.id, id)).for('update');
  return row ?? null;
}

/**
 * The post-mortem's life over PostgreSQL: the incident's row is read FOR UPDATE, so two steps at
 * once take turns and the second decides from what the first stored.
 */
export function createPgPostmortemStateStore(db: PgDb): PostmortemStateStore {
  return {
    async of(incidentId) {
      const [row] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
      return row ? toLife(row) : null;
    },

    change(target, decide) {
      return db.transaction(async (tx) => {
        let id: number;
        if ('incidentId' in target) id = target.incidentId;
        else {
          // The channel's lock, as incidents.change takes it: its latest incident stays latest.
          await lockChannel(tx, target.channelId);
          const latest = await findLatestInChannel(tx, target.channelId);
          if (!latest) return null;
          id = latest.id;
        }
        const row = await rowOf(tx, id);
        if (!row) return null;
        const incident = toIncident(row);
        const before = toLife(row);
        const result = decide(incident, before);
        if (isRefusal(result)) return result;
        await tx.update(incidents).set(lifeColumns(result.life)).where(eq(incidents.id, id));
        await addEvent(tx, { ...result.event, incidentId: id });
        return { incident, life: result.life, before };
      });
    },

    async drafts() {
      const rows = await db
        .select()
        .from(incidents)
        .where(
          and(
            eq(incidents.status, 'resolved'),
            eq(incidents.postmortemState, 'draft'),
            inArray(incidents.severity, [...MUST_WRITE]),
          ),
        )
        .orderBy(asc(incidents.id));
      return rows.map((row) => ({ incident: toIncident(row), life: toLife(row) }));
    },
  };
}
