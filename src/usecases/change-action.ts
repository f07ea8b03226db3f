import {
  type ActionChange,
  allFollowUpsClosed,
  completeAction,
  dropAction,
  reassignAction,
  rescheduleAction,
} from '../domain/actions.ts';
import { resolveDueDate } from '../domain/due-dates.ts';
import type { ActionItem } from '../domain/types.ts';
import { callerZone, describeAction } from './add-action.ts';
import { announce, quoteUserText } from './announce.ts';
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

  const result = store.transaction(() => {
    const action = store.actions.get(input.id);
    if (!action)
      return {
        ok: false as const,
        refused: `There is no action #${input.id}. See \`/action list\`.`,
      };
    const change: ActionChange =
      verb.kind === 'done'
        ? completeAction(action, input.userId, now)
        : verb.kind === 'drop'
          ? dropAction(action, verb.reason, input.userId, now)
          : verb.kind === 'assign'
            ? reassignAction(action, verb.ownerId)
            : rescheduleAction(action, dueDate ?? '');
    if (!change.ok) return change;
    const hadOpenFollowUps = !allFollowUpsClosed(store.actions.forIncident(action.incidentId));
    store.actions.update(change.action);
    const closedTheLast =
      hadOpenFollowUps && allFollowUpsClosed(store.actions.forIncident(action.incidentId));
    return { ok: true as const, action: change.action, closedTheLast };
  });
  if (!result.ok) return { reply: result.refused };

  const incident = store.incidents.get(result.action.incidentId);
  if (!incident) return { reply: null };
  const problems = [
    await announce(deps, incident.channelId, {
      text: announcement(deps, input.userId, verb, result.action),
    }),
    result.closedTheLast
      ? await announce(deps, incident.channelId, {
          text: `:tada: All follow-ups of *${quoteUserText(deps, incident.title)}* are closed. Thank you — that is how this incident stops happening again.`,
        })
      : null,
  ].filter((p) => p !== null);
  return { reply: problems.length > 0 ? problems.join(' ') : null };
}

function announcement(deps: Deps, by: string, verb: ActionVerb, a: ActionItem): string {
  switch (verb.kind) {
    case 'done':
      return `:white_check_mark: Done (by <@${by}>): ${describeAction(deps, a)}`;
    case 'drop':
      return `:wastebasket: Dropped by <@${by}>: ${describeAction(deps, a)} — reason: ${quoteUserText(deps, verb.reason)}`;
    case 'assign':
      return `:bust_in_silhouette: Reassigned by <@${by}>: ${describeAction(deps, a)}`;
    case 'due':
      return `:calendar: New due date (set by <@${by}>): ${describeAction(deps, a)}`;
  }
}
