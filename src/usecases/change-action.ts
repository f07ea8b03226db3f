import {
  type ActionChange,
  completeAction,
  dropAction,
  reassignAction,
  rescheduleAction,
} from '../domain/actions.ts';
import { resolveDueDate } from '../domain/due-dates.ts';
import type { ActionItem, PeopleDirectory } from '../domain/types.ts';
import { callerZone, describeAction } from './add-action.ts';
import { announce, quoteUserText } from './announce.ts';
import { closedTheLastFollowUp } from './follow-ups.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';

export type ActionVerb =
  | { kind: 'done' }
  | { kind: 'assign'; ownerId: string }
  | { kind: 'due'; due: string }
  | { kind: 'drop'; reason: string };

/** `/action done|assign|due|drop <id> …`: changes one action, wherever it is run from. */
export async function changeAction(
  deps: Deps,
  input: { userId: string; id: number; verb: ActionVerb },
): Promise<CommandOutcome> {
  const { store } = deps;
  const { verb } = input;
  let dueDate: string | null = null;
  if (verb.kind === 'due') {
    const due = resolveDueDate(verb.due, deps.clock.now(), await callerZone(deps, input.userId));
    if (!due.ok) return { reply: `${due.error} Nothing was changed.` };
    dueDate = due.date;
  }
  if (verb.kind === 'assign') void rememberPeople(deps, [verb.ownerId]);
  const now = deps.clock.now();

  const result = await store.actions.change(
    input.id,
    (action): ActionChange =>
      verb.kind === 'done'
        ? completeAction(action, input.userId, now)
        : verb.kind === 'drop'
          ? dropAction(action, verb.reason, input.userId, now)
          : verb.kind === 'assign'
            ? reassignAction(action, verb.ownerId)
            : rescheduleAction(action, dueDate ?? ''),
  );
  if (!result) return { reply: `There is no action #${input.id}. See \`/action list\`.` };
  if (!result.ok) return { reply: result.refused };

  const incident = await store.incidents.get(result.action.incidentId);
  if (!incident) return { reply: null };
  const people = await store.people.directory();
  const problems = [
    await announce(deps, incident.channelId, {
      text: announcement(people, input.userId, verb, result.action),
    }),
    closedTheLastFollowUp(result)
      ? await announce(deps, incident.channelId, {
          text: `:tada: All follow-ups of *${quoteUserText(people, incident.title)}* are closed. Thank you — that is how this incident stops happening again.`,
        })
      : null,
  ].filter((p) => p !== null);
  return { reply: problems.length > 0 ? problems.join(' ') : null };
}

function announcement(p: PeopleDirectory, by: string, verb: ActionVerb, a: ActionItem): string {
  switch (verb.kind) {
    case 'done':
      return `:white_check_mark: Done (by <@${by}>): ${describeAction(p, a)}`;
    case 'drop':
      return `:wastebasket: Dropped by <@${by}>: ${describeAction(p, a)} — reason: ${quoteUserText(p, verb.reason)}`;
    case 'assign':
      return `:bust_in_silhouette: Reassigned by <@${by}>: ${describeAction(p, a)}`;
    case 'due':
      return `:calendar: New due date (set by <@${by}>): ${describeAction(p, a)}`;
  }
}
