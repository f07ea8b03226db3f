import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';

/** What an event handler receives: the arguments Bolt's `app.event` listeners get. */
export type EventArgs<T extends string> = SlackEventMiddlewareArgs<T> & AllMiddlewareArgs;

export interface EventRoutes {
  /** Handles every Events API delivery of `type`; one handler per type. */
  on<T extends string>(type: T, handler: (args: EventArgs<T>) => Promise<void>): void;
}

/**
 * Events API deliveries dispatched by their event type in one global middleware, in place of
 * `app.event` listeners. Bolt runs every listener's matching middleware for every request it
 * receives, each step spreading the arguments into a new object: with our ~15 listeners
 * (commands, buttons, shortcuts), every message event paid for all their chains to reach the one
 * it needs. Here a routed event goes to its handler and no further; anything else (commands,
 * clicks, an event type nobody routed here) goes on to Bolt's listeners as before.
 *
 * Bolt's own global middleware (ignoreSelf) still runs first, and errors take the same path as a
 * listener's: thrown out of the middleware, to the app's error handler.
 */
export function eventRoutes(app: App): EventRoutes {
  const handlers = new Map<string, (args: EventArgs<string>) => Promise<void>>();
  app.use(async (args) => {
    // The same test as Bolt's `onlyEvents`, then its `matchEventType` for a string.
    const event = 'event' in args ? args.event : undefined;
    const handler = event === undefined ? undefined : handlers.get(event.type);
    if (handler === undefined) {
      await args.next();
      return;
    }
    await handler(args as EventArgs<string>);
  });
  return {
    on(type, handler) {
      if (handlers.has(type)) throw new Error(`a handler for '${type}' events is already routed`);
      handlers.set(type, handler as (args: EventArgs<string>) => Promise<void>);
    },
  };
}
