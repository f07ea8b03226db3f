import { quoteUserText } from './announce.ts';
import { type CommandOutcome, type Deps, NO_OPEN_INCIDENT } from './ports.ts';

export function listActions(deps: Deps, input: { channelId: string }): CommandOutcome {
  const incident = deps.store.incidents.findOpenInChannel(input.channelId);
  if (!incident) return { reply: NO_OPEN_INCIDENT };
  const actions = deps.store.actions.forIncident(incident.id);
  if (actions.length === 0) {
    return { reply: 'No action items yet. Add one with `/action <text> [@owner] [due <date>]`.' };
  }
  const lines = actions.map((a) => {
    const owner = a.ownerId ? `<@${a.ownerId}>` : 'no owner';
    const due = a.dueDate ? ` · due ${a.dueDate}` : '';
    const done = a.status === 'done' ? ' · done' : '';
    return `• *#${a.id}* ${quoteUserText(deps, a.text)} — ${owner}${due}${done}`;
  });
  return {
    reply: `*Action items for ${quoteUserText(deps, incident.title)}*\n${lines.join('\n')}`,
  };
}
