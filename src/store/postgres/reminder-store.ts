import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ReminderStore } from '../../usecases/store-port.ts';
import { toReminderCandidate } from '../rows-actions.ts';
import type { PgDb } from './db.ts';
import { actionReminders, actions, incidents, reminderDms } from './schema.ts';

/**
 * Reminder state over PostgreSQL. The owner-day row of `reminder_dms` is the idempotency key of a
 * reminder DM: its unique index decides, across replicas, which one records it (ON CONFLICT DO
 * NOTHING waits for a racing insert to commit, then does nothing), so no unique violation can
 * reach the caller and nothing needs a retry.
 */
export function createPgReminderStore(db: PgDb): ReminderStore {
  return {
    async candidates() {
      const rows = await db
        .select({
          action: actions,
          reminder: actionReminders,
          leadId: sql<string>`coalesce(${incidents.leadId}, ${incidents.reporterId})`,
        })
        .from(actions)
        .innerJoin(incidents, eq(incidents.id, actions.incidentId))
        .leftJoin(actionReminders, eq(actionReminders.actionId, actions.id))
        .where(eq(actions.status, 'open'))
        // SQLite reads them in id order; PostgreSQL's heap order is anyone's guess.
        .orderBy(asc(actions.id));
      return rows.map(toReminderCandidate);
    },

    async dmDays(ownerId) {
      const rows = await db
        .select({ day: reminderDms.day })
        .from(reminderDms)
        .where(eq(reminderDms.ownerId, ownerId))
        .orderBy(desc(reminderDms.day))
        .limit(7);
      return new Set(rows.map((r) => r.day));
    },

    async hasDm(ownerId, day) {
      const rows = await db
        .select({ id: reminderDms.id })
        .from(reminderDms)
        .where(and(eq(reminderDms.ownerId, ownerId), eq(reminderDms.day, day)))
        .limit(1);
      return rows.length > 0;
    },

    // As in SQLite, the actions are marked reminded even when the owner-day was already taken:
    // the DM was sent either way.
    async recordDm(dm, actionIds, now) {
      return db.transaction(async (tx) => {
        const inserted = await tx
          .insert(reminderDms)
          .values({ ...dm, sentAt: now })
          .onConflictDoNothing()
          .returning({ id: reminderDms.id });
        // One statement, ids in ascending order: two DMs marking overlapping actions lock their
        // rows in the same order and cannot deadlock; a repeated id would be an error in one upsert.
        const ids = [...new Set(actionIds)].sort((a, b) => a - b);
        if (ids.length > 0) {
          await tx
            .insert(actionReminders)
            .values(ids.map((actionId) => ({ actionId, lastRemindedAt: now })))
            .onConflictDoUpdate({
              target: actionReminders.actionId,
              set: { lastRemindedAt: now },
            });
        }
        return inserted.length > 0;
      });
    },

    async snooze(actionId, until) {
      await db
        .insert(actionReminders)
        .values({ actionId, snoozedUntil: until })
        .onConflictDoUpdate({ target: actionReminders.actionId, set: { snoozedUntil: until } });
    },

    async snoozedUntil(actionIds) {
      if (actionIds.length === 0) return new Map();
      const rows = await db
        .select()
        .from(actionReminders)
        .where(inArray(actionReminders.actionId, [...actionIds]));
      return new Map(rows.map((r) => [r.actionId, r.snoozedUntil]));
    },
  };
}
