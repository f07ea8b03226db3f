import { and, asc, eq, sql } from 'drizzle-orm';
import type { ActionIssueStore } from '../../usecases/store-port.ts';
import { toAction, toIssue } from '../rows-actions.ts';
import type { PgDb } from './db.ts';
import { actionIssues, actions } from './schema.ts';

/**
 * Exported GitHub issues over PostgreSQL. The action id is the key: one issue per action, the
 * first insert wins (a second export racing it on another replica stores nothing).
 */
export function createPgActionIssueStore(db: PgDb): ActionIssueStore {
  return {
    async get(actionId) {
      const [row] = await db.select().from(actionIssues).where(eq(actionIssues.actionId, actionId));
      return row ? toIssue(row) : null;
    },

    async insert(issue) {
      const inserted = await db
        .insert(actionIssues)
        .values({ ...issue, state: 'open', checkedAt: null })
        .onConflictDoNothing()
        .returning({ actionId: actionIssues.actionId });
      return inserted.length > 0;
    },

    async forIncident(incidentId) {
      const rows = await db
        .select({ issue: actionIssues })
        .from(actionIssues)
        .innerJoin(actions, eq(actions.id, actionIssues.actionId))
        .where(eq(actions.incidentId, incidentId));
      return new Map(rows.map(({ issue }) => [issue.actionId, toIssue(issue)]));
    },

    // Never checked first, then least recently checked; ties in action id order, as SQLite
    // reads them (its action_issues rows are stored by action id).
    async openToCheck(limit) {
      const rows = await db
        .select({ action: actions, issue: actionIssues })
        .from(actionIssues)
        .innerJoin(actions, eq(actions.id, actionIssues.actionId))
        .where(and(eq(actionIssues.state, 'open'), eq(actions.status, 'open')))
        .orderBy(
          sql`${actionIssues.checkedAt} is not null`,
          asc(actionIssues.checkedAt),
          asc(actionIssues.actionId),
        )
        .limit(limit);
      return rows.map(({ action, issue }) => ({ action: toAction(action), issue: toIssue(issue) }));
    },

    async recordCheck(actionId, state, now) {
      await db
        .update(actionIssues)
        .set({ state, checkedAt: now })
        .where(eq(actionIssues.actionId, actionId));
    },
  };
}
