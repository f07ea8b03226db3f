import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import { describe, expect, it } from 'vitest';
import { eventRoutes } from '../../src/slack/listeners/event-routes.ts';
import { appWithoutTransport } from '../helpers/bolt-app.ts';

function eventBody(event: Record<string, unknown>, id = 'Ev1') {
  return { type: 'event_callback', team_id: 'T1', event_id: id, event };
}

const message = { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.000100' };
const reaction = {
  type: 'reaction_added',
  user: 'U1',
  reaction: 'pushpin',
  item: { type: 'message', channel: 'C1', ts: '1.000100' },
};
const command = {
  command: '/incident',
  text: 'help',
  team_id: 'T1',
  channel_id: 'C1',
  user_id: 'U1',
};

describe('event routes', () => {
  it('hands a routed event to its handler with what app.event gives, and to no listener', async () => {
    const app = appWithoutTransport({ extendedErrorHandler: true });
    const matched: string[] = [];
    // Bolt's listeners, each with a middleware that notes when Bolt runs it for a request.
    app.command(
      '/incident',
      async ({ next }) => {
        matched.push('command middleware');
        await next();
      },
      async () => {},
    );
    app.event(
      'reaction_added',
      async ({ next }) => {
        matched.push('reaction middleware');
        await next();
      },
      async () => {},
    );
    const seen: unknown[] = [];
    eventRoutes(app).on('message', async ({ event, body, message: m }) => {
      seen.push({ event, eventId: body.event_id, message: m });
    });

    await app.processEvent({ body: eventBody(message), ack: async () => {} });

    expect(seen).toEqual([{ event: message, eventId: 'Ev1', message }]);
    expect(matched).toEqual([]);
  });

  it('passes everything it does not route on to Bolt: other event types, commands', async () => {
    const app = appWithoutTransport({ extendedErrorHandler: true });
    const heard: string[] = [];
    eventRoutes(app).on('message', async () => {
      heard.push('routed message');
    });
    app.event('reaction_added', async ({ event }) => {
      heard.push(`listener ${event.type}`);
    });
    app.command('/incident', async ({ ack, command: c }) => {
      await ack();
      heard.push(`listener ${c.command}`);
    });

    await app.processEvent({ body: eventBody(reaction, 'Ev2'), ack: async () => {} });
    await app.processEvent({ body: command, ack: async () => {} });

    expect(heard).toEqual(['listener reaction_added', 'listener /incident']);
  });

  it('still skips the app’s own messages, as Bolt does before any listener', async () => {
    const app = appWithoutTransport({ extendedErrorHandler: true });
    const seen: unknown[] = [];
    eventRoutes(app).on('message', async ({ event }) => {
      seen.push(event);
    });
    const own = { ...message, subtype: 'bot_message', bot_id: 'B0BOT', user: undefined };

    await app.processEvent({ body: eventBody(own), ack: async () => {} });

    expect(seen).toEqual([]);
  });

  it('sends a handler’s failure to the app’s error handler with the delivery', async () => {
    const app = appWithoutTransport({ extendedErrorHandler: true });
    const failure = new Error('database is locked');
    eventRoutes(app).on('message', async () => {
      throw failure;
    });
    const handled: unknown[] = [];
    app.error(async ({ error, body }: ExtendedErrorHandlerArgs) => {
      handled.push({ message: error.message, eventId: (body as { event_id?: string }).event_id });
      throw error;
    });

    await expect(
      app.processEvent({ body: eventBody(message), ack: async () => {} }),
    ).rejects.toThrow('database is locked');
    expect(handled).toEqual([{ message: 'database is locked', eventId: 'Ev1' }]);
  });

  it('refuses a second handler for the same event type', () => {
    const routes = eventRoutes(appWithoutTransport({ extendedErrorHandler: true }));
    routes.on('message', async () => {});
    expect(() => routes.on('message', async () => {})).toThrow(/already routed/);
  });
});
