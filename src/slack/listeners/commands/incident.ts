import type { App } from '@slack/bolt';
import { INCIDENT_USAGE, parseIncidentCommand } from '../../../domain/commands/index.ts';
import { type Deps, metricsOf } from '../../../usecases/ports.ts';
import { failureReport } from '../failures.ts';
import { runIncidentCommand } from './incident-dispatch.ts';
import { commandOrUsage, replyWith } from './reply.ts';

export function registerIncidentCommand(app: App, deps: Deps, name = '/incident'): void {
  const metrics = metricsOf(deps);
  app.command(name, async ({ command, ack, respond }) => {
    const c = await commandOrUsage(parseIncidentCommand(command.text), ack);
    if (!c) return metrics.command(name, 'usage');
    if (c.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: INCIDENT_USAGE });
      return metrics.command(`${name} help`, 'ok');
    }
    await ack();
    const who = {
      channelId: command.channel_id,
      userId: command.user_id,
      // Slack sends 'privategroup' or 'directmessage' where it will not name the channel.
      channelName: /^[a-z0-9_-]+$/.test(command.channel_name ?? '') ? command.channel_name : null,
    };
    const failures = failureReport(deps, {
      command: `${name} ${c.kind}`,
      channelId: who.channelId,
    });
    const outcome = await replyWith(respond, failures, () => runIncidentCommand(deps, c, who));
    metrics.command(`${name} ${c.kind}`, outcome);
  });
}
