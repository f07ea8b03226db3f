import { and, asc, eq, sql } from 'drizzle-orm';
import type { ActionItem } from '../domain/types.ts';
import type { ActionIssue, IssueState } from '../usecases/store-records.ts';
import type { Db } from './db.ts';
import { toAction, toIssue } from './rows-actions.ts';
import { actionIssues, actions } from './schema.ts';

export function createActionIssueRepository(db: Db) {
  return {
    get(actionId: number): ActionIssue | null {
      const row = db.select().from(actionIssues).where(eq(actionIssues.actionId, actionId)).get();
      return row ? toIssue(row) : null;
    },

    /** Records a new export; false (and nothing changed) when the action already has an issue. */
    insert(issue: { actionId: number; number: number; url: string; createdAt: number }): boolean {
      return (
        db
          .insert(actionIssues)
          .values({ ...issue, state: 'open', checkedAt: null })
          .onConflictDoNothing()
          .run().changes > 0
      );
    },

    /** Exported issues of one incident's actions, by action id. */
    forIncident(incidentId: number): Map<number, ActionIssue> {
      const rows = db
        .select({ issue: actionIssues })
        .from(actionIssues)
        .innerJoin(actions, eq(actions.id, actionIssues.actionId))
        .where(eq(actions.incidentId, incidentId))
        .all();
      return new Map(rows.map(({ issue }) => [issue.actionId, toIssue(issue)]));
    },

    /**
     * Open actions whose issue was open when last seen: what a sync asks GitHub about. Least
     * recently checked first, so a long list is covered in turns across passes.
     */
    openToCheck(limit: number): Array<{ action: ActionItem; issue: ActionIssue }> {
      return db
        .select({ action: actions, issue: actionIssues })
        .from(actionIssues)
        .innerJoin(actions, eq(actions.id, actionIssues.actionId))
        .where(and(eq(actionIssues.state, 'open'), eq(actions.status, 'open')))
        .orderBy(sql`${actionIssues.checkedAt} is not null`, asc(actionIssues.checkedAt))
        .limit(limit)
        .all()
        .map(({ action, issue }) => ({ action: toAction(action), issue: toIssue(issue) }));
    },

    /** What the last look at GitHub found. */
    recordCheck(actionId: number, state: IssueState, now: number): void {
      db.update(actionIssues)
        .set({ state, checkedAt: now })
        .where(eq(actionIssues.actionId, actionId))
        .run();
    },
  };
}

export type ActionIssueRepository = ReturnType<typeof createActionIssueRepository>;
