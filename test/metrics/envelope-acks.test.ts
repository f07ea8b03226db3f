import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createBotMetrics } from '../../src/metrics/bot-metrics.ts';
import { timeAcks } from '../../src/metrics/envelope-acks.ts';
import { ackEventsAfterListeners } from '../../src/slack/listeners/event-ack.ts';
import { appWithoutTransport } from '../helpers/bolt-app.ts';
import { sample } from '../helpers/metrics-text.ts';

const logger = createLogger('silent');

describe('timing acks whatever the transport', () => {
  it('times an envelope from hand-over to ack, by kind, once per delivery', async () => {
    const app = appWithoutTransport();
    app.command('/incident', async ({ ack }) => {
      await ack();
      await ack();
    });
    app.event('message', async () => {});
    ackEventsAfterListeners(app, logger);
    const metrics = createBotMetrics();
    timeAcks(app, metrics);

    const acked: string[] = [];
    await app.processEvent({
      body: {
        command: '/incident',
        text: 'help',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
      },
      ack: async () => {
        acked.push('command');
      },
    });
    await app.processEvent({
      body: {
        type: 'event_callback',
        team_id: 'T1',
        event_id: 'Ev1',
        event: { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.000100' },
      },
      ack: async () => {
        acked.push('event');
      },
    });

    expect(acked).toEqual(['command', 'command', 'event']);
    const text = (await metrics.scrape()).text;
    expect(sample(text, 'scribe_ack_latency_seconds_count', { kind: 'command' })).toBe(1);
    expect(sample(text, 'scribe_ack_latency_seconds_count', { kind: 'event' })).toBe(1);
    expect(sample(text, 'scribe_ack_latency_seconds_count', { kind: 'interaction' })).toBe(0);
  });
});
