import { dueReminders } from '../domain/reminders.ts';
import { reminderMessage } from '../slack/blocks/reminder.ts';
import { slackErrorCode } from './announce.ts';
import type { Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';

/**
 * One pass of the reminder loop: each owner with actions due (in their own working hours and
 * zone) gets one DM — a single item or a digest — at most once a day. State lives in SQLite, so a
 * restart neither repeats nor drops a reminder.
 */
export async function sendReminders(deps: Deps): Promise<number> {
  const { store } = deps;
  const candidates = store.reminders.candidates();
  // Owners, and leads (who hear about unowned and given-up actions).
  const ownerIds = [
    ...new Set(
      candidates.flatMap((c) => (c.action.ownerId ? [c.action.ownerId, c.leadId] : [c.leadId])),
    ),
  ];
  await rememberPeople(deps, ownerIds);
  const owners = new Map(
    ownerIds.map((id) => [
      id,
      {
        timeZone: store.people.timeZoneOf(id) ?? deps.timeZone,
        dmDays: store.reminders.dmDays(id),
      },
    ]),
  );
  const now = deps.clock.now();
  const due = dueReminders(candidates, owners, now, deps.settings.reminders);
  let sent = 0;
  for (const reminder of due) {
    const items = reminder.actions.map((action, i) => {
      const incident = store.incidents.get(action.incidentId);
      return {
        action,
        reason: reminder.reasons[i] ?? 'due',
        incidentTitle: incident?.title ?? 'an incident',
        channelId: incident?.channelId ?? '',
        snoozedUntil: null,
      };
    });
    try {
      const channelId = await deps.notifier.openDm(reminder.ownerId);
      const { ts } = await deps.notifier.post(channelId, reminderMessage(items));
      store.transaction(() =>
        store.reminders.recordDm(
          { ownerId: reminder.ownerId, day: reminder.day, channelId, ts },
          reminder.actions.map((a) => a.id),
          now,
        ),
      );
      sent++;
    } catch (error) {
      // Nothing recorded: the next pass tries again.
      deps.logger.warn(
        { err: error, ownerId: reminder.ownerId, code: slackErrorCode(error) },
        'reminder DM failed',
      );
    }
  }
  return sent;
}
