import type { App, MessageShortcut } from '@slack/bolt';
import { condense, slackToPlain } from '../../../domain/slack-text.ts';
import { addAction } from '../../../usecases/add-action.ts';
import type { Deps } from '../../../usecases/ports.ts';
import { replyWith } from '../commands/reply.ts';
import { failureReport } from '../failures.ts';

export const CREATE_ACTION = 'create_action';

/** Message menu → "Create action from message": the message's text becomes an action item. */
export function registerCreateAction(app: App, deps: Deps): void {
  app.shortcut<MessageShortcut>(
    { callback_id: CREATE_ACTION, type: 'message_action' },
    async ({ shortcut, ack, respond }) => {
      await ack();
      const failures = failureReport(deps, {
        shortcut: CREATE_ACTION,
        channelId: shortcut.channel.id,
      });
      await replyWith(respond, failures, async () => {
        const raw = typeof shortcut.message.text === 'string' ? shortcut.message.text : '';
        const text = condense(slackToPlain(raw, await deps.store.people.directory()), 500);
        if (text === '') return { reply: 'That message has no text to turn into an action.' };
        const outcome = await addAction(deps, {
          channelId: shortcut.channel.id,
          userId: shortcut.user.id,
          text,
          ownerId: null,
          due: null,
          priority: null,
          sourceTs: shortcut.message_ts,
        });
        return {
          reply:
            outcome.reply ??
            'Action created from the message. Give it an owner with `/action assign <id> @someone`.',
        };
      });
    },
  );
}
