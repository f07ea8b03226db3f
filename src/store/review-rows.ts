import type { PostedReview, StoredPreventionMatch } from '../usecases/stats-port.ts';
import { type ActionRow, toAction } from './rows-actions.ts';
import { type IncidentColumns, toIncident } from './rows-incidents.ts';

// Rows ⇄ records for the weekly review, shared by both engines (their schemas have the same
// columns): one mapping, so the engines cannot drift apart.

export interface WeeklyReviewRow {
  week: string;
  channelId: string;
  postedTs: string;
  postedAt: number;
}

export function toPostedReview(row: WeeklyReviewRow): PostedReview {
  return { week: row.week, channelId: row.channelId, ts: row.postedTs, postedAt: row.postedAt };
}

export function weeklyReviewValues(review: PostedReview): WeeklyReviewRow {
  return {
    week: review.week,
    channelId: review.channelId,
    postedTs: review.ts,
    postedAt: review.postedAt,
  };
}

/** A match joined to its action, the incident it matched, and the action's own incident. */
export function toStoredPreventionMatch(row: {
  match: { foundAt: number };
  action: ActionRow;
  incident: IncidentColumns;
  own: IncidentColumns;
}): StoredPreventionMatch {
  return {
    incident: toIncident(row.incident),
    action: toAction(row.action),
    actionIncident: toIncident(row.own),
    foundAt: row.match.foundAt,
  };
}
