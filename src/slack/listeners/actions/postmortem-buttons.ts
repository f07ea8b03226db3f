import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Deps } from '../../../usecases/ports.ts';
import { regenerateDraft } from '../../../usecases/regenerate-draft.ts';
import { replyWith } from '../commands/reply.ts';
import { failureReport } from '../failures.ts';

const REGENERATE_ACTION = 'postmortem_regenerate';
const VIEW_ACTION = 'postmortem_view';

/** The buttons on the draft summary message. */
export function registerPostmortemButtons(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>(REGENERATE_ACTION, async ({ action, ack, respond }) => {
    await ack();
    const incidentId = Number(action.value);
    const failures = failureReport(deps, { action: REGENERATE_ACTION, incidentId });
    await replyWith(respond, failures, () =>
      Number.isInteger(incidentId)
        ? regenerateDraft(deps, { incidentId })
        : { reply: 'That button no longer points at an incident.' },
    );
  });
  // A URL button still reports its click; Slack wants the ack even though there is nothing to do.
  app.action(VIEW_ACTION, async ({ ack }) => {
    await ack();
  });
}
