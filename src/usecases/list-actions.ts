import type { ActionItem, PeopleDirectory } from '../domain/types.ts';
import { describeAction, NO_INCIDENT_FOR_ACTIONS } from './add-action.ts';
import { quoteUserText } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';

export type ListFilter = 'mine' | 'open' | 'all';

function section(people: PeopleDirectory, title: string, actions: readonly ActionItem[]): string[] {
  if (actions.length === 0) return [];
  return [`*${title}*`, ...actions.map((a) => `• ${describeAction(people, a)}${closedNote(a)}`)];
}

function closedNote(a: ActionItem): string {
  if (a.status === 'done') return ' — done';
  if (a.status === 'dropped') return ` — dropped (${a.dropReason ?? 'no reason'})`;
  return '';
}

/**
 * `/action list [mine|open|all]`: `mine` is every open action you own, across incidents; `open`
 * (the default) and `all` are this channel's latest incident, tasks and follow-ups apart.
 */
export async function listActions(
  deps: Deps,
  input: { channelId: string; userId: string; filter: ListFilter },
): Promise<CommandOutcome> {
  const { store } = deps;
  if (input.filter === 'mine') {
    const mine = await store.actions.openForOwner(input.userId);
    if (mine.length === 0) return { reply: 'You own no open action items. :tada:' };
    const people = await store.people.directory();
    return {
      reply: [
        '*Your open action items*',
        ...mine.map((a) => `• ${describeAction(people, a)}`),
      ].join('\n'),
    };
  }
  const incident = await store.incidents.findLatestInChannel(input.channelId);
  if (!incident) return { reply: NO_INCIDENT_FOR_ACTIONS };
  const actions = (await store.actions.forIncident(incident.id)).filter(
    (a) => input.filter === 'all' || a.status === 'open',
  );
  if (actions.length === 0) {
    const none = input.filter === 'all' ? 'No action items yet.' : 'No open action items.';
    return { reply: `${none} Add one with \`/action <text> [@owner] [due <date>]\`.` };
  }
  const people = await store.people.directory();
  return {
    reply: [
      `*Action items for ${quoteUserText(people, incident.title)}*${input.filter === 'all' ? ' (all)' : ''}`,
      ...section(
        people,
        'During the incident',
        actions.filter((a) => a.kind === 'task'),
      ),
      ...section(
        people,
        'Follow-ups',
        actions.filter((a) => a.kind === 'follow_up'),
      ),
    ].join('\n'),
  };
}
