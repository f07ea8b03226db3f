import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness, tsAt } from '../helpers/harness.ts';
import { sample, scrape } from '../helpers/metrics-text.ts';
import { eventEnvelope, postSigned } from '../helpers/slack-signer.ts';

// A real incident against the running bot, read back through GET /metrics on its own port.

const CHANNEL = 'CMETRICS1';
const TOKEN = 'webhook-token-for-metrics-1';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MIN = 60_000;

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0, env: { METRICS_PORT: '0', WEBHOOK_TOKEN: TOKEN } });
});

afterEach(async () => {
  await h.close();
});

function metricsPort(): number {
  const port = h.bot.metricsPort;
  if (port === null) throw new Error('the bot serves no metrics');
  return port;
}

/** Waits until the counters reach what `check` expects (commands count after their ack). */
async function eventually(check: (text: string) => void): Promise<string> {
  let text = '';
  await vi.waitFor(
    async () => {
      text = await scrape(metricsPort());
      check(text);
    },
    { timeout: 10_000, interval: 25 },
  );
  return text;
}

function message(text: string, at: number, channel = CHANNEL) {
  return { type: 'message', channel, user: 'UMEM', text, ts: tsAt(at) };
}

const events = (t: string, outcome: string) => sample(t, 'scribe_slack_events_total', { outcome });
const commands = (t: string, command: string, outcome: string) =>
  sample(t, 'scribe_commands_total', { command, outcome });
const acks = (t: string, kind: string) => sample(t, 'scribe_ack_latency_seconds_count', { kind });

