import type { App } from '@slack/bolt';
import { INCIDENT_USAGE, parseIncidentCommand } from '../../../domain/commands/index.ts';
import { mitigateIncident } from '../../../usecases/mitigate.ts';
import type { CommandOutcome, Deps } from '../../../usecases/ports.ts';
import { postStatus } from '../../../usecases/post-status.ts';
import { resolveIncident } from '../../../usecases/resolve-incident.ts';
import { setLead } from '../../../usecases/set-lead.ts';
import { startIncident } from '../../../usecases/start-incident.ts';
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
    const who = { channelId: command.channel_id, userId: command.user_id };
    const log = deps.logger.child({ command: `${name} ${c.kind}`, channelId: who.channelId });
    await replyWith(respond, log, (): Promise<CommandOutcome> => {
      switch (c.kind) {
        case 'start':
          return startIncident(deps, { ...who, title: c.title, severity: c.severity });
        case 'lead':
          return setLead(deps, { ...who, leadId: c.userId });
        case 'status':
          return postStatus(deps, { ...who, text: c.text });
        case 'mitigated':
          return mitigateIncident(deps, { ...who, note: c.note });
        case 'resolve':
          return resolveIncident(deps, { ...who, note: c.note });
      }
    });
  });
}
