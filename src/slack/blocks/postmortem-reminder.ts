import { escapeMrkdwn, plainToSafeMrkdwn, slackToPlain } from '../../domain/slack-text.ts';
import type { PostmortemReminderItem } from '../../usecases/ports.ts';
import { context, type SlackBlock } from './slack-block.ts';

export const POSTMORTEM_MARK_REVIEW = 'postmortem_mark_review';

/** Block ids of a post-mortem's part of a reminder DM: kept when the DM is redrawn. */
export const POSTMORTEM_BLOCK_PREFIX = 'postmortem-';

// Two blocks each: beside the capped action items (at most 32 blocks, reminder.ts) the DM stays
// within Slack's 50.
const MAX_POSTMORTEMS = 5;

/** Each overdue draft: where it is, since when, and a button that puts it in review. */
export function postmortemReminderBlocks(items: readonly PostmortemReminderItem[]): SlackBlock[] {
  return items.slice(0, MAX_POSTMORTEMS).flatMap((item) => {
    const title = plainToSafeMrkdwn(slackToPlain(item.incidentTitle, new Map()));
    return [
      {
        type: 'section',
        block_id: `${POSTMORTEM_BLOCK_PREFIX}${item.incidentId}`,
        text: {
          type: 'mrkdwn',
          text:
            `:memo: The post-mortem of _${title}_ in <#${item.channelId}> is still a draft ` +
            `(due *${escapeMrkdwn(item.dueDay)}*). Once the team reviews it, mark it in review ` +
            '(or run `/incident review` in its channel).',
        },
      },
      {
        type: 'actions',
        block_id: `${POSTMORTEM_BLOCK_PREFIX}actions-${item.incidentId}`,
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Mark in review', emoji: true },
            action_id: POSTMORTEM_MARK_REVIEW,
            value: String(item.incidentId),
          },
        ],
      },
    ];
  });
}

/** The DM's post-mortem blocks with one item's button replaced by what its click did. */
export function answeredPostmortemBlocks(
  blocks: readonly SlackBlock[],
  incidentId: number,
  outcome: string,
): SlackBlock[] {
  const id = `${POSTMORTEM_BLOCK_PREFIX}actions-${incidentId}`;
  return blocks.map((b) => (b.block_id === id ? { ...context(outcome), block_id: id } : b));
}

/** The post-mortem blocks of a reminder DM as Slack sent them back with a click. */
export function postmortemBlocksOf(blocks: readonly SlackBlock[]): SlackBlock[] {
  return blocks.filter(
    (b) => typeof b.block_id === 'string' && b.block_id.startsWith(POSTMORTEM_BLOCK_PREFIX),
  );
}
