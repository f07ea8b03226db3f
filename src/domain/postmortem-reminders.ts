import { overduePostmortem, type PostmortemCandidate, postmortemOwner } from './postmortem-life.ts';
import {
  ABANDONED_AFTER_DAYS,
  localDay,
  type OwnerReminder,
  type WorkingHours,
  withinWorkingHours,
} from './reminders.ts';

// Overdue post-mortem drafts ride in the lead's daily reminder: the same working hours, the same
// one DM per person per day, a digest with the lead's due actions rather than a second message.

/**
 * Adds each overdue sev1/sev2 draft to its lead's reminder of today (making one when the lead
 * has no due actions). Past ABANDONED_AFTER_DAYS after its due day a draft is not chased again:
 * months-old nagging tracks nothing.
 */
export function withPostmortemReminders(
  due: readonly OwnerReminder[],
  drafts: readonly PostmortemCandidate[],
  owners: ReadonlyMap<string, { timeZone: string; dmDays: ReadonlySet<string> }>,
  now: number,
  hours: WorkingHours,
  dueDays: number,
): OwnerReminder[] {
  const byOwner = new Map(due.map((r) => [r.ownerId, { ...r }]));
  for (const c of drafts) {
    const recipient = postmortemOwner(c.incident);
    const person = owners.get(recipient);
    if (person === undefined || !withinWorkingHours(now, person.timeZone, hours)) continue;
    const day = localDay(now, person.timeZone);
    if (person.dmDays.has(day)) continue;
    const overdue = overduePostmortem(c, now, person.timeZone, hours, dueDays);
    if (overdue === null) continue;
    if (Date.parse(day) - Date.parse(overdue.dueDay) >= ABANDONED_AFTER_DAYS * 86_400_000) continue;
    const entry = byOwner.get(recipient) ?? { ownerId: recipient, day, actions: [], reasons: [] };
    entry.postmortems = [...(entry.postmortems ?? []), overdue];
    byOwner.set(recipient, entry);
  }
  return [...byOwner.values()];
}
