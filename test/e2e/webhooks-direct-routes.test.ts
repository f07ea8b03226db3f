// Exercises the webhook routes directly, on a small server of their own over a running bot's
// store and Slack stand-in (the bot does not mount them itself yet): what gets stored and posted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../domain/webhooks/fixtures.ts';
import {
  genericBody,
  HOOK_CHANNEL,
  startWebhookBench,
  type WebhookBench,
} from '../helpers/webhook-bench.ts';

const T0 = Date.UTC(2026, 10, 21, 14, 5, 0);

let bench: WebhookBench;

beforeEach(async () => {
  bench = await startWebhookBench(T0);
});

afterEach(async () => {
  await bench.close();
});

const rows = (sql: string) => bench.h.rows(sql);

describe('webhook routes, served directly: storing and posting', () => {
  it('stores an Alertmanager group routed by its slack_channel label, posting one message', async () => {
    const res = await bench.post('/hooks/alertmanager', fixture('alertmanager-group'));
    expect(res).toMatchObject({ status: 202, json: { stored: 3, duplicates: 0 } });
    expect(rows('select name, state, severity, starts_at, ends_at from webhook_alerts')).toEqual([
      {
        name: 'HighErrorRate',
        state: 'firing',
        severity: 'critical',
        starts_at: Date.UTC(2026, 10, 21, 14, 2, 7, 318),
        ends_at: null,
      },
      {
        name: 'HighLatency',
        state: 'resolved',
        severity: 'warning',
        starts_at: Date.UTC(2026, 10, 21, 12, 55),
        ends_at: Date.UTC(2026, 10, 21, 14, 10, 30, 500),
      },
      {
        name: 'PodCrashLooping',
        state: 'firing',
        severity: null,
        starts_at: Date.UTC(2026, 10, 21, 14, 3),
        ends_at: null,
      },
    ]);
    const [text, ...more] = await bench.waitForAlertPosts(1);
    expect(more).toEqual([]);
    const lines = text?.split('\n') ?? [];
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^:red_circle: \*FIRING\* HighErrorRate · critical · since <!date\^\d+\^\{time\}\|14:02 UTC> · <http:\/\/prometheus\.example\.com:9090\/graph\?[^|>]+\|Alertmanager> — 5xx ratio above 5% on api$/,
    );
    expect(lines[1]).toMatch(/^:large_green_circle: \*RESOLVED\* HighLatency · warning · ended /);
  });

  it('counts a repeated delivery as a duplicate: no second row, no second post', async () => {
    const path = `/hooks/grafana?channel=${HOOK_CHANNEL}`;
    const first = await bench.post(path, fixture('grafana-firing'));
    expect(first).toMatchObject({ status: 202, json: { stored: 1, duplicates: 0 } });
    await bench.waitForAlertPosts(1);
    const again = await bench.post(path, fixture('grafana-firing'));
    expect(again).toMatchObject({ status: 202, json: { stored: 0, duplicates: 1 } });
    expect(bench.h.count('webhook_alerts')).toBe(1);
    expect(bench.alertPosts()).toHaveLength(1);

    const resolved = await bench.post(path, fixture('grafana-resolved'));
    expect(resolved.json).toEqual({ stored: 1, duplicates: 0 });
    expect(await bench.waitForAlertPosts(2)).toEqual([
      expect.stringMatching(/^:red_circle: \*FIRING\* Checkout p95 latency · high · since /),
      expect.stringMatching(/^:large_green_circle: \*RESOLVED\* Checkout p95 latency · high/),
    ]);
  });

  it('takes the channel from the query, or from the generic "channel" field', async () => {
    const byQuery = await bench.post(`/hooks/generic?channel=${HOOK_CHANNEL}`, genericBody());
    expect(byQuery).toMatchObject({ status: 202, json: { stored: 1, duplicates: 0 } });
    const byField = await bench.post('/hooks/generic', {
      channel: HOOK_CHANNEL,
      name: 'Deploy 1.42 rolled back',
      state: 'info',
    });
    expect(byField).toMatchObject({ status: 202, json: { stored: 1, duplicates: 0 } });
    expect(rows('select source, name, state from webhook_alerts')).toEqual([
      { source: 'generic', name: 'Checkout errors', state: 'firing' },
      { source: 'generic', name: 'Deploy 1.42 rolled back', state: 'info' },
    ]);
    expect(await bench.waitForAlertPosts(2)).toHaveLength(2);
  });

  it('keeps each alert of a group with its own raw JSON', async () => {
    await bench.post('/hooks/alertmanager', fixture('alertmanager-group'));
    const raws = rows('select raw from webhook_alerts').map((r) => JSON.parse(String(r.raw)));
    expect(
      raws.map((raw) => raw.alerts.map((a: { fingerprint: string }) => a.fingerprint)),
    ).toEqual([['a3f1c2d4e5b60718'], ['0b9e8d7c6a5f4e3d'], ['1122334455667788']]);
    expect(raws[0]).toMatchObject({ version: '4', receiver: 'incident-scribe' });
  });

  it('never posts a broadcast that an alert carries', async () => {
    const body = fixture('alertmanager-group');
    const [first] = body.alerts as Record<string, unknown>[];
    body.alerts = [{ ...first, annotations: { summary: '<!channel> <!here> @everyone look' } }];
    expect((await bench.post('/hooks/alertmanager', body)).status).toBe(202);
    const [text] = await bench.waitForAlertPosts(1);
    expect(text).not.toMatch(/<!(channel|here|everyone)/);
    expect(text).toContain('&lt;!channel&gt; &lt;!here&gt; @\u200Beveryone look');
  });
});
