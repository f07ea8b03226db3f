import { interpretMessageEvent } from '../domain/message-event.ts';
import type { Deps, SlackHistoryMessage } from './ports.ts';
import type { KeyMarkKind } from './store-records.ts';

export type KeyMarkResult = 'marked' | 'unmarked' | 'unchanged' | 'no-incident' | 'not-found';

export interface KeyMarkInput {
  channelId: string;
  ts: string;
  kind: KeyMarkKind;
  userId: string;
  /** The message itself when the trigger carried it (message shortcuts do). */
  message?: SlackHistoryMessage;
}

/**
 * 📌, a pin or the message shortcut marks a message as a key event, at the message's own time.
 * A message from before the recording window (or missed) is fetched and recorded first.
 */
export async function markKeyEvent(deps: Deps, input: KeyMarkInput): Promise<KeyMarkResult> {
  const { store } = deps;
  if (!(await store.messages.find(input.channelId, input.ts))) {
    const incident = await store.incidents.findOpenInChannel(input.channelId);
    if (!incident) return 'no-incident';
    const message = input.message ?? (await fetchMessage(deps, input.channelId, input.ts));
    const change = message
      ? interpretMessageEvent({ ...message, type: 'message', channel: input.channelId })
      : null;
    if (change?.kind !== 'posted') return 'not-found';
    await store.messages.recordChanges(incident.id, [change], deps.clock.now());
  }
  const { message: _m, ...mark } = input;
  return (await store.keyMarks.add(mark, deps.clock.now())) ? 'marked' : 'unchanged';
}

export async function unmarkKeyEvent(
  deps: Deps,
  input: Omit<KeyMarkInput, 'message'>,
): Promise<KeyMarkResult> {
  return (await deps.store.keyMarks.remove(input)) ? 'unmarked' : 'unchanged';
}

async function fetchMessage(deps: Deps, channelId: string, ts: string) {
  const exact = { oldest: ts, latest: ts, limit: 1 };
  const top = await deps.notifier.history(channelId, exact);
  const found = top.messages.find((m) => m.ts === ts);
  if (found) return found;
  // Thread replies are not in channel history; the replies call finds them by their own ts.
  const thread = await deps.notifier.replies(channelId, ts, exact);
  return thread.messages.find((m) => m.ts === ts) ?? null;
}
