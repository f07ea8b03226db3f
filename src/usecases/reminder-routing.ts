import type { ReminderReason } from '../domain/reminders.ts';
import { escapeMrkdwn, plainToSafeMrkdwn, slackToPlain } from '../domain/slack-text.ts';
import { type Deps, failureCode, type OutgoingMessage, type ReminderItem } from './ports.ts';

/** Who is in a conversation now, asked once a pass; null when Slack would not say. */
export type MembersOf = (channelId: string) => Promise<ReadonlySet<string> | null>;

export function membersCache(deps: Deps): MembersOf {
  const known = new Map<string, Promise<ReadonlySet<string> | null>>();
  return (channelId) => {
    let members = known.get(channelId);
    if (!members) {
      members = deps.notifier.members(channelId).then(
        (ids) => new Set(ids),
        (error: unknown) => {
          deps.logger.warn(
            { err: error, channelId, code: failureCode(error) },
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

export type RoutedItem = ReminderItem & { isPrivate: boolean };

/**
 * Whether an item may go into the recipient's DM: always for a public incident; for a private
 * one only when the recipient is a current member of its channel (unknown membership: no).
 */
async function mayDm(item: RoutedItem, recipient: string, membersOf: MembersOf): Promise<boolean> {
  if (!item.isPrivate) return true;
  return (await membersOf(item.channelId))?.has(recipient) === true;
}

const WHY: Record<ReminderReason, string> = {
  due: 'is due',
  unowned: 'has no owner yet; who takes it?',
  abandoned: 'has been overdue for months; does it still matter?',
};

/** The reminder for someone outside a private channel, posted in it: no mention, no buttons. */
export function channelReminder(items: readonly RoutedItem[]): OutgoingMessage {
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
 * Splits a reminder's items between the recipient's DM and the channels of private incidents
 * they are not in. The weekly overview drops the latter (the channel hears when they are due).
 */
export async function routeItems(
  items: readonly RoutedItem[],
  recipient: string,
  weekly: boolean,
  membersOf: MembersOf,
): Promise<{ direct: RoutedItem[]; inChannel: Map<string, RoutedItem[]> }> {
  const direct: RoutedItem[] = [];
  const inChannel = new Map<string, RoutedItem[]>();
  for (const item of items) {
    if (await mayDm(item, recipient, membersOf)) direct.push(item);
    else if (!weekly && item.channelId !== '') {
      inChannel.set(item.channelId, [...(inChannel.get(item.channelId) ?? []), item]);
    }
  }
  return { direct, inChannel };
}
