import { and, asc, eq } from 'drizzle-orm';
import type { ActionItem } from '../domain/types.ts';
import type { Db } from './db.ts';
import { toAction } from './rows-actions.ts';
import { actions } from './schema.ts';

export function createActionRepository(db: Db) {
  return {
    insert(action: Omit<ActionItem, 'id'>): ActionItem {
      return toAction(db.insert(actions).values(action).returning().get());
    },

    get(id: number): ActionItem | null {
      const row = db.select().from(actions).where(eq(actions.id, id)).get();
      return row ? toAction(row) : null;
    },

    update(action: ActionItem): void {
      const { id, ...values } = action;
      db.update(actions).set(values).where(eq(actions.id, id)).run();
    },

    forIncident(incidentId: number): ActionItem[] {
      return db
        .select()
        .from(actions)
        .where(eq(actions.incidentId, incidentId))
        .orderBy(asc(actions.id))
        .all()
        .map(toAction);
    },

    openForOwner(ownerId: string): ActionItem[] {
      return db
        .select()
        .from(actions)
        .where(and(eq(actions.ownerId, ownerId), eq(actions.status, 'open')))
        .orderBy(asc(actions.dueDate), asc(actions.id))
        .all()
        .map(toAction);
    },
  };
}

export type ActionRepository = ReturnType<typeof createActionRepository>;
