import { interpretMessageEvent } from '../domain/message-event.ts';
import type { KeyMarkKind } from '../store/key-marks.ts';
import { applyMessageChange } from './apply-message-change.ts';
import type { Deps, SlackHistoryMessage } from './ports.ts';

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
  if (!store.messages.find(input.channelId, input.ts)) {
    const incident = store.incidents.findOpenInChannel(input.channelId);
    if (!incident) return 'no-incident';
    const message = input.message ?? (await fetchMessage(deps, input.channelId, input.ts));
    const change = message
      ? interpretMessageEvent({ ...message, type: 'message', channel: input.channelId })
      : null;
    if (change?.kind !== 'posted') return 'not-found';
    const now = deps.clock.now();
    store.transaction(() => applyMessageChange(store, incident.id, change, now));
  }
  const { message: _m, ...mark } = input;
  return store.keyMarks.add(mark, deps.clock.now()) ? 'marked' : 'unchanged';
}

export function unmarkKeyEvent(deps: Deps, input: Omit<KeyMarkInput, 'message'>): KeyMarkResult {
  return deps.store.keyMarks.remove(input) ? 'unmarked' : 'unchanged';
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
