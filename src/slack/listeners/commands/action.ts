import type { App } from '@slack/bolt';
import { ACTION_USAGE, parseActionCommand } from '../../../domain/commands/index.ts';
import { addAction } from '../../../usecases/add-action.ts';
import { listActions } from '../../../usecases/list-actions.ts';
import type { Deps } from '../../../usecases/ports.ts';
import { commandOrUsage, replyWith } from './reply.ts';

export function registerActionCommand(app: App, deps: Deps, name = '/action'): void {
  app.command(name, async ({ command, ack, respond }) => {
    const c = await commandOrUsage(parseActionCommand(command.text), ack);
    if (!c) return;
    if (c.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: ACTION_USAGE });
      return;
    }
    await ack();
    const channelId = command.channel_id;
    const log = deps.logger.child({ command: `${name} ${c.kind}`, channelId });
    await replyWith(respond, log, () =>
      c.kind === 'list'
        ? listActions(deps, { channelId })
        : addAction(deps, {
            channelId,
            userId: command.user_id,
            text: c.text,
            ownerId: c.ownerId,
            due: c.due,
          }),
    );
  });
}
