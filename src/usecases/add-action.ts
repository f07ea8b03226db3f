import { resolveDueDate } from '../domain/due-dates.ts';
import { announce, quoteUserText } from './announce.ts';
import { type CommandOutcome, type Deps, NO_OPEN_INCIDENT } from './ports.ts';
import { rememberPeople } from './remember-people.ts';

export interface AddActionInput {
  channelId: string;
  userId: string;
  text: string;
  ownerId: string | null;
  due: string | null;
}

export async function addAction(deps: Deps, input: AddActionInput): Promise<CommandOutcome> {
  const { store, clock } = deps;
  // The caller's own zone decides what "tomorrow" means; profiles are fetched once and kept.
  await rememberPeople(deps, input.ownerId ? [input.userId, input.ownerId] : [input.userId]);
  const now = clock.now();
  let dueDate: string | null = null;
  if (input.due !== null) {
    const zone = store.people.timeZoneOf(input.userId) ?? deps.timeZone;
    const due = resolveDueDate(input.due, now, zone);
    if (!due.ok) return { reply: `${due.error} Nothing was added.` };
    dueDate = due.date;
  }

  const action = store.transaction(() => {
    const incident = store.incidents.findOpenInChannel(input.channelId);
    if (!incident) return null;
    const saved = store.actions.insert({
      incidentId: incident.id,
      text: input.text,
      ownerId: input.ownerId,
      dueDate,
      createdBy: input.userId,
      createdAt: now,
      status: 'open',
    });
    store.incidents.addEvent({
      incidentId: incident.id,
      kind: 'action_added',
      at: now,
      actorId: input.userId,
      text: input.text,
      subjectId: input.ownerId,
      valueAt: null,
    });
    return saved;
  });
  if (!action) return { reply: NO_OPEN_INCIDENT };

  const owner = action.ownerId ? `<@${action.ownerId}>` : '_no owner yet_';
  const due = action.dueDate ? `, due ${action.dueDate}` : '';
  const problem = await announce(deps, input.channelId, {
    text: `:memo: *Action #${action.id}*: ${quoteUserText(deps, action.text)} — ${owner}${due}`,
  });
  return { reply: problem };
}
