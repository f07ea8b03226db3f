import type { App } from '@slack/bolt';
import type { AckKind, BotMetrics } from './bot-metrics.ts';

type ReceiverEvent = Parameters<App['processEvent']>[0];

function kindOf(body: unknown): AckKind {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (b.type === 'event_callback') return 'event';
  return typeof b.command === 'string' ? 'command' : 'interaction';
}

/**
 * Times each delivery from the moment Bolt's receiver hands it over to its ack, whatever the
 * transport. Socket Mode uses it (an envelope has no HTTP response to time); HTTP mode times the
 * whole request in the request guard instead. Wrap after every other processEvent wrapper, so
 * the ack timed is the one that finally answers Slack.
 */
export function timeAcks(app: App, metrics: Pick<BotMetrics, 'startAck'>): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const answered = metrics.startAck();
    let timed = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      await event.ack(response);
      if (timed) return;
      timed = true;
      answered(kindOf(event.body));
    };
    return processEvent({ ...event, ack });
  };
}
