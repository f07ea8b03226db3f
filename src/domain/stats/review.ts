import type { ActionItem, Severity } from '../types.ts';
import { isOverdue, shownNames } from './compute.ts';
import type { NamedCount, PostmortemState, StatsIncident } from './model.ts';

/** An incident as the review names it: a private one's title is never shown (null). */
export interface ReviewIncident {
  id: number;
  channelId: string;
  channelName: string | null;
  severity: Severity;
  title: string | null;
  isPrivate: boolean;
  declaredAt: number;
  ttdMs: number | null;
  ttmMs: number | null;
  postmortemState: PostmortemState;
}

/** A follow-up that was open when a new incident matched it (prevention_matches). */
export interface PreventionMatch {
  /** The new incident it could have prevented. */
  incident: ReviewIncident;
  action: ActionItem;
  /** Its own incident is private: its text stays out of the review. */
  actionIsPrivate: boolean;
  foundAt: number;
}

export interface ReviewInput {
  week: string;
  since: number;
  until: number;
  now: number;
  timeZone: string;
  /** Incidents declared in the 90 days up to `until`: the week's, and what recurs with them. */
  recent: readonly StatsIncident[];
  /** Resolved incidents whose post-mortem is still a draft, any age. */
  drafts: readonly StatsIncident[];
  /** Follow-ups created or closed in the week, and every open one. */
  followUps: readonly ActionItem[];
  matches: readonly PreventionMatch[];
}

export interface WeeklyReview {
  week: string;
  since: number;
  until: number;
  incidents: ReviewIncident[];
  draftPostmortems: ReviewIncident[];
  followUps: { created: number; closed: number; overdue: number };
  /** Alert names and services of the week's incidents also seen in another in 90 days. */
  recurringAlerts: NamedCount[];
  recurringServices: NamedCount[];
  preventionMatches: PreventionMatch[];
}

export function reviewIncident(i: StatsIncident): ReviewIncident {
  return {
    id: i.id,
    channelId: i.channelId,
    channelName: i.isPrivate ? null : i.channelName,
    severity: i.severity,
    title: i.isPrivate ? null : i.title,
    isPrivate: i.isPrivate,
    declaredAt: i.declaredAt,
    ttdMs: i.ttdMs,
    ttmMs: i.ttmMs,
    postmortemState: i.postmortemState,
  };
}

export function buildReview(input: ReviewInput): WeeklyReview {
  const inWeek = (at: number | null) => at !== null && at >= input.since && at < input.until;
  const week = input.recent.filter((i) => inWeek(i.declaredAt));
  const weekIds = new Set(week.map((i) => i.id));
  // Only names this week's incidents carry recur "this week"; the 90 days count them.
  const recurringOf = (namesOf: (i: StatsIncident) => readonly string[]) => {
    const names = new Set(week.flatMap(namesOf));
    return shownNames(input.recent, namesOf, 2).filter((c) => names.has(c.name));
  };
  return {
    week: input.week,
    since: input.since,
    until: input.until,
    incidents: week.map(reviewIncident),
    draftPostmortems: input.drafts
      .filter((i) => !weekIds.has(i.id))
      .map(reviewIncident)
      .sort((a, b) => a.declaredAt - b.declaredAt),
    followUps: {
      created: input.followUps.filter((a) => inWeek(a.createdAt)).length,
      closed: input.followUps.filter((a) => a.status !== 'open' && inWeek(a.closedAt)).length,
      overdue: input.followUps.filter((a) => isOverdue(a, input.now, input.timeZone)).length,
    },
    recurringAlerts: recurringOf((i) => i.alertNames),
    recurringServices: recurringOf((i) => i.services),
    preventionMatches: input.matches.filter((m) => inWeek(m.foundAt)),
  };
}
