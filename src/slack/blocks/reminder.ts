import { escapeMrkdwn, plainToSafeMrkdwn, slackToPlain } from '../../domain/slack-text.ts';
import type { ReminderDigest, ReminderItem } from '../../usecases/ports.ts';
import { postmortemReminderBlocks } from './postmortem-reminder.ts';
import type { SlackBlock } from './slack-block.ts';

export const REMINDER_DONE = 'reminder_done';
export const REMINDER_SNOOZE_DAY = 'reminder_snooze_day';
export const REMINDER_SNOOZE_WEEK = 'reminder_snooze_week';
export const REMINDER_REASSIGN = 'reminder_reassign';

// Three blocks an item, plus the intro and a tail, stays under Slack's 50.
const MAX_ITEMS = 15;

function button(text: string, actionId: string, value: string, style?: 'primary') {
  return {
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

function line(item: ReminderItem): string {
  const { action } = item;
  const text = plainToSafeMrkdwn(slackToPlain(action.text, new Map()));
  const title = plainToSafeMrkdwn(slackToPlain(item.incidentTitle, new Map()));
  const due = action.dueDate ? ` · due *${escapeMrkdwn(action.dueDate)}*` : '';
  const why =
    item.reason === 'unowned'
      ? '\n:raising_hand: *Nobody owns this yet* — you lead the incident: pick an owner below.'
      : item.reason === 'abandoned' && action.ownerId
        ? `\n:hourglass: *Over 90 days overdue*; reminders to <@${action.ownerId}> have stopped. Reassign it, set a new date with \`/action due ${action.id} <when>\`, or drop it.`
        : '';
  return `*#${action.id}* ${text}${due}\nfrom _${title}_ in <#${item.channelId}>${why}`;
}

function status(item: ReminderItem): string | null {
  const { action } = item;
  if (action.status === 'done') return `:white_check_mark: #${action.id} is done. Thank you!`;
  if (action.status === 'dropped') return `:wastebasket: #${action.id} was dropped.`;
  if (item.snoozedUntil !== null) {
    return `:zzz: Snoozed until <!date^${Math.floor(item.snoozedUntil / 1000)}^{date_short_pretty}|later>.`;
  }
  return null;
}

/** The reminder DM: one item, or a digest; rebuilt in place after each click. */
export function reminderMessage(
  items: readonly ReminderItem[],
  options: { weekly?: boolean; postmortems?: ReminderDigest['postmortems'] } = {},
): { text: string; blocks: SlackBlock[] } {
  const open = items.filter((i) => i.action.status === 'open').length;
  const drafts = options.postmortems ?? [];
  const intro = options.weekly
    ? `Your week ahead: ${items.length} open incident action item${items.length === 1 ? '' : 's'}.`
    : items.length === 0 && drafts.length > 0
      ? 'A post-mortem you lead is still a draft:'
      : items.length === 1
        ? 'An action item from an incident is due:'
        : `${items.length} action items from incidents are due:`;
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:alarm_clock: ${intro}` } },
  ];
  for (const item of items.slice(0, MAX_ITEMS)) {
    blocks.push({
      type: 'section',
      block_id: `action-${item.action.id}`,
      text: { type: 'mrkdwn', text: line(item) },
    });
    const done = status(item);
    if (done !== null) {
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: done }] });
      continue;
    }
    const id = String(item.action.id);
    blocks.push({
      type: 'actions',
      elements: [
        button('Done', REMINDER_DONE, id, 'primary'),
        button('Snooze 1 day', REMINDER_SNOOZE_DAY, id),
        button('Snooze 1 week', REMINDER_SNOOZE_WEEK, id),
        {
          type: 'users_select',
          action_id: `${REMINDER_REASSIGN}-${id}`,
          placeholder: { type: 'plain_text', text: 'Reassign…', emoji: true },
        },
      ],
    });
  }
  blocks.push(...postmortemReminderBlocks(drafts));
  const hidden = items.length - MAX_ITEMS;
  const tail = [
    hidden > 0 ? `…and ${hidden} more.` : null,
    'See everything with `/action list mine`; reassign with `/action assign <id> @someone`.',
  ].filter((t) => t !== null);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tail.join(' ') }] });
  const text = options.weekly
    ? intro
    : items.length === 0 && drafts.length > 0
      ? intro
      : `${open} incident action item${open === 1 ? '' : 's'} due`;
  return { text, blocks };
}
