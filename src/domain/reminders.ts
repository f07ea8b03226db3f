import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { ActionItem } from './types.ts';

// Which owners get a reminder DM now, and about which actions. Pure: time comes in as `now`.

export interface WorkingHours {
  /** Minutes after midnight, owner's local time. */
  startMinute: number;
  endMinute: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday). */
  days: readonly number[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  startMinute: 9 * 60,
  endMinute: 18 * 60,
  days: [1, 2, 3, 4, 5],
};

export interface ReminderState {
  lastRemindedAt: number | null;
  snoozedUntil: number | null;
}

export interface ReminderCandidate {
  action: ActionItem;
  state: ReminderState;
}

export interface OwnerReminder {
  ownerId: string;
  /** The owner's calendar day the DM belongs to (at most one DM per owner per day). */
  day: string;
  actions: ActionItem[];
}

export interface ReminderPolicy {
  /** How long after a reminder an overdue action is mentioned again. */
  everyMs: number;
  hours: WorkingHours;
}

export function localDay(now: number, timeZone: string): string {
  return format(new TZDate(now, timeZone), 'yyyy-MM-dd');
}

export function withinWorkingHours(now: number, timeZone: string, hours: WorkingHours): boolean {
  const local = new TZDate(now, timeZone);
  const isoDay = ((local.getDay() + 6) % 7) + 1;
  const minute = local.getHours() * 60 + local.getMinutes();
  return hours.days.includes(isoDay) && minute >= hours.startMinute && minute < hours.endMinute;
}

/** An open, owned action is due for a mention when its day has come and nothing holds it back. */
export function needsReminder(
  c: ReminderCandidate,
  now: number,
  timeZone: string,
  everyMs: number,
) {
  const { action, state } = c;
  if (action.status !== 'open' || action.ownerId === null || action.dueDate === null) return false;
  if (action.dueDate > localDay(now, timeZone)) return false;
  if (state.snoozedUntil !== null && state.snoozedUntil > now) return false;
  return state.lastRemindedAt === null || now - state.lastRemindedAt >= everyMs;
}

/**
 * Groups what is due by owner, inside each owner's working hours, skipping owners who already
 * got their DM today: several due actions make one digest, never several messages.
 */
export function dueReminders(
  candidates: readonly ReminderCandidate[],
  owners: ReadonlyMap<string, { timeZone: string; dmDays: ReadonlySet<string> }>,
  now: number,
  policy: ReminderPolicy,
): OwnerReminder[] {
  const byOwner = new Map<string, OwnerReminder>();
  for (const c of candidates) {
    const ownerId = c.action.ownerId;
    const owner = ownerId === null ? undefined : owners.get(ownerId);
    if (ownerId === null || owner === undefined) continue;
    if (!withinWorkingHours(now, owner.timeZone, policy.hours)) continue;
    const day = localDay(now, owner.timeZone);
    if (owner.dmDays.has(day)) continue;
    if (!needsReminder(c, now, owner.timeZone, policy.everyMs)) continue;
    const entry = byOwner.get(ownerId) ?? { ownerId, day, actions: [] };
    entry.actions.push(c.action);
    byOwner.set(ownerId, entry);
  }
  return [...byOwner.values()];
}

/** `09:00-18:00` → minutes; null when unreadable or empty. */
export function parseHours(text: string): { startMinute: number; endMinute: number } | null {
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59) return null;
  const startMinute = h1 * 60 + m1;
  const endMinute = h2 * 60 + m2;
  return endMinute > startMinute ? { startMinute, endMinute } : null;
}
