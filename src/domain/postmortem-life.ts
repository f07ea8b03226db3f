import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import type { Refusal } from './incident.ts';
import { localDay, type WorkingHours } from './reminders.ts';
import type { Incident, IncidentEvent, Severity } from './types.ts';

// The post-mortem's own life, apart from the incident's: draft → in review → published, or
// skipped for a small incident. Pure: time comes in as `now`.

export const POSTMORTEM_STATES = ['draft', 'in_review', 'published', 'skipped'] as const;
export type PostmortemState = (typeof POSTMORTEM_STATES)[number];

export interface PostmortemLife {
  state: PostmortemState;
  /** When and by whom the state was last changed; null while it is the first draft. */
  at: number | null;
  by: string | null;
  /** Why it was skipped; null unless skipped. */
  skipReason: string | null;
}

export const FIRST_DRAFT: PostmortemLife = { state: 'draft', at: null, by: null, skipReason: null };

export type PostmortemStep = 'review' | 'publish' | 'skip';

export interface LifeChange {
  life: PostmortemLife;
  event: Omit<IncidentEvent, 'incidentId'>;
}

/** The severities whose post-mortem cannot be skipped, and which are chased when left a draft. */
export const MUST_WRITE: readonly Severity[] = ['sev1', 'sev2'];

export const SKIP_REASON_MAX_LENGTH = 500;

const LABELS: Record<PostmortemState, string> = {
  draft: 'draft',
  in_review: 'in review',
  published: 'published',
  skipped: 'skipped',
};

export function describeState(state: PostmortemState): string {
  return LABELS[state];
}

/** A stored value read back; anything unknown reads as a draft, the safe default. */
export function toPostmortemState(value: string): PostmortemState {
  return (POSTMORTEM_STATES as readonly string[]).includes(value)
    ? (value as PostmortemState)
    : 'draft';
}

/**
 * One step in the post-mortem's life. Every step waits for the resolution: the draft is written
 * when the incident closes, and a review of an incident still going on would review a moving
 * target. Publishing needs a review first. Only sev3/sev4 may skip (with a reason): a sev1 or
 * sev2 always gets a written post-mortem, or its severity is lowered first. A published or
 * skipped post-mortem can be taken back into review (a correction, a change of mind).
 */
export function stepPostmortem(
  incident: Incident,
  life: PostmortemLife,
  step: PostmortemStep,
  actorId: string,
  now: number,
  reason: string | null = null,
): LifeChange | Refusal {
  if (incident.status !== 'resolved') {
    return {
      refused: `The incident is still ${incident.status}. Its post-mortem can be reviewed, published or skipped once it is resolved (\`/incident resolve\`).`,
    };
  }
  const refusal = refusalOf(incident, life, step);
  if (refusal !== null) return { refused: refusal };
  const state: PostmortemState =
    step === 'review' ? 'in_review' : step === 'publish' ? 'published' : 'skipped';
  const skipReason = step === 'skip' ? reason : null;
  return {
    life: { state, at: now, by: actorId, skipReason },
    event: {
      kind: EVENT_OF[step],
      at: now,
      actorId,
      text: skipReason,
      subjectId: null,
      valueAt: null,
    },
  };
}

const EVENT_OF = {
  review: 'postmortem_in_review',
  publish: 'postmortem_published',
  skip: 'postmortem_skipped',
} as const;

function refusalOf(incident: Incident, life: PostmortemLife, step: PostmortemStep): string | null {
  const { state } = life;
  switch (step) {
    case 'review':
      return state === 'in_review' ? 'The post-mortem is already in review.' : null;
    case 'publish':
      if (state === 'published') return 'The post-mortem is already published.';
      if (state === 'skipped') {
        return 'The post-mortem was skipped. To write one after all, start its review with `/incident review`.';
      }
      return state === 'draft'
        ? 'The post-mortem is still a draft: put it in review first with `/incident review`.'
        : null;
    case 'skip':
      if (MUST_WRITE.includes(incident.severity)) {
        return `A ${incident.severity} incident needs a post-mortem. If it was smaller than that, lower its severity first (\`/incident sev 3\`).`;
      }
      if (state === 'published') return 'The post-mortem is already published.';
      return state === 'skipped' ? 'The post-mortem is already skipped.' : null;
  }
}

/**
 * The local day (`YYYY-MM-DD` in `timeZone`) a post-mortem resolved at `resolvedAt` is due:
 * `dueDays` working days (the reminders' working days) after the day of the resolution.
 */
export function postmortemDueDay(
  resolvedAt: number,
  timeZone: string,
  hours: Pick<WorkingHours, 'days'>,
  dueDays: number,
): string {
  // Noon of the local day: stepping whole days never crosses a daylight-saving edge into the
  // wrong date.
  const [y, m, d] = localDay(resolvedAt, timeZone).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  let day = new TZDate(y, m - 1, d, 12, timeZone);
  let counted = 0;
  // Without working days nothing is ever due; stop after a year rather than loop.
  for (let guard = 0; counted < dueDays && guard < 366; guard++) {
    day = addDays(day, 1);
    const isoDay = ((day.getDay() + 6) % 7) + 1;
    if (hours.days.includes(isoDay)) counted++;
  }
  return counted < dueDays ? '9999-12-31' : format(day, 'yyyy-MM-dd');
}

/** A sev1/sev2 incident whose post-mortem is still a draft, as the reminder pass reads it. */
export interface PostmortemCandidate {
  incident: Incident;
  life: PostmortemLife;
}

export interface OverduePostmortem {
  incident: Incident;
  /** The local day it became due, in the recipient's zone. */
  dueDay: string;
}

/** Who answers for a post-mortem: the incident's lead, else its reporter. */
export function postmortemOwner(incident: Incident): string {
  return incident.leadId ?? incident.reporterId;
}

/**
 * Whether the lead is to hear about this draft now: a resolved sev1/sev2 whose post-mortem is
 * still a draft on or after its due day (in the lead's zone). It is mentioned in the lead's
 * daily reminder until it moves on; the one-DM-a-day rule keeps that to once a day.
 */
export function overduePostmortem(
  c: PostmortemCandidate,
  now: number,
  timeZone: string,
  hours: Pick<WorkingHours, 'days'>,
  dueDays: number,
): OverduePostmortem | null {
  const { incident, life } = c;
  if (life.state !== 'draft' || incident.status !== 'resolved' || incident.resolvedAt === null) {
    return null;
  }
  if (!MUST_WRITE.includes(incident.severity)) return null;
  const dueDay = postmortemDueDay(incident.resolvedAt, timeZone, hours, dueDays);
  return localDay(now, timeZone) >= dueDay ? { incident, dueDay } : null;
}
