import type { App } from '@slack/bolt';
import type { Logger } from '../../logger.ts';

type ReceiverEvent = Parameters<App['processEvent']>[0];

/** An Events API delivery (messages, reactions, pins), as opposed to commands and clicks. */
export function isEventCallback(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { type?: unknown }).type === 'event_callback'
  );
}

/** Under Slack's 3-second deadline, with room for the response to travel. */
const EVENT_ACK_DEADLINE_MS = 2500;

/**
 * Bolt answers an Events API delivery before its listeners run, so an event the database refused
 * (or that a crash cut short) was already acknowledged and Slack never sent it again. Here the
 * answer waits for the listeners: 200 once they are done, and an error status when one failed
 * (the app's error handler rethrows for events), so Slack retries the delivery; the event id
 * makes a retry of a stored event a no-op. A listener still running at `deadlineMs` is answered
 * 200 then, as Bolt would have (ADR 0008).
 */
export function ackEventsAfterListeners(
  app: App,
  logger: Logger,
  deadlineMs = EVENT_ACK_DEADLINE_MS,
): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    if (!isEventCallback(event.body)) return processEvent(event);
    let acked = false;
    const ack = async () => {
      if (acked) return;
      acked = true;
      await event.ack();
    };
    const late = setTimeout(() => {
      logger.warn('an event listener is still running at the ack deadline; acknowledging it now');
      ack().catch((error: unknown) => logger.warn({ err: error }, 'late event ack failed'));
    }, deadlineMs);
    try {
      // A rejection leaves the delivery unanswered here: the receiver answers it with an error.
      await processEvent({ ...event, ack: async () => {} });
    } finally {
      clearTimeout(late);
    }
    await ack();
  };
}
