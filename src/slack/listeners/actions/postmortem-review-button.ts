import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Deps } from '../../../usecases/ports.ts';
import { takePostmortemStep } from '../../../usecases/postmortem-steps.ts';
import {
  answeredPostmortemBlocks,
  POSTMORTEM_MARK_REVIEW,
} from '../../blocks/postmortem-reminder.ts';
import type { SlackBlock } from '../../blocks/slack-block.ts';
import { failureText } from '../commands/reply.ts';
import { failureReport } from '../failures.ts';

/** "Mark in review" on a lead's reminder DM: the step is taken, the button gives way to its outcome. */
export function registerPostmortemReviewButton(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>(
    POSTMORTEM_MARK_REVIEW,
    async ({ action, body, ack, respond }) => {
      await ack();
      const incidentId = Number(action.value);
      let outcome: string;
      try {
        const { reply } = await takePostmortemStep(deps, {
          target: { incidentId },
          userId: body.user.id,
          step: 'review',
        });
        outcome = reply ?? 'Done.';
      } catch (error) {
        outcome = failureText(
          error,
          failureReport(deps, { listener: 'postmortem-review-button', incidentId }),
        );
      }
      const blocks = (body.message?.blocks ?? []) as SlackBlock[];
      await respond({
        replace_original: true,
        text: typeof body.message?.text === 'string' ? body.message.text : outcome,
        blocks: answeredPostmortemBlocks(blocks, incidentId, outcome) as never,
      }).catch((failure: unknown) =>
        deps.logger.warn({ err: failure }, 'could not redraw the reminder'),
      );
    },
  );
}
