import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionItem } from '../../src/domain/types.ts';
import { createLogger } from '../../src/logger.ts';
import { createBotMetrics } from '../../src/metrics/bot-metrics.ts';
import { addStoreGauges } from '../../src/metrics/store-gauges.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore, type Store } from '../../src/store/index.ts';
import { createRepositories } from '../../src/store/repositories.ts';
import { anAction, anIncident, at } from '../domain/builders.ts';
import { sample } from '../helpers/metrics-text.ts';

const logger = createLogger('silent');
const text = async (m: ReturnType<typeof createBotMetrics>) => (await m.scrape()).text;

describe('the metrics facade', () => {
  it('counts each outcome under its own labels', async () => {
    const m = createBotMetrics();
    m.slackEvent('stored');
    m.slackEvent('stored');
    m.slackEvent('refused');
    m.command('/incident start', 'ok');
    m.command('/incident', 'usage');
    m.webhookAlerts('alertmanager', 'stored', 3);
    m.webhookAlerts('alertmanager', 'duplicate', 0);
    m.draft('posted_without_file');
    m.remindersSent(2);
    m.remindersSent(0);
    m.backfillRecovered(5);
    m.slackApiCall('chat.postMessage', 'rate_limited');
    const t = await text(m);
    expect(sample(t, 'scribe_slack_events_total', { outcome: 'stored' })).toBe(2);
    expect(sample(t, 'scribe_slack_events_total', { outcome: 'refused' })).toBe(1);
    expect(sample(t, 'scribe_commands_total', { command: '/incident start', outcome: 'ok' })).toBe(
      1,
    );
    expect(sample(t, 'scribe_commands_total', { command: '/incident', outcome: 'usage' })).toBe(1);
    expect(
      sample(t, 'scribe_webhook_alerts_total', { source: 'alertmanager', outcome: 'stored' }),
    ).toBe(3);
    // A zero count adds no series: no empty duplicate line for every delivery.
    expect(t).not.toContain('outcome="duplicate"');
    expect(sample(t, 'scribe_drafts_total', { outcome: 'posted_without_file' })).toBe(1);
    expect(sample(t, 'scribe_reminders_sent_total')).toBe(2);
    expect(sample(t, 'scribe_backfill_recovered_total')).toBe(5);
    expect(
      sample(t, 'scribe_slack_api_calls_total', {
        method: 'chat.postMessage',
        outcome: 'rate_limited',
      }),
    ).toBe(1);
  });

  it('times drafts and acks, keeping the result and the error of the work', async () => {
    const m = createBotMetrics();
    expect(await m.timeDraft(async () => 'draft')).toBe('draft');
    await expect(
      m.timeDraft(async () => {
        throw new Error('compose failed');
      }),
    ).rejects.toThrow('compose failed');
    m.startAck()('command');
    const t = await text(m);
    expect(sample(t, 'scribe_draft_generation_seconds_count')).toBe(2);
    expect(sample(t, 'scribe_ack_latency_seconds_count', { kind: 'command' })).toBe(1);
    expect(sample(t, 'scribe_ack_latency_seconds_bucket', { kind: 'command', le: '+Inf' })).toBe(1);
  });

  it('keeps each bot in its own registry, process metrics only where asked for', async () => {
    const one = createBotMetrics();
    const two = createBotMetrics();
    one.slackEvent('duplicate');
    one.collectProcessMetrics();
    const t2 = await text(two);
    expect(sample(t2, 'scribe_slack_events_total', { outcome: 'duplicate' })).toBe(0);
    expect(t2).not.toContain('process_cpu_seconds_total');
    const t1 = await text(one);
    expect(sample(t1, 'scribe_slack_events_total', { outcome: 'duplicate' })).toBe(1);
    expect(t1).toContain('process_cpu_seconds_total');
    expect(t1).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('gauges read from the store at scrape time', () => {
  let opened: OpenedDb;
  let store: Store;

  beforeEach(() => {
    opened = openDatabase(':memory:');
    store = createStore(opened.db);
  });

  afterEach(() => {
    if (opened.sqlite.open) opened.close();
  });

  function metricsOver(now: number) {
    const m = createBotMetrics();
    addStoreGauges(m.registry, { store, clock: { now: () => now }, timeZone: 'UTC', logger });
    return m;
  }

  it('counts open incidents, overdue actions and pending drafts as they are now', async () => {
    const m = metricsOver(at(15, 0));
    let t = await text(m);
    expect(sample(t, 'scribe_open_incidents')).toBe(0);
    expect(sample(t, 'scribe_overdue_actions')).toBe(0);
    expect(sample(t, 'scribe_drafts_pending')).toBe(0);

    const rows = createRepositories(opened.db);
    const open = rows.incidents.insert(anIncident({ id: 0, channelId: 'C1' })).id;
    const resolved = rows.incidents.insert(
      anIncident({ id: 0, channelId: 'C2', status: 'resolved', resolvedAt: at(14, 30) }),
    ).id;
    const addAction = (overrides: Partial<ActionItem>) => {
      const { id: _, ...action } = anAction({ incidentId: open, ...overrides });
      rows.actions.insert(action);
    };
    for (const dueDate of ['2026-11-20', '2026-11-21', '2026-11-22', null]) addAction({ dueDate });
    addAction({ dueDate: '2026-11-01', status: 'done' });
    const pending = await store.postmortems.storePending(resolved, '# Draft', at(14, 40));
    if (!pending) throw new Error('the draft was not stored');
    // Pending with a backoff still counts: Slack has not accepted it.
    await store.postmortems.markFailed(pending.id, 'ratelimited', at(16, 0));

    t = await text(m);
    expect(sample(t, 'scribe_open_incidents')).toBe(1);
    // Due yesterday is overdue; due today is not yet; done actions never are.
    expect(sample(t, 'scribe_overdue_actions')).toBe(1);
    expect(sample(t, 'scribe_drafts_pending')).toBe(1);
  });

  it('still answers when the store throws: NaN and a counted error, not a false zero', async () => {
    const m = metricsOver(at(15, 0));
    opened.close();
    const t = await text(m);
    expect(sample(t, 'scribe_open_incidents')).toBeNaN();
    expect(sample(t, 'scribe_drafts_pending')).toBeNaN();
    expect(sample(t, 'scribe_metrics_store_errors_total', { gauge: 'scribe_open_incidents' })).toBe(
      1,
    );
    expect(sample(t, 'scribe_slack_events_total', { outcome: 'stored' })).toBe(0);
  });
});
