import type { App, BlockAction, ButtonAction, RespondFn, UsersSelectAction } from '@slack/bolt';
import { answerReminder, type ReminderAnswer } from '../../../usecases/answer-reminder.ts';
import type { Deps } from '../../../usecases/ports.ts';
import { postmortemBlocksOf } from '../../blocks/postmortem-reminder.ts';
import {
  REMINDER_DONE,
  REMINDER_REASSIGN,
  REMINDER_SNOOZE_DAY,
  REMINDER_SNOOZE_WEEK,
  reminderMessage,
} from '../../blocks/reminder.ts';
import type { SlackBlock } from '../../blocks/slack-block.ts';
import { failureText } from '../commands/reply.ts';
import { failureReport } from '../failures.ts';

const ANSWERS: ReadonlyArray<readonly [string, ReminderAnswer]> = [
  [REMINDER_DONE, 'done'],
  [REMINDER_SNOOZE_DAY, 'snooze_day'],
  [REMINDER_SNOOZE_WEEK, 'snooze_week'],
];

const REASSIGN = new RegExp(`^${REMINDER_REASSIGN}-(\\d+)$`);

/** The ids of the actions a reminder DM shows, read back from its block ids. */
function shownIds(body: BlockAction): number[] {
  const blocks = (body.message?.blocks ?? []) as Array<{ block_id?: string }>;
  return blocks
    .map((b) => /^action-(\d+)$/.exec(b.block_id ?? '')?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);
}

/** Done / Snooze / Reassign on reminder DMs; the DM is redrawn in place after each click. */
export function registerReminderButtons(app: App, deps: Deps): void {
  const answer = async (
    body: BlockAction,
    respond: RespondFn,
    actionId: number,
    reply: ReminderAnswer,
  ) => {
    try {
      const redrawn = await answerReminder(deps, {
        userId: body.user.id,
        actionId,
        answer: reply,
        shownIds: shownIds(body),
      });
      const message = reminderMessage(redrawn.items);
      // A lead's overdue drafts stay as they were shown, above the closing line.
      const drafts = postmortemBlocksOf((body.message?.blocks ?? []) as SlackBlock[]);
      const blocks = [...message.blocks.slice(0, -1), ...drafts, ...message.blocks.slice(-1)];
      await respond({
        replace_original: true,
        text: message.text,
        blocks: blocks as never,
      });
    } catch (error) {
      const text = failureText(
        error,
        failureReport(deps, { listener: 'reminder-buttons', actionId }),
      );
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(
        (failure: unknown) => deps.logger.warn({ err: failure }, 'could not send the error reply'),
      );
    }
  };
  for (const [actionId, reply] of ANSWERS) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ action, body, ack, respond }) => {
      await ack();
      await answer(body, respond, Number(action.value), reply);
    });
  }
  app.action<BlockAction<UsersSelectAction>>(REASSIGN, async ({ action, body, ack, respond }) => {
    await ack();
    const id = Number(REASSIGN.exec(action.action_id)?.[1]);
    await answer(body, respond, id, { reassignTo: action.selected_user });
  });
}
