import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ActionStore } from '../../usecases/store-port.ts';
import { toAction } from '../rows-actions.ts';
import { toIncident } from '../rows-incidents.ts';
import { actionsOfIncident } from './action-queries.ts';
import type { PgDb } from './db.ts';
import { lockChannel } from './incident-tx.ts';
import { actions, incidentEvents, incidents } from './schema.ts';

/**
 * The action items side of the Store port over PostgreSQL. Ids come from the table's identity
 * sequence, which never hands one out twice however many replicas insert at once; no unique key
 * can be violated here, so nothing needs a retry.
 */
export function createPgActionStore(db: PgDb): ActionStore {
  const get = async (id: number) => {
    const [row] = await db.select().from(actions).where(eq(actions.id, id));
    return row ? toAction(row) : null;
  };
  return {
    get,

    forIncident: (incidentId) => actionsOfIncident(db, incidentId),

    async openForOwner(ownerId) {
      const rows = await db
        .select()
        .from(actions)
        .where(and(eq(actions.ownerId, ownerId), eq(actions.status, 'open')))
        // SQLite puts a missing due date first; PostgreSQL would put it last.
        .orderBy(sql`${actions.dueDate} asc nulls first`, asc(actions.id));
      return rows.map(toAction);
    },

    // The channel's lock (as declaring and changing take it) keeps a newer incident from being
    // declared between the look for the latest and the insert; the row lock keeps a state change
    // (which decides the action's kind) wholly before or after this one.
    async add(channelId, decide) {
      return db.transaction(async (tx) => {
        await lockChannel(tx, channelId);
        const [row] = await tx
          .select()
          .from(incidents)
          .where(eq(incidents.channelId, channelId))
          .orderBy(desc(incidents.declaredAt), desc(incidents.id))
          .limit(1)
          .for('update');
        if (!row) return null;
        const { action, event, purpose } = decide(toIncident(row));
        const [saved] = await tx
          .insert(actions)
          .values({ ...action, incidentId: row.id, purpose: purpose ?? null })
          .returning();
        if (!saved) throw new Error('the action insert returned no row');
        await tx.insert(incidentEvents).values({ ...event, incidentId: row.id });
        return toAction(saved);
      });
    },

    // The action row is locked from the read `decide` sees until its change is committed: two
    // clicks on Done on two replicas are decided one after the other, the second seeing the first.
    async change(id, decide) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(actions).where(eq(actions.id, id)).for('update');
        if (!row) return null;
        const before = toAction(row);
        const change = decide(before);
        if (!change.ok) return change;
        const { id: changedId, ...values } = change.action;
        await tx.update(actions).set(values).where(eq(actions.id, changedId));
        return {
          ok: true as const,
          action: change.action,
          before,
          incidentActions: await actionsOfIncident(tx, before.incidentId),
        };
      });
    },
  };
}
