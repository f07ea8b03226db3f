import { and, asc, eq, gte, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ReviewStore } from '../usecases/stats-port.ts';
import type { Db } from './db.ts';
import { toPostedReview, toStoredPreventionMatch, weeklyReviewValues } from './review-rows.ts';
import { toAction } from './rows-actions.ts';
import { actions, incidents, preventionMatches, weeklyReviews } from './schema.ts';

/** What the weekly review reads and the one row that keeps it posted once a week. */
export function createReviewStore(db: Db): ReviewStore {
  const own = alias(incidents, 'own');
  return {
    async followUpsAround(since, until) {
      const within = (column: typeof actions.createdAt | typeof actions.closedAt) =>
        and(gte(column, since), lt(column, until));
      return db
        .select()
        .from(actions)
        .where(
          and(
            eq(actions.kind, 'follow_up'),
            or(within(actions.createdAt), within(actions.closedAt), eq(actions.status, 'open')),
          ),
        )
        .orderBy(asc(actions.id))
        .all()
        .map(toAction);
    },
    async preventionMatches(since, until) {
      // One statement, so one moment: the action's own incident joined as \`own\`.
      return db
        .select({ match: preventionMatches, action: actions, incident: incidents, own })
        .from(preventionMatches)
        .innerJoin(actions, eq(actions.id, preventionMatches.actionId))
        .innerJoin(incidents, eq(incidents.id, preventionMatches.incidentId))
        .innerJoin(own, eq(own.id, actions.incidentId))
        .where(and(gte(preventionMatches.foundAt, since), lt(preventionMatches.foundAt, until)))
        .orderBy(asc(preventionMatches.foundAt), asc(preventionMatches.actionId))
        .all()
        .map(toStoredPreventionMatch);
    },
    async posted(week) {
      const row = db.select().from(weeklyReviews).where(eq(weeklyReviews.week, week)).get();
      return row ? toPostedReview(row) : null;
    },
    async recordPosted(review) {
      const result = db
        .insert(weeklyReviews)
        .values(weeklyReviewValues(review))
        .onConflictDoNothing()
        .run();
      return result.changes === 1;
    },
  };
}
