import { formatDuration } from '../durations.ts';
import { localDay } from '../reminders.ts';
import { condense, slackToPlain } from '../slack-text.ts';
import { formatDay } from '../time-format.ts';
import type { ActionItem, Incident, PeopleDirectory } from '../types.ts';
import { ordinal, type Recurrence } from './score.ts';
import type { PreventionFollowUp, RelationReason } from './types.ts';

// What a related-incidents post and the draft's two sections say, as plain text: each renderer
// (Slack mrkdwn, Markdown, JSON) escapes it its own way.

const DAY_MS = 86_400_000;
const TITLE_MAX = 150;
const ACTION_MAX = 300;

export interface RelatedIncidentView {
  incidentId: number;
  title: string;
  channelId: string;
  severity: string;
  declaredAt: number;
  /** "same alert `CheckoutLatencyHigh`", "same service `checkout`" … */
  reasons: string[];
  /** "resolved in 1h 20m", "mitigated, not resolved yet", "still open". */
  ended: string;
  score: number;
}

export interface FollowUpView {
  actionId: number;
  incidentId: number;
  /** The related incident's channel, or null for a private incident not named here. */
  channelId: string | null;
  text: string;
  owner: string | null;
  status: ActionItem['status'];
  due: string | null;
  /** Whole days since it was committed to (until it was dropped, for a dropped one). */
  ageDays: number;
  /** Whole days past its due date while open; 0 when not overdue or without one. */
  overdueDays: number;
  /** "open for 40 days, 12 days overdue", "dropped after 3 days: no time". */
  state: string;
}

export interface RelatedView {
  related: RelatedIncidentView[];
  /** Related incidents in private channels elsewhere: counted, never named. */
  hidden: number;
  /** "This is the 3rd incident with alert `X` in 90 days.", or null. */
  recurrence: string | null;
  followUps: FollowUpView[];
  /** Open or dropped follow-ups of private incidents elsewhere: counted, never shown. */
  hiddenFollowUps: number;
}

export interface RelatedViewInput {
  current: Incident;
  relations: ReadonlyArray<{ related: Incident; reasons: RelationReason[]; score: number }>;
  followUps: readonly PreventionFollowUp[];
  recurrence: Recurrence | null;
  people: PeopleDirectory;
  now: number;
  timeZone: string;
}

/**
 * A private incident's title and content stay in its channel: elsewhere it is only counted.
 * The same channel is its own (a channel reused for a later incident).
 */
export function nameable(related: Incident, current: Incident): boolean {
  return related.isPrivate !== true || related.channelId === current.channelId;
}

export function relatedView(input: RelatedViewInput): RelatedView {
  const { current, people } = input;
  const named = input.relations.filter((r) => nameable(r.related, current));
  const shown = input.followUps.filter((f) => nameable(f.incident, current));
  return {
    related: named.map((r) => ({
      incidentId: r.related.id,
      title: condense(slackToPlain(r.related.title, people), TITLE_MAX),
      channelId: r.related.channelId,
      severity: r.related.severity,
      declaredAt: r.related.declaredAt,
      reasons: r.reasons.map(reasonText),
      ended: howItEnded(r.related),
      score: r.score,
    })),
    hidden: input.relations.length - named.length,
    recurrence:
      input.recurrence === null
        ? null
        : `This is the ${ordinal(input.recurrence.count)} incident with alert ${code(input.recurrence.alert)} in 90 days.`,
    followUps: shown.map((f) => followUpView(f, people, input.now, input.timeZone)),
    hiddenFollowUps: input.followUps.length - shown.length,
  };
}

/** A name from an alert or tag inside backticks; a backtick of its own would end the span. */
function code(name: string): string {
  return `\`${condense(name.replaceAll('`', "'"), 80)}\``;
}

export function reasonText(reason: RelationReason): string {
  switch (reason.kind) {
    case 'alert':
      return `same alert ${code(reason.name)}`;
    case 'service':
      return `same service ${code(reason.name)}`;
    case 'tag':
      return `same tag ${code(reason.key === '' ? reason.value : `${reason.key}:${reason.value}`)}`;
    case 'text':
      return 'similar title and description';
  }
}

export function howItEnded(incident: Incident): string {
  if (incident.resolvedAt !== null) {
    return `resolved in ${formatDuration(incident.resolvedAt - incident.declaredAt)}`;
  }
  if (incident.mitigatedAt !== null) {
    return `mitigated after ${formatDuration(incident.mitigatedAt - incident.declaredAt)}, not resolved yet`;
  }
  return 'still open';
}

function followUpView(
  { action, incident }: PreventionFollowUp,
  people: PeopleDirectory,
  now: number,
  timeZone: string,
): FollowUpView {
  const until = action.status === 'open' ? now : (action.closedAt ?? now);
  const ageDays = Math.max(0, Math.floor((until - action.createdAt) / DAY_MS));
  const overdueDays =
    action.status === 'open' && action.dueDate !== null
      ? Math.max(0, daysBetween(action.dueDate, localDay(now, timeZone)))
      : 0;
  return {
    actionId: action.id,
    incidentId: incident.id,
    channelId: incident.channelId,
    text: condense(slackToPlain(action.text, people), ACTION_MAX),
    owner: action.ownerId === null ? null : (people.get(action.ownerId) ?? action.ownerId),
    status: action.status,
    due: action.dueDate,
    ageDays,
    overdueDays,
    state: followUpState(
      // Typed into a slash command: Slack-encoded like the action's text.
      { ...action, dropReason: action.dropReason && slackToPlain(action.dropReason, people) },
      ageDays,
      localDay(now, timeZone),
    ),
  };
}

/** How a follow-up stands: its age and how overdue, or when and why it was dropped. */
export function followUpState(action: ActionItem, ageDays: number, today: string): string {
  if (action.status === 'dropped') {
    const why = action.dropReason ? `: ${condense(action.dropReason, 120)}` : '';
    return `dropped after ${days(ageDays)}${why}`;
  }
  if (action.status === 'done') return `done after ${days(ageDays)}`;
  const age = `open for ${days(ageDays)}`;
  if (action.dueDate === null) return `${age}, no due date`;
  const late = daysBetween(action.dueDate, today);
  if (late > 0) return `${age}, ${days(late)} overdue (due ${action.dueDate})`;
  if (late === 0) return `${age}, due today`;
  return `${age}, due in ${days(-late)}`;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** `2026-11-03`: when a related incident was declared, in the team's zone. */
export function declaredDay(view: RelatedIncidentView, timeZone: string): string {
  return formatDay(view.declaredAt, timeZone);
}
