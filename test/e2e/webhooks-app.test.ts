import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/usecases/publish-draft.ts';
import { type Harness, startHarness } from '../helpers/harness.ts';

// The monitoring webhooks as mounted on the running bot (Bolt customRoutes), end to end.

const CHANNEL = 'CHOOK0001';
const TOKEN = 'webhook-token-for-tests-123';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MIN = 60_000;

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0, env: { WEBHOOK_TOKEN: TOKEN } });
  await h.command({
    userId: 'UANN',
    channelId: CHANNEL,
    command: '/incident',
    text: 'start API errors',
  });
  await h.slack.waitForCall('chat.postMessage');
});

afterEach(async () => {
  await h.close();
});

function alertmanager(status: 'firing' | 'resolved', startsAt: number, endsAt?: number) {
  return {
    version: '4',
    groupKey: '{}:{alertname="Api5xx"}',
    status,
    receiver: 'incident-scribe',
    groupLabels: { alertname: 'Api5xx' },
    commonLabels: { alertname: 'Api5xx', severity: 'critical' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example',
    alerts: [
      {
        status,
        labels: { alertname: 'Api5xx', severity: 'critical' },
        annotations: { summary: 'api 5xx above 5% <!channel>' },
        startsAt: new Date(startsAt).toISOString(),
        endsAt: endsAt ? new Date(endsAt).toISOString() : '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example/graph',
        fingerprint: 'fp-api5xx',
      },
    ],
  };
}

function send(body: unknown, token: string | null = TOKEN, query = `?channel=${CHANNEL}`) {
  return fetch(`${h.baseUrl}/hooks/alertmanager${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /hooks/alertmanager on the running bot', () => {
  it("stores the alert, posts a compact line, and takes impact start from the alert's startsAt", async () => {
    h.clock.set(T0 + 2 * MIN);
    const res = await send(alertmanager('firing', T0 - 12 * MIN));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ stored: 1, duplicates: 0 });
    const post = await h.slack.waitForCall('chat.postMessage', 2);
    expect(post.args.channel).toBe(CHANNEL);
    expect(String(post.args.text)).toContain('Api5xx');
    expect(String(post.args.text)).not.toContain('<!channel>');

    expect((await send(alertmanager('firing', T0 - 12 * MIN))).status).toBe(202);
    expect(h.count('webhook_alerts')).toBe(1);

    h.clock.set(T0 + 20 * MIN);
    await send(alertmanager('resolved', T0 - 12 * MIN, T0 + 19 * MIN));
    const incident = await h.bot.deps.store.incidents.findOpenInChannel(CHANNEL);
    const draft = incident ? await composeDraft(h.bot.deps, incident.id) : null;
    expect(draft?.metrics.impactStart).toMatchObject({ at: T0 - 12 * MIN, source: 'alert' });
    // It reached us after the declaration, so the declaration stays the detection.
    expect(draft?.metrics.detected.source).toBe('declaration');
    expect(draft?.metrics.ttdMs).toBe(12 * MIN);
    const resolved = draft?.timeline.find((e) => e.kind === 'alert_resolved');
    expect(resolved).toMatchObject({ at: T0 + 19 * MIN });
    expect(resolved?.text).toContain('firing for 31m');
  });

  it('refuses a missing or wrong token (401), bad JSON (400) and an unknown channel (404)', async () => {
    expect((await send(alertmanager('firing', T0), null)).status).toBe(401);
    expect((await send(alertmanager('firing', T0), 'wrong-token-wrong-token')).status).toBe(401);
    expect((await send('{not json')).status).toBe(400);
    const unknown = await send(alertmanager('firing', T0), TOKEN, '?channel=CNOINCIDENT1');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no open incident in channel CNOINCIDENT1' });
    expect(h.count('webhook_alerts')).toBe(0);
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('without WEBHOOK_TOKEN', () => {
  it('keeps the hooks switched off', async () => {
    const off = await startHarness({ start: T0 });
    try {
      const res = await fetch(`${off.baseUrl}/hooks/generic?channel=${CHANNEL}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ alerts: [{ name: 'x', state: 'firing' }] }),
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'webhooks are disabled: set WEBHOOK_TOKEN' });
    } finally {
      await off.close();
    }
  });
});
