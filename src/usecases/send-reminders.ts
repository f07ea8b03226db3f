import {
  dueReminders,
  type OwnerReminder,
  type ReminderReason,
  weeklyDigests,
} from '../domain/reminders.ts';
import { escapeMrkdwn, plainToSafeMrkdwn, slackToPlain } from '../domain/slack-text.ts';
import type { ActionItem } from '../domain/types.ts';
import { type ReminderItem, reminderMessage } from '../slack/blocks/reminder.ts';
import { slackErrorCode } from './announce.ts';
import type { Deps, OutgoingMessage } from './ports.ts';
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
  const openByOwner = new Map<string, ActionItem[]>();
  for (const { action } of candidates) {
    if (action.ownerId === null) continue;
    openByOwner.set(action.ownerId, [...(openByOwner.get(action.ownerId) ?? []), action]);
  }
  const weekly = weeklyDigests(
    openByOwner,
    new Map(
      [...owners].map(([id, o]) => [
        id,
        { timeZone: o.timeZone, sent: (key: string) => store.reminders.hasDm(id, key) },
      ]),
    ),
    now,
    deps.settings.reminders.hours,
  );
  const membersOf = membersCache(deps);
  let sent = 0;
  for (const reminder of due) if (await deliver(deps, reminder, now, false, membersOf)) sent++;
  for (const digest of weekly) if (await deliver(deps, digest, now, true, membersOf)) sent++;
  return sent;
}

/** Who is in a conversation now, asked once a pass; null when Slack would not say. */
type MembersOf = (channelId: string) => Promise<ReadonlySet<string> | null>;

function membersCache(deps: Deps): MembersOf {
  const known = new Map<string, Promise<ReadonlySet<string> | null>>();
  return (channelId) => {
    let members = known.get(channelId);
    if (!members) {
      members = deps.notifier.members(channelId).then(
        (ids) => new Set(ids),
        (error: unknown) => {
          deps.logger.warn(
            { err: error, channelId, code: slackErrorCode(error) },
            'could not list channel members; reminders for its private incident stay in it',
          );
          return null;
        },
      );
      known.set(channelId, members);
    }
    return members;
  };
}

type Item = ReminderItem & { isPrivate: boolean };

/**
 * Whether an item may go into the recipient's DM: always for a public incident; for a private
 * one only when the recipient is a current member of its channel (unknown membership: no).
 */
async function mayDm(item: Item, recipient: string, membersOf: MembersOf): Promise<boolean> {
  if (!item.isPrivate) return true;
  return (await membersOf(item.channelId))?.has(recipient) === true;
}

const WHY: Record<ReminderReason, string> = {
  due: 'is due',
  unowned: 'has no owner yet; who takes it?',
  abandoned: 'has been overdue for months; does it still matter?',
};

/** The reminder for someone outside a private channel, posted in it: no mention, no buttons. */
function channelReminder(items: readonly Item[]): OutgoingMessage {
  const lines = items.map(({ action, reason }) => {
    const text = plainToSafeMrkdwn(slackToPlain(action.text, new Map()));
    const due = action.dueDate ? ` (due ${escapeMrkdwn(action.dueDate)})` : '';
    return `• #${action.id} ${text}${due} ${WHY[reason]}`;
  });
  return {
    text:
      ':alarm_clock: Reminder (the person it is for is not in this private channel, so it was ' +
      `not sent as a DM):\n${lines.join('\n')}`,
  };
}

/**
 * Sends one reminder and records it; nothing is recorded when Slack fails, so the next pass
 * retries. Items of a private incident whose recipient is not in its channel are posted in that
 * channel instead of the DM; the weekly overview leaves them out (the channel hears about them
 * when they are due).
 */
async function deliver(
  deps: Deps,
  reminder: OwnerReminder,
  now: number,
  weekly: boolean,
  membersOf: MembersOf,
) {
  const { store } = deps;
  const items: Item[] = reminder.actions.map((action, i) => {
    const incident = store.incidents.get(action.incidentId);
    return {
      action,
      reason: reminder.reasons[i] ?? ('due' as const),
      incidentTitle: incident?.title ?? 'an incident',
      channelId: incident?.channelId ?? '',
      snoozedUntil: null,
      // An action without its incident cannot say where it belongs: keep it out of DMs.
      isPrivate: incident ? incident.isPrivate === true : true,
    };
  });
  const direct: Item[] = [];
  const inChannel = new Map<string, Item[]>();
  for (const item of items) {
    if (await mayDm(item, reminder.ownerId, membersOf)) direct.push(item);
    else if (!weekly && item.channelId !== '') {
      inChannel.set(item.channelId, [...(inChannel.get(item.channelId) ?? []), item]);
    }
  }
  const kept = inChannel.size > 0;
  if (items.length > direct.length) {
    deps.logger.info(
      { ownerId: reminder.ownerId, kept: items.length - direct.length, weekly },
      'reminder items of a private incident not sent as a DM: the recipient is not a member',
    );
  }
  if (direct.length === 0 && !kept) return false;
  try {
    let sentTo: { channelId: string; ts: string } | null = null;
    for (const [channelId, posted] of inChannel) {
      const { ts } = await deps.notifier.post(channelId, channelReminder(posted));
      sentTo ??= { channelId, ts };
    }
    if (direct.length > 0) {
      const channelId = await deps.notifier.openDm(reminder.ownerId);
      const { ts } = await deps.notifier.post(channelId, reminderMessage(direct, { weekly }));
      sentTo = { channelId, ts };
    }
    if (sentTo === null) return false;
    const reminded = [...direct, ...[...inChannel.values()].flat()].map((i) => i.action.id);
    const where = sentTo;
    store.transaction(() =>
      store.reminders.recordDm(
        { ownerId: reminder.ownerId, day: reminder.day, ...where },
        // The weekly overview does not count as chasing: due reminders keep their rhythm.
        weekly ? [] : reminded,
        now,
      ),
    );
    return true;
  } catch (error) {
    deps.logger.warn(
      { err: error, ownerId: reminder.ownerId, code: slackErrorCode(error) },
      'reminder DM failed',
    );
    return false;
  }
}
