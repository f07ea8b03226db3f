import { asc, eq } from 'drizzle-orm';
import type { ActionItem, ActionStatus } from '../domain/types.ts';
import type { Db } from './db.ts';
import { actions } from './schema.ts';

export function createActionRepository(db: Db) {
  return {
    insert(action: Omit<ActionItem, 'id'>): ActionItem {
      const row = db.insert(actions).values(action).returning().get();
      return { ...row, status: row.status as ActionStatus };
    },

    forIncident(incidentId: number): ActionItem[] {
      return db
        .select()
        .from(actions)
        .where(eq(actions.incidentId, incidentId))
        .orderBy(asc(actions.id))
        .all()
        .map((row) => ({ ...row, status: row.status as ActionStatus }));
    },
  };
}

export type ActionRepository = ReturnType<typeof createActionRepository>;
