import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../usecases/ports.ts';

/** What a request to /slack/events (or a Socket Mode envelope) was, for the ack histogram. */
export type AckKind = 'event' | 'command' | 'interaction';

/** The Prometheus side of the bot: one registry per running bot, never the global default. */
export interface BotMetrics extends Metrics {
  readonly registry: Registry;
  /** Starts timing one request; the returned function records it once it is answered. */
  startAck(): (kind: AckKind) => void;
  /** One Web API request and how it ended (`ok`, Slack's error code, `rate_limited` …). */
  slackApiCall(method: string, outcome: string): void;
  /** Adds the Node.js process metrics (only for a bot that serves them: they start observers). */
  collectProcessMetrics(): void;
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; text: string }>;
}

// Slack wants an ack within 3 s; the buckets are finest where a problem starts.
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const DRAFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createBotMetrics(): BotMetrics {
  const registry = new Registry();
  const registers = [registry];
  const events = new Counter({
    name: 'scribe_slack_events_total',
    help: 'Slack message events by outcome; refused = turned away by the request guard or not stored',
    labelNames: ['outcome'],
    registers,
  });
  const commands = new Counter({
    name: 'scribe_commands_total',
    help: 'Slash commands by command and outcome',
    labelNames: ['command', 'outcome'],
    registers,
  });
  const apiCalls = new Counter({
    name: 'scribe_slack_api_calls_total',
    help: 'Slack Web API requests by method and outcome (ok, an error code, rate_limited, http_error, unreachable)',
    labelNames: ['method', 'outcome'],
    registers,
  });
  const webhookAlerts = new Counter({
    name: 'scribe_webhook_alerts_total',
    help: 'Alerts received on /hooks/* by source and outcome',
    labelNames: ['source', 'outcome'],
    registers,
  });
  const drafts = new Counter({
    name: 'scribe_drafts_total',
    help: 'Draft post-mortem deliveries by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const reminders = new Counter({
    name: 'scribe_reminders_sent_total',
    help: 'Reminder messages sent about action items',
    registers,
  });
  const recovered = new Counter({
    name: 'scribe_backfill_recovered_total',
    help: 'Messages the backfill recorded that live delivery had missed',
    registers,
  });
  const ackLatency = new Histogram({
    name: 'scribe_ack_latency_seconds',
    help: 'Time from a Slack request arriving to its answer being sent',
    labelNames: ['kind'],
    buckets: ACK_BUCKETS,
    registers,
  });
  const draftTime = new Histogram({
    name: 'scribe_draft_generation_seconds',
    help: 'Time to compose and render a draft post-mortem',
    buckets: DRAFT_BUCKETS,
    registers,
  });

  return {
    registry,
    slackEvent: (outcome) => events.inc({ outcome }),
    command: (command, outcome) => commands.inc({ command, outcome }),
    webhookAlerts: (source, outcome, count) => {
      if (count > 0) webhookAlerts.inc({ source, outcome }, count);
    },
    draft: (outcome) => drafts.inc({ outcome }),
    async timeDraft(work) {
      const done = draftTime.startTimer();
      try {
        return await work();
      } finally {
        done();
      }
    },
    remindersSent: (count) => {
      if (count > 0) reminders.inc(count);
    },
    backfillRecovered: (count) => {
      if (count > 0) recovered.inc(count);
    },
    startAck() {
      const done = ackLatency.startTimer();
      return (kind) => void done({ kind });
    },
    slackApiCall: (method, outcome) => apiCalls.inc({ method, outcome }),
    collectProcessMetrics: () => collectDefaultMetrics({ register: registry }),
    async scrape() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}
