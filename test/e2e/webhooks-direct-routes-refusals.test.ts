// Exercises the webhook routes directly (see webhooks-direct-routes.test.ts): every refusal, and
// that a refused or failed delivery leaves nothing behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookRoutes } from '../../src/http/hooks.ts';
import { fixture } from '../domain/webhooks/fixtures.ts';
import { postChunks } from '../helpers/route-server.ts';
import {
  genericBody,
  HOOK_CHANNEL,
  HOOK_TOKEN,
  startWebhookBench,
  type WebhookBench,
} from '../helpers/webhook-bench.ts';

const T0 = Date.UTC(2026, 10, 21, 14, 5, 0);
const GENERIC = `/hooks/generic?channel=${HOOK_CHANNEL}`;

let bench: WebhookBench;

beforeEach(async () => {
  bench = await startWebhookBench(T0);
});

afterEach(async () => {
  await bench.close();
});

function expectNothingStored() {
  expect(bench.h.count('webhook_alerts')).toBe(0);
  expect(bench.alertPosts()).toEqual([]);
}

describe('webhook routes, served directly: refusals', () => {
  it('refuses a missing or wrong token with 401 and WWW-Authenticate', async () => {
    for (const token of [null, 'wrong', `${HOOK_TOKEN}x`, HOOK_TOKEN.slice(0, -1), '']) {
      const res = await bench.post(GENERIC, genericBody(), { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.json).toEqual({ error: expect.any(String) });
    }
    expectNothingStored();
  });

  it('answers 404 on every hook while no token is configured', async () => {
    const off = await bench.serve(bench.h.bot.deps, { token: null });
    for (const path of ['/hooks/alertmanager', '/hooks/grafana', GENERIC]) {
      const res = await bench.post(path, genericBody(), { baseUrl: off.baseUrl });
      expect(res).toEqual({
        status: 404,
        headers: expect.anything(),
        json: { error: 'webhooks are disabled: set WEBHOOK_TOKEN' },
      });
    }
    expectNothingStored();
  });

  it('refuses a body that is not JSON, and JSON of the wrong shape, with 400', async () => {
    const broken = await bench.post(GENERIC, '{"alerts": [', { raw: true });
    expect(broken).toMatchObject({ status: 400, json: { error: 'body is not valid JSON' } });
    const empty = await bench.post('/hooks/alertmanager', '', { raw: true });
    expect(empty).toMatchObject({ status: 400, json: { error: 'body is not valid JSON' } });
    const shape = await bench.post(GENERIC, { alerts: [{ state: 'firing' }] });
    expect(shape).toMatchObject({
      status: 400,
      json: { error: 'alerts[0].name is required (a non-empty string)' },
    });
    const grafanaToAm = await bench.post('/hooks/alertmanager', fixture('grafana-firing'));
    expect(grafanaToAm).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/\/hooks\/grafana/) },
    });
    expectNothingStored();
  });

  it('refuses a small body nested so deep that saving it would overflow the stack', async () => {
    const deep = `{"alerts":[{"name":"x","state":"firing","labels":{"v":${'['.repeat(6000)}${']'.repeat(6000)}}}]}`;
    const res = await bench.post(GENERIC, deep, { raw: true });
    expect(res).toMatchObject({
      status: 400,
      json: { error: 'body nests deeper than 64 levels' },
    });
    expectNothingStored();
  });

  it('refuses a body over the limit with 413, whether declared or streamed', async () => {
    const url = `${bench.hooks.baseUrl}${GENERIC}`;
    const auth = { authorization: `Bearer ${HOOK_TOKEN}` };
    const big = Buffer.alloc(100 * 1024, ' ');
    const declared = await postChunks(url, [big], {
      ...auth,
      'content-length': String(big.length),
    });
    expect(declared.status).toBe(413);
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(4096, ' '));
    const streamed = await postChunks(url, chunks, auth);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual({ error: 'body is larger than 65536 bytes' });
    expectNothingStored();
  });

  it('needs a channel, given as a channel id, with an open incident', async () => {
    const none = await bench.post('/hooks/generic', genericBody());
    expect(none.status).toBe(400);
    expect(none.json.error).toMatch(/\?channel=C….*"channel" field.*slack_channel/);
    const name = await bench.post('/hooks/generic?channel=%23incidents', genericBody());
    expect(name).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/not a Slack channel id/) },
    });
    const quiet = await bench.post('/hooks/generic?channel=CQUIET01', genericBody());
    expect(quiet).toMatchObject({
      status: 404,
      json: { error: 'no open incident in channel CQUIET01' },
    });
    expectNothingStored();
  });

  it('refuses alerts that name different channels, unless the query decides', async () => {
    const body = fixture('alertmanager-group');
    const alerts = body.alerts as Record<string, Record<string, unknown>>[];
    alerts[1] = { ...alerts[1], labels: { ...alerts[1]?.labels, slack_channel: 'COTHER01' } };
    body.commonLabels = {};
    const mixed = await bench.post('/hooks/alertmanager', body);
    expect(mixed).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/different channels \(CINC0001, COTHER01\)/) },
    });
    expectNothingStored();
    const decided = await bench.post(`/hooks/alertmanager?channel=${HOOK_CHANNEL}`, body);
    expect(decided).toMatchObject({ status: 202, json: { stored: 3, duplicates: 0 } });
  });

  it('answers 500 with an error id it logs, stores nothing and keeps serving', async () => {
    const { deps } = bench.h.bot;
    const failing = await bench.serve(
      {
        ...deps,
        store: {
          ...deps.store,
          webhookAlerts: {
            ingest: async (): Promise<never> => {
              throw new Error('disk I/O error');
            },
          },
        },
      },
      { token: HOOK_TOKEN },
    );
    const res = await bench.post(GENERIC, genericBody(), { baseUrl: failing.baseUrl });
    expect(res).toMatchObject({
      status: 500,
      json: { error: 'internal error', errorId: expect.any(String) },
    });
    const errorId = String(res.json.errorId);
    const logged = bench.h.logLines.filter((line) => line.includes(errorId));
    expect(logged).toEqual([expect.stringContaining('disk I/O error')]);
    expectNothingStored();
    expect((await bench.post(GENERIC, genericBody())).status).toBe(202);
  });

  it('routes POST only', () => {
    const routes = webhookRoutes(bench.h.bot.deps, { token: HOOK_TOKEN });
    expect(routes.map((r) => [r.path, r.method])).toEqual([
      ['/hooks/alertmanager', ['POST']],
      ['/hooks/grafana', ['POST']],
      ['/hooks/generic', ['POST']],
    ]);
  });
});
