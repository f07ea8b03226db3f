import { formatDuration } from '../durations.ts';
import { localDay } from '../reminders.ts';
import type { PreventionMatch, ReviewIncident, WeeklyReview } from './review.ts';
import { recurring } from './stats-text.ts';
import type { TextStyle } from './text-style.ts';

const LISTED = 15;
const STATE_NAMES = {
  draft: 'draft',
  in_review: 'in review',
  published: 'published',
  skipped: 'skipped',
} as const;

/** The weekly review as lines: posted in INCIDENTS_CHANNEL (mrkdwn), printed by `scribe review`. */
export function reviewLines(review: WeeklyReview, style: TextStyle, timeZone: string): string[] {
  const span = `${localDay(review.since, timeZone)} to ${localDay(review.until, timeZone)}`;
  const lines = [style.bold(`Weekly incident review, ${review.week}`) + ` (${span}, ${timeZone})`];
  const n = review.incidents.length;
  lines.push('', style.bold(`Last week: ${n} incident${n === 1 ? '' : 's'}`));
  lines.push(...listed(review.incidents, (i) => `• ${incidentLine(i, style, true)}`));
  if (n === 0) lines.push('None declared.');
  if (review.draftPostmortems.length > 0) {
    lines.push(
      '',
      style.bold(`Earlier post-mortems still in draft: ${review.draftPostmortems.length}`),
    );
    lines.push(...listed(review.draftPostmortems, (i) => `• ${incidentLine(i, style, false)}`));
  }
  const f = review.followUps;
  lines.push(
    '',
    `${style.bold('Follow-ups')}: ${f.created} created · ${f.closed} closed last week · ${f.overdue} overdue now`,
  );
  if (review.recurringAlerts.length > 0) {
    lines.push(
      `${style.bold('Recurring alerts (90 days)')}: ${recurring(review.recurringAlerts, style)}`,
    );
  }
  if (review.recurringServices.length > 0) {
    lines.push(
      `${style.bold('Recurring services (90 days)')}: ${recurring(review.recurringServices, style)}`,
    );
  }
  if (review.preventionMatches.length > 0) {
    lines.push('', style.bold('Open follow-ups that matched a new incident'));
    lines.push(...listed(review.preventionMatches, (m) => `• ${matchLine(m, style)}`));
  }
  return lines;
}

function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const more = items.length - LISTED;
  return [...items.slice(0, LISTED).map(line), ...(more > 0 ? [`…and ${more} more`] : [])];
}

function incidentLine(i: ReviewIncident, style: TextStyle, withTimes: boolean): string {
  const what = i.title === null ? 'an incident in a private channel' : style.name(i.title, 120);
  const where = i.isPrivate ? '' : ` in ${style.channel(i.channelId, i.channelName)}`;
  const times = withTimes
    ? ` · TTD ${duration(i.ttdMs)} · TTM ${duration(i.ttmMs)} · post-mortem ${STATE_NAMES[i.postmortemState]}`
    : '';
  return `${i.severity} ${what}${where}${times}`;
}

function matchLine(m: PreventionMatch, style: TextStyle): string {
  const a = m.action;
  const what = m.actionIsPrivate
    ? `follow-up #${a.id} of an incident in a private channel`
    : `#${a.id} ${style.name(a.text, 120)}`;
  const due = a.dueDate === null ? '' : `, due ${a.dueDate}`;
  const state = a.status === 'open' ? 'still open' : a.status;
  return `${what} (${state}${due}) — could have prevented ${incidentLine(m.incident, style, false)}`;
}

function duration(ms: number | null): string {
  return ms === null ? 'not yet' : formatDuration(ms);
}
