import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookAlert } from '../../src/domain/webhooks/types.ts';
import { createLogger } from '../../src/logger.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { createRepositories, type Repositories } from '../../src/store/repositories.ts';
import { type IngestDeps, ingestWebhookAlerts } from '../../src/usecases/ingest-webhook-alerts.ts';
import type { Notifier, OutgoingMessage } from '../../src/usecases/ports.ts';
import { webhookAlert } from '../domain/webhooks/alert.ts';

const CHANNEL = 'CINC0001';
const NOW = Date.UTC(2026, 10, 21, 14, 30);

let opened: OpenedDb;
/** The same database's rows, to lay down incidents and read back what was stored. */
let store: Repositories;
let posts: Array<{ channelId: string; message: OutgoingMessage }>;
let failPosts: boolean;
let deps: IngestDeps;

beforeEach(() => {
  opened = openDatabase(':memory:');
  store = createRepositories(opened.db);
  posts = [];
  failPosts = false;
  deps = {
    store: createStore(opened.db),
    clock: { now: () => NOW },
    logger: createLogger('silent'),
    timeZone: 'UTC',
    // Only `post` is used here; the rest of the port would fail loudly if it were called.
    notifier: {
      async post(channelId: string, message: OutgoingMessage) {
        if (failPosts) throw Object.assign(new Error('boom'), { data: { error: 'ratelimited' } });
        posts.push({ channelId, message });
        return { ts: '1.000' };
      },
    } satisfies Partial<Notifier> as Notifier,
  };
});

afterEach(() => opened.close());

function openIncident(channelId = CHANNEL) {
  return store.incidents.insert({
    id: 0,
    channelId,
    channelName: 'api',
    title: 'API errors',
    severity: 'sev2',
    status: 'declared',
    reporterId: 'UA',
    leadId: null,
    declaredAt: NOW - 60_000,
    mitigatedAt: null,
    resolvedAt: null,
  });
}

/** Ingests and waits for the channel post, which senders are not kept waiting for. */
async function ingest(alerts: WebhookAlert[], raw: unknown = { alerts: alerts.map(() => ({})) }) {
  const result = await ingestWebhookAlerts(deps, { channelId: CHANNEL, alerts, raw });
  if (result.status === 'no-incident') return result;
  await result.announced;
  const { announced: _posted, ...counts } = result;
  return counts;
}

describe('ingestWebhookAlerts', () => {
  it('writes nothing and posts nothing without an open incident', async () => {
    openIncident('COTHER01');
    expect(await ingest([webhookAlert()])).toEqual({ status: 'no-incident' });
    expect(opened.sqlite.prepare('select count(*) as n from webhook_alerts').get()).toEqual({
      n: 0,
    });
    expect(posts).toEqual([]);
  });

  it('stores new alerts and posts them in one message', async () => {
    const incident = openIncident();
    const alerts = [webhookAlert(), webhookAlert({ fingerprint: 'fp2', name: 'HighLatency' })];
    expect(await ingest(alerts)).toEqual({ status: 'stored', stored: 2, duplicates: 0 });
    expect(store.webhookAlerts.forIncident(incident.id)).toEqual(
      alerts.map((a) => ({ ...a, channelHint: null, receivedAt: NOW })),
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.channelId).toBe(CHANNEL);
    expect(posts[0]?.message.text.split('\n')).toHaveLength(2);
  });

  it('counts a repeated notification as a duplicate and does not post it again', async () => {
    openIncident();
    await ingest([webhookAlert()]);
    const again = await ingest([webhookAlert(), webhookAlert({ state: 'resolved', endsAt: NOW })]);
    expect(again).toEqual({ status: 'stored', stored: 1, duplicates: 1 });
    expect(posts).toHaveLength(2);
    expect(posts[1]?.message.text).toMatch(/^:large_green_circle: \*RESOLVED\*/);
    const third = await ingest([webhookAlert()]);
    expect(third).toEqual({ status: 'stored', stored: 0, duplicates: 1 });
    expect(posts).toHaveLength(2);
  });

  it('treats a new episode of the same alert (a new start) as new', async () => {
    openIncident();
    await ingest([webhookAlert()]);
    const next = await ingest([webhookAlert({ startsAt: NOW - 1000 })]);
    expect(next).toEqual({ status: 'stored', stored: 1, duplicates: 0 });
  });

  it('stores an alert without a start time under its arrival time', async () => {
    const incident = openIncident();
    await ingest([webhookAlert({ startsAt: null })]);
    expect(store.webhookAlerts.forIncident(incident.id)[0]?.startsAt).toBe(NOW);
  });

  it('keeps each alert with the envelope, not a copy of the whole group per row', async () => {
    openIncident();
    const raw = { version: '4', receiver: 'r', alerts: [{ n: 1 }, { n: 2 }] };
    await ingest([webhookAlert(), webhookAlert({ fingerprint: 'fp2' })], raw);
    const rows = opened.sqlite.prepare('select raw from webhook_alerts order by id').all() as {
      raw: string;
    }[];
    expect(rows.map((r) => JSON.parse(r.raw))).toEqual([
      { version: '4', receiver: 'r', alerts: [{ n: 1 }] },
      { version: '4', receiver: 'r', alerts: [{ n: 2 }] },
    ]);
  });

  it('keeps what it stored when Slack refuses the post', async () => {
    const incident = openIncident();
    failPosts = true;
    expect(await ingest([webhookAlert()])).toEqual({ status: 'stored', stored: 1, duplicates: 0 });
    expect(store.webhookAlerts.forIncident(incident.id)).toHaveLength(1);
  });
});
