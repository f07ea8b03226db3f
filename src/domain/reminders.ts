import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { OverduePostmortem } from './postmortem-life.ts';
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
  /** Who answers for the incident: its lead, else its reporter. */
  leadId: string;
}

/** Why someone is reminded: their own due action, an action without owner, or a given-up one. */
export type ReminderReason = 'due' | 'unowned' | 'abandoned';

export interface OwnerReminder {
  /** The person DM'd: the owner, or the lead for unowned and abandoned actions. */
  ownerId: string;
  /** The recipient's calendar day the DM belongs to (at most one DM per person per day). */
  day: string;
  actions: ActionItem[];
  reasons: ReminderReason[];
  /** The recipient's sev1/sev2 post-mortems still a draft past their due day (as lead). */
  postmortems?: OverduePostmortem[];
}

/** After this long overdue the owner is no longer chased; the lead is told once instead. */
export const ABANDONED_AFTER_DAYS = 90;

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
  c: Pick<ReminderCandidate, 'action' | 'state'>,
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

function daysOverdue(dueDate: string, today: string): number {
  return Math.floor((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);
}

/** Who is reminded about an action now, and why; null when nobody is. */
export function reminderFor(
  c: ReminderCandidate,
  now: number,
  zoneOf: (userId: string) => string,
  everyMs: number,
): { recipient: string; reason: ReminderReason } | null {
  const { action, state } = c;
  if (action.status !== 'open') return null;
  if (action.ownerId === null) {
    // An action nobody owns will not get done: its lead is asked to find an owner.
    if (action.dueDate !== null && action.dueDate > localDay(now, zoneOf(c.leadId))) return null;
    const again = state.lastRemindedAt === null || now - state.lastRemindedAt >= everyMs;
    return again ? { recipient: c.leadId, reason: 'unowned' } : null;
  }
  const today = localDay(now, zoneOf(action.ownerId));
  if (action.dueDate !== null && daysOverdue(action.dueDate, today) >= ABANDONED_AFTER_DAYS) {
    // Chasing someone for months is nagging, not tracking: the lead decides, once.
    const givenUpAt = Date.parse(action.dueDate) + ABANDONED_AFTER_DAYS * 86_400_000;
    const told = state.lastRemindedAt !== null && state.lastRemindedAt >= givenUpAt;
    return told ? null : { recipient: c.leadId, reason: 'abandoned' };
  }
  return needsReminder(c, now, zoneOf(action.ownerId), everyMs)
    ? { recipient: action.ownerId, reason: 'due' }
    : null;
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
  const zoneOf = (id: string) => owners.get(id)?.timeZone ?? 'UTC';
  for (const c of candidates) {
    const target = reminderFor(c, now, zoneOf, policy.everyMs);
    const person = target === null ? undefined : owners.get(target.recipient);
    if (target === null || person === undefined) continue;
    if (!withinWorkingHours(now, person.timeZone, policy.hours)) continue;
    const day = localDay(now, person.timeZone);
    if (person.dmDays.has(day)) continue;
    const entry = byOwner.get(target.recipient) ?? {
      ownerId: target.recipient,
      day,
      actions: [],
      reasons: [],
    };
    entry.actions.push(c.action);
    entry.reasons.push(target.reason);
    byOwner.set(target.recipient, entry);
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

/** The key of an owner's weekly digest: `week:<ISO week-year>-W<week>` in their zone. */
export function weekKey(now: number, timeZone: string): string {
  return `week:${format(new TZDate(now, timeZone), "RRRR-'W'II")}`;
}

/**
 * Monday digests: every owner with open actions hears about all of them once a week, in their
 * first working hour of Monday or later that Monday, so nothing rests forgotten without a date.
 */
export function weeklyDigests(
  openByOwner: ReadonlyMap<string, readonly ActionItem[]>,
  owners: ReadonlyMap<string, { timeZone: string; sent: (key: string) => boolean }>,
  now: number,
  hours: WorkingHours,
): OwnerReminder[] {
  const digests: OwnerReminder[] = [];
  for (const [ownerId, actions] of openByOwner) {
    const owner = owners.get(ownerId);
    if (!owner || actions.length === 0) continue;
    const local = new TZDate(now, owner.timeZone);
    if (local.getDay() !== 1 || !withinWorkingHours(now, owner.timeZone, hours)) continue;
    const key = weekKey(now, owner.timeZone);
    if (owner.sent(key)) continue;
    digests.push({ ownerId, day: key, actions: [...actions], reasons: actions.map(() => 'due') });
  }
  return digests;
}
