import { messageTexts } from '../domain/alerts/shared.ts';
import { interpretMessageEvent, type SlackMessageEvent } from '../domain/message-event.ts';
import { findRelatedQuietly } from './find-related.ts';
import type { Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';
import { suggestFromDatadogMessage } from './suggest-services.ts';

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
export async function recordMessage(
  deps: Deps,
  input: { eventId: string | null; event: SlackMessageEvent },
): Promise<RecordResult> {
  const change = interpretMessageEvent(input.event);
  if (change.kind === 'ignored') return 'ignored';
  const channelId = change.kind === 'deleted' ? change.channelId : change.message.channelId;
  // One store step: the open incident, the event id's claim and the change itself.
  const result = await deps.store.messages.recordEvent({
    channelId,
    eventId: input.eventId,
    change,
    now: deps.clock.now(),
  });

  if (change.kind !== 'deleted' && change.message.userId && result !== 'duplicate') {
    void rememberPeople(deps, [change.message.userId]);
  }
  // A new alert message can relate the incident to past ones, and a Datadog one names services.
  // Not awaited: the event is answered once stored, and looking (and posting) must not hold that
  // answer up.
  if (
    change.kind !== 'deleted' &&
    change.message.alert &&
    (result === 'recorded' || result === 'edited')
  ) {
    const texts = change.message.alert.source === 'datadog' ? messageTexts(change.raw) : [];
    void afterAlertMessage(deps, channelId, texts);
  }
  return result;
}

/**
 * Suggested services first (Datadog's `service:` tags), so the look for related incidents sees
 * them; that suggestion looks by itself when it added any, so the look here is then not repeated.
 * Never rejects: nobody awaits it.
 */
async function afterAlertMessage(deps: Deps, channelId: string, datadogTexts: readonly string[]) {
  let added = 0;
  if (datadogTexts.length > 0) {
    try {
      added = (await suggestFromDatadogMessage(deps, channelId, datadogTexts)).length;
    } catch (error) {
      deps.logger.warn({ err: error, channelId }, 'suggesting services from an alert failed');
    }
  }
  // An alert the incident already had (the same one firing or resolving again) adds nothing to
  // what the lookup searches by, so it is not looked again.
  if (added === 0) await findRelatedQuietly(deps, { channelId }, { onlyIfChanged: true });
}
