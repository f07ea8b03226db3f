import type { Clock } from '../clock.ts';
import {
  buildReview,
  type PreventionMatch,
  reviewIncident,
  type WeeklyReview,
} from '../domain/stats/review.ts';
import { reviewLines } from '../domain/stats/review-text.ts';
import { dueSlot, type WeeklySchedule } from '../domain/stats/schedule.ts';
import { MRKDWN } from '../domain/stats/text-style.ts';
import type { Incident } from '../domain/types.ts';
import { claimsOf } from './claims.ts';
import { statsIncidentOf } from './incident-stats.ts';
import type { Deps } from './ports.ts';
import type { StatsRecord } from './stats-port.ts';
import type { Store } from './store-port.ts';

const DAY_MS = 86_400_000;
/** How far back a name must have been seen to count as recurring. */
const RECURRING_DAYS = 90;
/** Longer than a week: a claim cut off by a crash outlives its week's slot (as reminders do). */
const REVIEW_CLAIM_MS = 8 * DAY_MS;

export const reviewClaimKey = (week: string) => `weekly-review:${week}`;

/** The review of [since, until) from the database, as `scribe review` and the weekly post read it. */
export async function composeReview(
  deps: { store: Store; clock: Clock; timeZone: string },
  period: { week: string; since: number; until: number },
): Promise<WeeklyReview> {
  const { store } = deps;
  const recent = await store.stats.declaredIn(
    Math.min(period.since, period.until - RECURRING_DAYS * DAY_MS),
    period.until,
  );
  const drafts = await store.stats.draftPostmortems();
  const matches = await store.reviews.preventionMatches(period.since, period.until);
  return buildReview({
    ...period,
    now: deps.clock.now(),
    timeZone: deps.timeZone,
    recent: recent.map(statsIncidentOf),
    drafts: drafts.map(statsIncidentOf),
    followUps: await store.reviews.followUpsAround(period.since, period.until),
    matches: matches.map(
      (m): PreventionMatch => ({
        // The matching incident is named, not measured: its own line in the review has numbers.
        incident: {
          ...reviewIncident(statsIncidentOf(bare(m.incident))),
          ttdMs: null,
          ttmMs: null,
        },
        action: m.action,
        actionIsPrivate: m.actionIncident.isPrivate === true,
        foundAt: m.foundAt,
      }),
    ),
  });
}

function bare(incident: Incident): StatsRecord {
  return {
    incident,
    events: [],
    messageAlerts: [],
    webhookAlerts: [],
    category: null,
    postmortemState: 'draft',
    services: [],
    followUps: [],
  };
}

export type ReviewPass = 'off' | 'not-due' | 'posted' | 'already-posted' | 'held-or-posted';

/**
 * One pass of the weekly review job: once this week's time has come, posts the review of the
 * seven days before it in INCIDENTS_CHANNEL, exactly once per ISO week across restarts and
 * replicas (the claim, then the weekly_reviews row). A week missed while no bot ran is posted at
 * the next start within that week.
 */
export async function postWeeklyReview(deps: Deps, schedule: WeeklySchedule): Promise<ReviewPass> {
  const channelId = deps.settings.incidentsChannel;
  if (channelId === null) return 'off';
  const slot = dueSlot(schedule, deps.clock.now(), deps.timeZone);
  if (slot === null) return 'not-due';
  if (await deps.store.reviews.posted(slot.week)) return 'already-posted';
  // Kept once posted: even a failed write below cannot lead to a second post (ADR 0013).
  const ts = await claimsOf(deps).once(
    reviewClaimKey(slot.week),
    REVIEW_CLAIM_MS,
    async () => (await deps.store.reviews.posted(slot.week)) !== null,
    async () => {
      const review = await composeReview(deps, {
        week: slot.week,
        since: slot.since,
        until: slot.at,
      });
      const text = reviewLines(review, MRKDWN, deps.timeZone).join('\n');
      return (await deps.notifier.post(channelId, { text })).ts;
    },
  );
  if (ts === null) return 'held-or-posted';
  // The row is what keeps the week posted once the claim has run out.
  await deps.store.reviews.recordPosted({
    week: slot.week,
    channelId,
    ts,
    postedAt: deps.clock.now(),
  });
  return 'posted';
}
