// Builders shared by the action-side contract tests (actions, reminders, people and issues).
import type { ActionItem } from '../../../src/domain/types.ts';
import type { NewAction, Store } from '../../../src/usecases/ports.ts';
import { anAction, at } from '../../domain/builders.ts';

/** What `decide` answers for a new action: the action and its `action_added` event. */
export function newAction(text: string, overrides: Partial<NewAction['action']> = {}): NewAction {
  // The store assigns the id and the incident: the rest is the domain's usual action.
  const { id: _id, incidentId: _incidentId, ...action } = anAction({ text, dueDate: null });
  return {
    action: { ...action, ...overrides },
    event: {
      kind: 'action_added',
      at: at(15, 0),
      actorId: 'U0ALICE',
      text,
      subjectId: null,
      valueAt: null,
    },
  };
}

/** An action added through the port to the channel's latest incident; fails if there is none. */
export async function addedAction(
  store: Store,
  text: string,
  overrides: Partial<NewAction['action']> = {},
  channelId = 'C0INC',
): Promise<ActionItem> {
  const added = await store.actions.add(channelId, () => newAction(text, overrides));
  if (!added) throw new Error(`no incident in ${channelId} to add "${text}" to`);
  return added;
}
