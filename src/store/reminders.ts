import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ReminderCandidate } from '../domain/reminders.ts';
import type { Db } from './db.ts';
import { toReminderCandidate } from './rows-actions.ts';
import { actionReminders, actions, incidents, reminderDms } from './schema.ts';

export function createReminderRepository(db: Db) {
  const state = (actionId: number) =>
    db.select().from(actionReminders).where(eq(actionReminders.actionId, actionId)).get();

  return {
    /** Open actions with their reminder state and who answers for their incident. */
    candidates(): ReminderCandidate[] {
      return db
        .select({
          action: actions,
          reminder: actionReminders,
          leadId: sql<string>`coalesce(${incidents.leadId}, ${incidents.reporterId})`,
        })
        .from(actions)
        .innerJoin(incidents, eq(incidents.id, actions.incidentId))
        .leftJoin(actionReminders, eq(actionReminders.actionId, actions.id))
        .where(eq(actions.status, 'open'))
        .all()
        .map(toReminderCandidate);
    },

    /** The days (owner's zone) on which the owner already got a reminder DM, most recent first. */
    dmDays(ownerId: string): Set<string> {
      const rows = db
        .select({ day: reminderDms.day })
        .from(reminderDms)
        .where(eq(reminderDms.ownerId, ownerId))
        .orderBy(desc(reminderDms.day))
        .limit(7)
        .all();
      return new Set(rows.map((r) => r.day));
    },

    hasDm(ownerId: string, day: string): boolean {
      return (
        db
          .select({ id: reminderDms.id })
          .from(reminderDms)
          .where(and(eq(reminderDms.ownerId, ownerId), eq(reminderDms.day, day)))
          .get() !== undefined
      );
    },

    /** Records a sent DM and marks its actions reminded; false if this owner-day was taken. */
    recordDm(
      dm: { ownerId: string; day: string; channelId: string; ts: string },
      actionIds: readonly number[],
      now: number,
    ): boolean {
      const inserted =
        db
          .insert(reminderDms)
          .values({ ...dm, sentAt: now })
          .onConflictDoNothing()
          .run().changes > 0;
      for (const actionId of actionIds) {
        db.insert(actionReminders)
          .values({ actionId, lastRemindedAt: now })
          .onConflictDoUpdate({ target: actionReminders.actionId, set: { lastRemindedAt: now } })
          .run();
      }
      return inserted;
    },

    snooze(actionId: number, until: number): void {
      const existing = state(actionId);
      if (existing) {
        db.update(actionReminders)
          .set({ snoozedUntil: until })
          .where(eq(actionReminders.actionId, actionId))
          .run();
      } else {
        db.insert(actionReminders).values({ actionId, snoozedUntil: until }).run();
      }
    },

    snoozedUntil(actionIds: readonly number[]): Map<number, number | null> {
      if (actionIds.length === 0) return new Map();
      const rows = db
        .select()
        .from(actionReminders)
        .where(inArray(actionReminders.actionId, [...actionIds]))
        .all();
      return new Map(rows.map((r) => [r.actionId, r.snoozedUntil]));
    },
  };
}

export type ReminderRepository = ReturnType<typeof createReminderRepository>;
