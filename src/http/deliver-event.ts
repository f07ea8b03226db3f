import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '@slack/bolt';
import { HTTPResponseAck, HTTPModuleFunctions as http } from '../bolt.ts';
import type { boltLoggerFor } from '../logger.ts';

/** As Bolt's HTTPReceiver waits for an ack by default before answering 404 itself. */
const UNHANDLED_REQUEST_TIMEOUT_MS = 3001;

/**
 * Hands one Events API delivery to the app the way Bolt's HTTPReceiver does after parsing it
 * (its url_verification answer, its ack object, its retry headers, its default error answer),
 * built from the parts Bolt exports for custom receivers, but with the body the request guard
 * already parsed: Bolt's receiver would read the text and parse it a second time. Deliveries
 * reach this only through the guard (guardedReceiver): signed, fresh, not replayed, an object.
 */
export async function deliverEvent(
  app: App,
  delivery: {
    req: IncomingMessage;
    res: ServerResponse;
    body: Record<string, unknown>;
    logger: ReturnType<typeof boltLoggerFor>;
  },
): Promise<void> {
  const { req, res, body, logger } = delivery;
  if (body.type === 'url_verification') {
    http.buildUrlVerificationResponse(res, body);
    return;
  }
  const ack = new HTTPResponseAck({
    logger,
    processBeforeResponse: false,
    unhandledRequestHandler: http.defaultUnhandledRequestHandler,
    unhandledRequestTimeoutMillis: UNHANDLED_REQUEST_TIMEOUT_MS,
    httpRequest: req,
    httpRequestBody: body,
    httpResponse: res,
  });
  try {
    await app.processEvent({
      body,
      ack: ack.bind(),
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    });
    if (ack.storedResponse !== undefined) http.buildContentResponse(res, ack.storedResponse);
  } catch (error) {
    const acknowledged = await http.defaultProcessEventErrorHandler({
      error: error as Error,
      logger,
      request: req,
      response: res,
      storedResponse: ack.storedResponse,
    });
    if (acknowledged) ack.ack();
  }
}
