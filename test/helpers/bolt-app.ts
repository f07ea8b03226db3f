import { App, type Receiver } from '@slack/bolt';
import { boltLoggerFor, createLogger } from '../../src/logger.ts';

/**
 * A Bolt app with no transport, driven as a receiver drives it: each delivery handed to its
 * processEvent (and, in Socket Mode's tests, acked back by the test).
 */
export function appWithoutTransport(options: { extendedErrorHandler?: boolean } = {}): App {
  const receiver: Receiver = {
    init() {},
    start: async () => undefined,
    stop: async () => undefined,
  };
  return new App({
    token: 'xoxb-test-token',
    botId: 'B0BOT',
    botUserId: 'U0BOT',
    receiver,
    logger: boltLoggerFor(createLogger('silent')),
    ...options,
  });
}
