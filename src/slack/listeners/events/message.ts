import type { SlackMessageEvent } from '../../../domain/message-event.ts';
import { type Deps, metricsOf, type SlackEventOutcome } from '../../../usecases/ports.ts';
import { type RecordResult, recordMessage } from '../../../usecases/record-message.ts';
import type { EventRoutes } from '../event-routes.ts';

const OUTCOME: Record<RecordResult, SlackEventOutcome> = {
  recorded: 'stored',
  edited: 'stored',
  deleted: 'stored',
  duplicate: 'duplicate',
  'no-incident': 'ignored',
  ignored: 'ignored',
};

// Every 'message' event (as app.event('message') would get them), not app.message(): the latter
// skips edits, deletes and attachment-only alerts, which are exactly what the timeline needs.
export function registerMessageEvents(events: EventRoutes, deps: Deps): void {
  const metrics = metricsOf(deps);
  events.on('message', async ({ event, body }) => {
    let result: RecordResult;
    try {
      result = await recordMessage(deps, {
        eventId: typeof body.event_id === 'string' ? body.event_id : null,
        event: event as SlackMessageEvent,
      });
    } catch (error) {
      // Not stored: the error handler answers with an error status and Slack delivers it again.
      metrics.slackEvent('refused');
      throw error;
    }
    metrics.slackEvent(OUTCOME[result]);
    deps.logger.debug({ channelId: event.channel, result }, 'message event');
  });
}