describe('GET /metrics on METRICS_PORT', () => {
  it('counts an incident from start to draft by exactly what happened', async () => {
    expect(metricsPort()).not.toBe(h.bot.port);
    const before = await scrape(metricsPort());

    const start = await h.command({
      userId: 'ULEAD',
      channelId: CHANNEL,
      command: '/incident',
      text: 'start DB is down sev1',
    });
    expect(start.status).toBe(200);
    await h.slack.waitForCall('chat.postMessage');
    await eventually((t) => {
      expect(commands(t, '/incident start', 'ok')).toBe(1);
      expect(sample(t, 'scribe_open_incidents')).toBe(1);
    });

    // One message stored, its redelivery a duplicate, one in a channel without an incident.
    const first = message('replica lag is 40s', T0 + MIN);
    expect((await h.event(first, { eventId: 'EvM1' })).status).toBe(200);
    const retry = { eventId: 'EvM1', headers: { 'x-slack-retry-num': '1' } };
    expect((await h.event(first, retry)).status).toBe(200);
    expect((await h.event(message('lunch?', T0 + MIN, 'COTHER'))).status).toBe(200);
    // Not signed by Slack: turned away by the request guard, never reaching Bolt.
    const forged = await postSigned(h.url, eventEnvelope(message('forged', T0 + 2 * MIN)), {
      secret: 'not-the-signing-secret',
      contentType: 'application/json',
    });
    expect(forged.status).toBe(401);

    const usage = await h.command({
      userId: 'ULEAD',
      channelId: CHANNEL,
      command: '/incident',
      text: 'frobnicate',
    });
    expect(usage.ackText).toContain('Unknown subcommand');

    const hook = await fetch(`${h.baseUrl}/hooks/alertmanager?channel=${CHANNEL}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(alertmanagerFiring(T0 - 5 * MIN)),
    });
    expect(hook.status).toBe(202);

    h.clock.set(T0 + 30 * MIN);
    await h.command({ userId: 'ULEAD', channelId: CHANNEL, command: '/incident', text: 'resolve' });
    await h.postedDraft();

    const after = await eventually((t) => {
      expect(commands(t, '/incident resolve', 'ok')).toBe(1);
      expect(sample(t, 'scribe_drafts_total', { outcome: 'posted' })).toBe(1);
    });
    const moved = (read: (t: string) => number) => read(after) - read(before);
    expect(moved((t) => events(t, 'stored'))).toBe(1);
    expect(moved((t) => events(t, 'duplicate'))).toBe(1);
    expect(moved((t) => events(t, 'ignored'))).toBe(1);
    expect(moved((t) => events(t, 'refused'))).toBe(1);
    expect(moved((t) => commands(t, '/incident', 'usage'))).toBe(1);
    expect(moved((t) => commands(t, '/incident start', 'ok'))).toBe(1);
    expect(moved((t) => commands(t, '/incident resolve', 'ok'))).toBe(1);
    expect(
      moved((t) =>
        sample(t, 'scribe_webhook_alerts_total', { source: 'alertmanager', outcome: 'stored' }),
      ),
    ).toBe(1);
    expect(moved((t) => sample(t, 'scribe_drafts_total', { outcome: 'posted' }))).toBe(1);
    expect(moved((t) => sample(t, 'scribe_draft_generation_seconds_count'))).toBe(1);
    // Three events and three commands reached Bolt and were answered; the forged one was not.
    expect(moved((t) => acks(t, 'event'))).toBe(3);
    expect(moved((t) => acks(t, 'command'))).toBe(3);
    expect(sample(after, 'scribe_open_incidents')).toBe(0);
    expect(sample(after, 'scribe_drafts_pending')).toBe(0);
    expect(sample(after, 'scribe_overdue_actions')).toBe(0);
    // Calls the bot made itself, counted through its fetch: the announcement, the draft upload.
    expect(
      moved((t) =>
        sample(t, 'scribe_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'ok' }),
      ),
    ).toBe(h.slack.callsTo('chat.postMessage').length);
    expect(
      sample(after, 'scribe_slack_api_calls_total', {
        method: 'files.completeUploadExternal',
        outcome: 'ok',
      }),
    ).toBe(1);
    // Bolt's own client is counted too (its auth.test at start-up, with ours).
    expect(
      sample(after, 'scribe_slack_api_calls_total', { method: 'auth.test', outcome: 'ok' }),
    ).toBe(h.slack.callsTo('auth.test').length);
    expect(after).toContain('process_cpu_seconds_total');
  });

  it('makes a 429 from Slack visible as rate_limited', async () => {
    await h.command({
      userId: 'ULEAD',
      channelId: CHANNEL,
      command: '/incident',
      text: 'start Slow',
    });
    await h.slack.waitForCall('chat.postMessage');
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    await h.command({
      userId: 'ULEAD',
      channelId: CHANNEL,
      command: '/incident',
      text: 'status Still slow',
    });
    await eventually((t) => {
      expect(
        sample(t, 'scribe_slack_api_calls_total', {
          method: 'chat.postMessage',
          outcome: 'rate_limited',
        }),
      ).toBe(1);
      expect(commands(t, '/incident status', 'ok')).toBe(1);
    });
  });

  it('serves nothing else there, and no metrics on the Slack-facing PORT', async () => {
    const base = `http://127.0.0.1:${metricsPort()}`;
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/healthz`)).status).toBe(404);
    expect((await fetch(`${base}/`)).status).toBe(404);
    const ok = await fetch(`${base}/metrics?debug=1`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    await ok.text();
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(404);
  });

  it('stops the metrics server with the bot', async () => {
    const port = metricsPort();
    await h.bot.stop();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe('without METRICS_PORT', () => {
  it('serves no metrics at all', async () => {
    const plain = await startHarness({ start: T0 });
    try {
      expect(plain.bot.metricsPort).toBeNull();
      expect((await fetch(`${plain.baseUrl}/metrics`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

function alertmanagerFiring(startsAt: number) {
  return {
    version: '4',
    status: 'firing',
    receiver: 'incident-scribe',
    groupLabels: { alertname: 'DbReplicaLag' },
    commonLabels: { alertname: 'DbReplicaLag' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'DbReplicaLag', severity: 'critical' },
        annotations: { summary: 'replica lag above 30s' },
        startsAt: new Date(startsAt).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example/graph',
        fingerprint: 'fp-replica-lag',
      },
    ],
  };
}
