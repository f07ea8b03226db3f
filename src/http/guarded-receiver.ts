import { HTTPReceiver } from '@slack/bolt';
import type { Clock } from '../clock.ts';
import type { boltLoggerFor, Logger } from '../logger.ts';
import { type GuardMetrics, guardSlackRequests } from './slack-request-guard.ts';

/**
 * Bolt's HTTP receiver with our guard in front of /slack/events: Bolt refuses bad and stale
 * signatures but accepts future-dated and replayed ones (see src/http/slack-request-guard.ts).
 */
export function guardedReceiver(
  signingSecret: string,
  customRoutes: ConstructorParameters<typeof HTTPReceiver>[0]['customRoutes'],
  deps: {
    clock: Clock;
    logger: Logger;
    boltLogger: ReturnType<typeof boltLoggerFor>;
    metrics?: GuardMetrics;
  },
): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, customRoutes, logger: deps.boltLogger });
  receiver.requestListener = guardSlackRequests(receiver.requestListener, {
    signingSecret,
    clock: deps.clock,
    logger: deps.logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  return receiver;
}
