import { and, asc, eq, gte, lt, or } from 'drizzle-orm';
import type { ReviewStore } from '../usecases/stats-port.ts';
import type { Db } from './db.ts';
import { toAction } from './rows-actions.ts';
import { toIncident } from './rows-incidents.ts';
import { actions, incidents, preventionMatches, weeklyReviews } from './schema.ts';
import { readAtOnce } from './transact.ts';

/** What the weekly review reads and the one row that keeps it posted once a week. */
export function createReviewStore(db: Db): ReviewStore {
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
      return readAtOnce(db, () => {
        const rows = db
          .select()
          .from(preventionMatches)
          .innerJoin(actions, eq(actions.id, preventionMatches.actionId))
          .innerJoin(incidents, eq(incidents.id, preventionMatches.incidentId))
          .where(and(gte(preventionMatches.foundAt, since), lt(preventionMatches.foundAt, until)))
          .orderBy(asc(preventionMatches.foundAt), asc(preventionMatches.actionId))
          .all();
        return rows.flatMap((r) => {
          const own = db
            .select()
            .from(incidents)
            .where(eq(incidents.id, r.actions.incidentId))
            .get();
          if (!own) return [];
          return [
            {
              incident: toIncident(r.incidents),
              action: toAction(r.actions),
              actionIncident: toIncident(own),
              foundAt: r.prevention_matches.foundAt,
            },
          ];
        });
      });
    },
    async posted(week) {
      const row = db.select().from(weeklyReviews).where(eq(weeklyReviews.week, week)).get();
      return row
        ? { week: row.week, channelId: row.channelId, ts: row.postedTs, postedAt: row.postedAt }
        : null;
    },
    async recordPosted(review) {
      const result = db
        .insert(weeklyReviews)
        .values({
          week: review.week,
          channelId: review.channelId,
          postedTs: review.ts,
          postedAt: review.postedAt,
        })
        .onConflictDoNothing()
        .run();
      return result.changes === 1;
    },
  };
}
