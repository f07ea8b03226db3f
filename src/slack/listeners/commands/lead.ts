import type { App } from '@slack/bolt';
import { parseLeadCommand } from '../../../domain/commands/index.ts';
import { type Deps, metricsOf } from '../../../usecases/ports.ts';
import { setLead } from '../../../usecases/set-lead.ts';
import { failureReport } from '../failures.ts';
import { commandOrUsage, replyWith } from './reply.ts';

export function registerLeadCommand(app: App, deps: Deps, name = '/lead'): void {
  const metrics = metricsOf(deps);
  app.command(name, async ({ command, ack, respond }) => {
    const lead = await commandOrUsage(parseLeadCommand(command.text), ack);
    if (!lead) return metrics.command(name, 'usage');
    await ack();
    const failures = failureReport(deps, { command: name, channelId: command.channel_id });
    const outcome = await replyWith(respond, failures, () =>
      setLead(deps, {
        channelId: command.channel_id,
        userId: command.user_id,
        leadId: lead.userId,
      }),
    );
    metrics.command(name, outcome);
  });
}
