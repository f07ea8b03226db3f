import { interpretMessageEvent, type SlackMessageEvent } from '../domain/message-event.ts';
import { applyMessageChange } from './apply-message-change.ts';
import type { Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';

export type RecordResult =
  | 'recorded'
  | 'edited'
  | 'deleted'
  | 'duplicate'
  | 'no-incident'
  | 'ignored';

/**
 * Applies one message event to the channel's open incident. Slack retries deliveries, so the
 * event id and the (channel, ts) key both make a second delivery a no-op.
 */
export function recordMessage(
  deps: Deps,
  input: { eventId: string | null; event: SlackMessageEvent },
): RecordResult {
  const { store, clock } = deps;
  const change = interpretMessageEvent(input.event);
  if (change.kind === 'ignored') return 'ignored';
  const channelId = change.kind === 'deleted' ? change.channelId : change.message.channelId;
  const now = clock.now();

  const result = store.transaction((): RecordResult => {
    const incident = store.incidents.findOpenInChannel(channelId);
    if (!incident) return 'no-incident';
    if (input.eventId && !store.messages.claimEvent(input.eventId, now)) return 'duplicate';
    return applyMessageChange(store, incident.id, change, now);
  });

  if (change.kind !== 'deleted' && change.message.userId && result !== 'duplicate') {
    void rememberPeople(deps, [change.message.userId]);
  }
  return result;
}
