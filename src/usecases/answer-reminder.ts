import { changeAction } from './change-action.ts';
import type { Deps, ReminderDigest, ReminderItem } from './ports.ts';

const DAY = 24 * 60 * 60 * 1000;

export type ReminderAnswer = 'done' | 'snooze_day' | 'snooze_week' | { reassignTo: string };

/**
 * A click on a reminder DM. Clicking a stale button (already done elsewhere, clicked twice) is
 * harmless: the message is simply redrawn from the current state, which this returns.
 */
export async function answerReminder(
  deps: Deps,
  input: { userId: string; actionId: number; answer: ReminderAnswer; shownIds: readonly number[] },
): Promise<ReminderDigest> {
  const { store } = deps;
  const action = await store.actions.get(input.actionId);
  if (action?.status === 'open') {
    if (typeof input.answer === 'object') {
      const verb = { kind: 'assign' as const, ownerId: input.answer.reassignTo };
      await changeAction(deps, { userId: input.userId, id: action.id, verb });
    } else if (input.answer === 'done') {
      await changeAction(deps, { userId: input.userId, id: action.id, verb: { kind: 'done' } });
    } else {
      const until = deps.clock.now() + (input.answer === 'snooze_day' ? DAY : 7 * DAY);
      await store.reminders.snooze(action.id, until);
    }
  }
  const ids = input.shownIds.length > 0 ? input.shownIds : [input.actionId];
  const snoozed = await store.reminders.snoozedUntil(ids);
  const now = deps.clock.now();
  const items: ReminderItem[] = [];
  for (const id of ids) {
    const a = await store.actions.get(id);
    if (!a) continue;
    const incident = await store.incidents.get(a.incidentId);
    const until = snoozed.get(id) ?? null;
    items.push({
      action: a,
      reason: 'due',
      incidentTitle: incident?.title ?? 'an incident',
      channelId: incident?.channelId ?? '',
      snoozedUntil: until !== null && until > now ? until : null,
    });
  }
  return { items };
}
