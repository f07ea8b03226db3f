import type { App } from '@slack/bolt';
import type { SlackMessageEvent } from '../../../domain/message-event.ts';
import type { Deps } from '../../../usecases/ports.ts';
import { recordMessage } from '../../../usecases/record-message.ts';

// app.event('message'), not app.message(): the latter skips edits, deletes and attachment-only
// alerts, which are exactly what the timeline needs.
export function registerMessageEvents(app: App, deps: Deps): void {
  app.event('message', async ({ event, body }) => {
    const result = recordMessage(deps, {
      eventId: typeof body.event_id === 'string' ? body.event_id : null,
      event: event as SlackMessageEvent,
    });
    deps.logger.debug({ channelId: event.channel, result }, 'message event');
  });
}
