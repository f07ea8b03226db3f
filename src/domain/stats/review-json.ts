import type { PreventionMatch, ReviewIncident, WeeklyReview } from './review.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function incidentJson(i: ReviewIncident) {
  return {
    id: i.id,
    channelId: i.channelId,
    channelName: i.channelName,
    severity: i.severity,
    title: i.title,
    private: i.isPrivate,
    declaredAt: iso(i.declaredAt),
    ttdMs: i.ttdMs,
    ttmMs: i.ttmMs,
    postmortemState: i.postmortemState,
  };
}

function matchJson(m: PreventionMatch) {
  const a = m.action;
  return {
    incident: incidentJson(m.incident),
    followUp: {
      id: a.id,
      incidentId: a.incidentId,
      text: m.actionIsPrivate ? null : a.text,
      ownerId: a.ownerId,
      dueDate: a.dueDate,
      status: a.status,
    },
    foundAt: iso(m.foundAt),
  };
}

/** docs/stats.md (the weekly review): fields are only ever added. */
export function toReviewJson(review: WeeklyReview) {
  return {
    schema: 'incident-scribe.review',
    version: 1,
    week: review.week,
    since: iso(review.since),
    until: iso(review.until),
    incidents: review.incidents.map(incidentJson),
    draftPostmortems: review.draftPostmortems.map(incidentJson),
    followUps: review.followUps,
    recurringAlerts: review.recurringAlerts,
    recurringServices: review.recurringServices,
    preventionMatches: review.preventionMatches.map(matchJson),
  };
}
