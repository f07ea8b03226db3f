import type { App } from '@slack/bolt';
import { INCIDENT_USAGE, parseIncidentCommand } from '../../../domain/commands/index.ts';
import type { Deps } from '../../../usecases/ports.ts';
import { runIncidentCommand } from './incident-dispatch.ts';
import { commandOrUsage, replyWith } from './reply.ts';

export function registerIncidentCommand(app: App, deps: Deps, name = '/incident'): void {
  app.command(name, async ({ command, ack, respond }) => {
    const c = await commandOrUsage(parseIncidentCommand(command.text), ack);
    if (!c) return;
    if (c.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: INCIDENT_USAGE });
      return;
    }
    await ack();
    const who = {
      channelId: command.channel_id,
      userId: command.user_id,
      // Slack sends 'privategroup' or 'directmessage' where it will not name the channel.
      channelName: /^[a-z0-9_-]+$/.test(command.channel_name ?? '') ? command.channel_name : null,
    };
    const log = deps.logger.child({ command: `${name} ${c.kind}`, channelId: who.channelId });
    await replyWith(respond, log, () => runIncidentCommand(deps, c, who));
  });
}
