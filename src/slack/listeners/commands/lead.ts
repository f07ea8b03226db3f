import type { App } from '@slack/bolt';
import { parseLeadCommand } from '../../../domain/commands/index.ts';
import type { Deps } from '../../../usecases/ports.ts';
import { setLead } from '../../../usecases/set-lead.ts';
import { replyWith } from './reply.ts';

export function registerLeadCommand(app: App, deps: Deps, name = '/lead'): void {
  app.command(name, async ({ command, ack, respond }) => {
    const parsed = parseLeadCommand(command.text);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `${parsed.error}\n\n${parsed.usage}` });
      return;
    }
    await ack();
    const log = deps.logger.child({ command: name, channelId: command.channel_id });
    await replyWith(respond, log, () =>
      setLead(deps, {
        channelId: command.channel_id,
        userId: command.user_id,
        leadId: parsed.command.userId,
      }),
    );
  });
}
