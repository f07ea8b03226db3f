import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { App } from '@slack/bolt';
import { HTTPReceiver } from '../bolt.ts';
import type { Clock } from '../clock.ts';
import type { boltLoggerFor, Logger } from '../logger.ts';
import { deliverEvent } from './deliver-event.ts';
import {
  type GuardMetrics,
  guardSlackRequests,
  passedJson,
  routedPath,
  vouchedFor,
} from './slack-request-guard.ts';

const SLACK_PATHS = ['/slack/events'];

/**
 * Bolt's HTTP receiver with our guard in front of /slack/events: Bolt refuses bad and stale
 * signatures but accepts future-dated and replayed ones (see src/http/slack-request-guard.ts).
 * The guard's check is the stricter one, so Bolt's own (a second HMAC, a second read of the body
 * as text) is turned off, and in its place Bolt serves those paths only to requests the guard
 * vouched for: anything else that reaches it there is refused, never served unverified.
 * Events API deliveries (JSON) go to the app with the body the guard already parsed
 * (deliver-event.ts), where Bolt's receiver would parse the same text a second time.
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
  const receiver = new AppKeepingReceiver({
    signingSecret,
    endpoints: SLACK_PATHS,
    customRoutes,
    logger: deps.boltLogger,
    signatureVerification: false,
  });
  const bolt = onlyVouched(receiver.requestListener);
  const toApp: RequestListener = (req, res) => {
    const body = passedJson(req);
    if (body === undefined || receiver.boltApp === undefined) return bolt(req, res);
    void deliverEvent(receiver.boltApp, { req, res, body, logger: deps.boltLogger });
  };
  receiver.requestListener = guardSlackRequests(toApp, {
    signingSecret,
    clock: deps.clock,
    logger: deps.logger,
    paths: SLACK_PATHS,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  return receiver;
}

/** Bolt's HTTPReceiver, remembering the app it serves (public init) to hand it deliveries. */
class AppKeepingReceiver extends HTTPReceiver {
  boltApp: App | undefined;

  override init(app: App): void {
    super.init(app);
    this.boltApp = app;
  }
}

/** Bolt's listener, refusing any request for the Slack paths that the guard did not pass. */
export function onlyVouched(bolt: RequestListener): RequestListener {
  const paths = new Set(SLACK_PATHS);
  return (req: IncomingMessage, res: ServerResponse) => {
    // A request the guard passed needs no second look at its path.
    if (vouchedFor(req)) return bolt(req, res);
    const path = routedPath(req);
    const forSlack = path === null || paths.has(path);
    if (forSlack && req.method?.toUpperCase() === 'POST') {
      res.writeHead(401, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, error: 'invalid signature' }));
      return;
    }
    bolt(req, res);
  };
}
