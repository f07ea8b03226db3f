import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import type { ActionItem, ActionKind, Incident, Severity } from './types.ts';

// Rules for action items: what kind they are, when follow-ups are due, and how they close.

export type FollowUpDays = Readonly<Record<Severity, number>>;

export const DEFAULT_FOLLOW_UP_DAYS: FollowUpDays = { sev1: 7, sev2: 14, sev3: 30, sev4: 30 };

/** A task while the fire burns; a follow-up once the impact is mitigated or the incident over. */
export function actionKindFor(incident: Incident): ActionKind {
  return incident.status === 'declared' ? 'task' : 'follow_up';
}

/** Follow-ups without a date get one from the severity, so nothing lingers undated. */
export function defaultDueDate(
  incident: Incident,
  kind: ActionKind,
  now: number,
  timeZone: string,
  days: FollowUpDays = DEFAULT_FOLLOW_UP_DAYS,
): string | null {
  if (kind !== 'follow_up') return null;
  return format(addDays(new TZDate(now, timeZone), days[incident.severity]), 'yyyy-MM-dd');
}

export type ActionChange = { ok: true; action: ActionItem } | { ok: false; refused: string };

function closed(action: ActionItem): string | null {
  if (action.status === 'done') return `Action #${action.id} is already done.`;
  if (action.status === 'dropped')
    return `Action #${action.id} was dropped: ${action.dropReason ?? ''}`;
  return null;
}

export function completeAction(action: ActionItem, by: string, now: number): ActionChange {
  const refused = closed(action);
  if (refused) return { ok: false, refused };
  return { ok: true, action: { ...action, status: 'done', closedAt: now, closedBy: by } };
}

export function dropAction(
  action: ActionItem,
  reason: string,
  by: string,
  now: number,
): ActionChange {
  const refused = closed(action);
  if (refused) return { ok: false, refused };
  return {
    ok: true,
    action: { ...action, status: 'dropped', closedAt: now, closedBy: by, dropReason: reason },
  };
}

export function reassignAction(action: ActionItem, ownerId: string): ActionChange {
  const refused = closed(action);
  if (refused) return { ok: false, refused };
  if (action.ownerId === ownerId)
    return { ok: false, refused: `<@${ownerId}> already owns #${action.id}.` };
  return { ok: true, action: { ...action, ownerId } };
}

export function rescheduleAction(action: ActionItem, dueDate: string): ActionChange {
  const refused = closed(action);
  if (refused) return { ok: false, refused };
  return { ok: true, action: { ...action, dueDate } };
}

/** True when this change closed the last open follow-up of an incident that has follow-ups. */
export function allFollowUpsClosed(actions: readonly ActionItem[]): boolean {
  const followUps = actions.filter((a) => a.kind === 'follow_up');
  return followUps.length > 0 && followUps.every((a) => a.status !== 'open');
}
