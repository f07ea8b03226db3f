import { actionKindFor, defaultDueDate } from '../domain/actions.ts';
import type { ActionPurpose } from '../domain/description/types.ts';
import { resolveDueDate } from '../domain/due-dates.ts';
import type { ActionItem, ActionPriority, PeopleDirectory } from '../domain/types.ts';
import { announce, quoteUserText } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';

export interface AddActionInput {
  channelId: string;
  userId: string;
  text: string;
  ownerId: string | null;
  due: string | null;
  priority: ActionPriority | null;
  /** What it is for (`detect`, `mitigate`, `prevent`), when said. */
  purpose?: ActionPurpose | null;
  /** The message the action was created from (message shortcut). */
  sourceTs?: string | null;
}

export const NO_INCIDENT_FOR_ACTIONS =
  'There is no incident in this channel. Actions belong to an incident: start one with `/incident start`.';

/** The caller's zone decides what "tomorrow" means; profiles are fetched once and kept. */
export async function callerZone(deps: Deps, userId: string): Promise<string> {
  await rememberPeople(deps, [userId]);
  return (await deps.store.people.timeZoneOf(userId)) ?? deps.timeZone;
}

/** One line describing an action, for channel posts and replies (`people`: the directory). */
export function describeAction(people: PeopleDirectory, a: ActionItem): string {
  const owner = a.ownerId ? `<@${a.ownerId}>` : '_no owner yet_';
  const due = a.dueDate ? ` · due ${a.dueDate}` : '';
  const priority = a.priority ? ` · ${a.priority.toUpperCase()}` : '';
  const kind = a.kind === 'follow_up' ? 'follow-up' : 'task';
  return `*#${a.id}* ${quoteUserText(people, a.text)} — ${owner}${due}${priority} (${kind})`;
}

/**
 * `/action <text> [@owner] [due <when>] [p1|p2|p3]`, during or after the incident: a task while
 * it is open, a follow-up once mitigated or resolved (follow-ups get a due date by severity).
 */
export async function addAction(deps: Deps, input: AddActionInput): Promise<CommandOutcome> {
  if (input.ownerId) void rememberPeople(deps, [input.ownerId]);
  const zone = await callerZone(deps, input.userId);
  const now = deps.clock.now();
  let dueDate: string | null = null;
  if (input.due !== null) {
    const due = resolveDueDate(input.due, now, zone);
    if (!due.ok) return { reply: `${due.error} Nothing was added.` };
    dueDate = due.date;
  }

  // Kind and default due date follow the incident as the store reads it, in the same step.
  const action = await deps.store.actions.add(input.channelId, (incident) => {
    const kind = actionKindFor(incident);
    return {
      action: {
        text: input.text,
        ownerId: input.ownerId,
        dueDate: dueDate ?? defaultDueDate(incident, kind, now, zone, deps.settings.followUpDays),
        createdBy: input.userId,
        createdAt: now,
        status: 'open',
        kind,
        priority: input.priority,
        closedAt: null,
        closedBy: null,
        dropReason: null,
        sourceTs: input.sourceTs ?? null,
      },
      event: {
        kind: 'action_added',
        at: now,
        actorId: input.userId,
        text: input.text,
        subjectId: input.ownerId,
        valueAt: null,
      },
      purpose: input.purpose ?? null,
    };
  });
  if (!action) return { reply: NO_INCIDENT_FOR_ACTIONS };

  const problem = await announce(deps, input.channelId, {
    text: `:memo: *Action* ${describeAction(await deps.store.people.directory(), action)}`,
  });
  return { reply: problem };
}
