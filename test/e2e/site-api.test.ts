import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocument } from '../../src/cli/export.ts';
import { statsDocument } from '../../src/cli/stats.ts';
import { parseStatsWindow } from '../../src/domain/stats/window.ts';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';
import { ANN, BOB, CHANNELS, declareLibrary, getAs, NOW } from '../helpers/library-scenario.ts';
import { API_TOKEN, siteEnv } from '../helpers/site.ts';

// The read-only JSON API through the real bot on both engines: the four incidents of the library
// scenario (one private) read as a token holder and as signed-in people; the list's shape,
// filters and pages; the post-mortem JSON equal to `scribe export --format json`; the stats equal
// to `scribe stats --format json`; every refusal in JSON.

const MINUTE = 60_000;
const BEARER = { authorization: `Bearer ${API_TOKEN}` };

describe.each(ENGINES)('the JSON API (%s)', (engine) => {
  let h: Harness;
  const ids: Record<keyof typeof CHANNELS, number> = { a: 0, b: 0, c: 0, d: 0 };

  beforeAll(async () => {
    h = await startHarness({ start: NOW, engine, env: siteEnv() });
    await declareLibrary(h);
    for (const key of Object.keys(CHANNELS) as Array<keyof typeof CHANNELS>) {
      ids[key] = Number(
        h.rows('select id from incidents where channel_id = ?', CHANNELS[key].id)[0]?.id,
      );
    }
  }, 240_000);
  afterAll(() => h?.close());

  /** GET as the token holder (default), a signed-in person, or nobody. */
  async function api(path: string, as: 'token' | string | null = 'token') {
    const response = as === 'token' ? await getAs(h, path, null, BEARER) : await getAs(h, path, as);
    expect(response.headers.get('content-type'), path).toBe('application/json; charset=utf-8');
    return { status: response.status, headers: response.headers, json: JSON.parse(response.body) };
  }

  it('refuses a request without credentials or with a wrong token, in JSON', async () => {
    const none = await api('/api/v1/incidents', null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.json).toEqual({
      error: 'Sign in on the site, or send Authorization: Bearer <WEB_API_TOKEN>.',
    });
    for (const authorization of [`Bearer ${API_TOKEN}x`, 'Bearer ', `Basic ${API_TOKEN}`]) {
      const wrong = await getAs(h, '/api/v1/stats', null, { authorization });
      expect(wrong.status, authorization).toBe(401);
      expect(JSON.parse(wrong.body).error, authorization).toMatch(/WEB_API_TOKEN/);
    }
  });

  it('lists the incidents a token holder may see, newest first, in a stable shape', async () => {
    const { status, json } = await api('/api/v1/incidents');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      schema: 'incident-scribe.incidents',
      version: 1,
      total: 3,
      page: 1,
      pages: 1,
      perPage: 50,
      next: null,
      prev: null,
    });
    expect(json.incidents.map((i: { id: number }) => i.id)).toEqual([ids.c, ids.b, ids.a]);
    const a = json.incidents[2];
    expect(a).toEqual({
      id: ids.a,
      title: 'Checkout down',
      severity: 'sev1',
      status: 'resolved',
      // The name as the bot learned it when the incident was declared.
      channel: { id: CHANNELS.a.id, name: a.channel.name },
      private: false,
      declaredAt: '2026-09-08T10:00:00.000Z',
      mitigatedAt: '2026-09-08T10:10:00.000Z',
      resolvedAt: '2026-09-08T11:00:00.000Z',
      ttdMs: 0,
      ttmMs: 10 * MINUTE,
      ttrMs: 60 * MINUTE,
      detectedBy: 'person',
      services: ['checkout'],
      category: 'deploy',
      lead: null,
      postmortemState: 'draft',
      links: { self: `/api/v1/incidents/${ids.a}`, page: `/incidents/${ids.a}` },
    });
    expect(typeof a.channel.name).toBe('string');
    expect(json.incidents[1]).toMatchObject({ detectedBy: 'customer', ttmMs: 35 * MINUTE });
    expect(JSON.stringify(json)).not.toContain('payroll');
  });

  it("shows a private channel's incident to its members only", async () => {
    const ann = await api('/api/v1/incidents', ANN);
    expect(ann.json.total).toBe(4);
    expect(ann.json.incidents[0]).toMatchObject({
      id: ids.d,
      title: 'Secret payroll',
      private: true,
    });
    const bob = await api('/api/v1/incidents', BOB);
    expect(bob.json.total).toBe(3);
  });

  it('filters as the list page does, and pages with next links that keep the filters', async () => {
    const titles = async (query: string) =>
      (await api(`/api/v1/incidents?${query}`)).json.incidents.map(
        (i: { title: string }) => i.title,
      );
    expect(await titles('severity=sev2')).toEqual(['Checkout slow again', 'Search slow']);
    expect(await titles('detected=customer')).toEqual(['Search slow']);
    expect(await titles('service=checkout&from=2026-10-01')).toEqual(['Checkout slow again']);
    expect(await titles('category=deploy&to=2026-09-30')).toEqual(['Checkout down']);

    const seen: number[] = [];
    let next: string | null = '/api/v1/incidents?per=1&status=resolved';
    while (next !== null) {
      const page: Awaited<ReturnType<typeof api>> = await api(next);
      expect(page.status).toBe(200);
      expect(page.json).toMatchObject({ total: 3, pages: 3, perPage: 1 });
      seen.push(...page.json.incidents.map((i: { id: number }) => i.id));
      next = page.json.next;
      if (next !== null) expect(next).toContain('status=resolved');
    }
    expect(seen).toEqual([ids.c, ids.b, ids.a]);
    const last = await api('/api/v1/incidents?per=1&page=3');
    expect(last.json.prev).toBe('/api/v1/incidents?page=2&per=1');
    expect((await api('/api/v1/incidents?page=9')).json.incidents).toEqual([]);
  });

  it('refuses a bad filter with every problem named', async () => {
    const bad = await api('/api/v1/incidents?severity=sev9&per=0');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error:
        'severity: "sev9" is not a severity; use sev1, sev2, sev3, sev4. per: "0" is not a whole number from 1 to 200.',
      errors: [
        'severity: "sev9" is not a severity; use sev1, sev2, sev3, sev4.',
        'per: "0" is not a whole number from 1 to 200.',
      ],
    });
  });

  it('gives the post-mortem JSON that scribe export writes; a hidden or unknown one is 404', async () => {
    const settings = { database: h.config.database, timeZone: 'UTC' };
    const exported = await exportDocument(
      { incident: String(ids.a), format: 'json', out: null, public: false },
      settings,
      h.clock,
    );
    const response = await getAs(h, `/api/v1/incidents/${ids.a}`, null, BEARER);
    expect(response.status).toBe(200);
    expect(response.body).toBe(exported);
    expect(JSON.parse(response.body).schema).toBe('incident-scribe.postmortem');

    for (const id of [String(ids.d), '999999', 'abc', '0', '-1']) {
      const missing = await api(`/api/v1/incidents/${id}`);
      expect(missing.status, id).toBe(404);
      expect(missing.json.error, id).toMatch(/^No incident /);
    }
    // The private incident for one of its members.
    expect((await api(`/api/v1/incidents/${ids.d}`, ANN)).status).toBe(200);
    expect((await api(`/api/v1/incidents/${ids.d}`, BOB)).status).toBe(404);
  });

  it('gives the stats JSON that scribe stats prints, for the same window and service', async () => {
    for (const [query, window, service] of [
      ['', '90d', null],
      ['?window=all', 'all', null],
      ['?window=30d&service=checkout', '30d', 'checkout'],
    ] as const) {
      const parsed = parseStatsWindow(window);
      if (!parsed.ok) throw new Error(parsed.error);
      const printed = await statsDocument(
        { window: parsed.window, service, format: 'json' },
        { database: h.config.database, timeZone: 'UTC' },
        h.clock,
      );
      const { status, json } = await api(`/api/v1/stats${query}`);
      expect(status, query).toBe(200);
      expect(json, query).toEqual(JSON.parse(printed));
    }
    const all = await api('/api/v1/stats?window=all');
    expect(all.json).toMatchObject({ incidents: 4, privateIncidents: 1 });
  });

  it('refuses a bad window or service, and anything but GET, in JSON', async () => {
    for (const [query, message] of [
      ['window=2w', 'window: "2w" is not a window'],
      ['service=no%20such', 'service: "no such" is not a service'],
      ['service=nosuch', 'No incident is tagged with service "nosuch"'],
    ] as const) {
      const bad = await api(`/api/v1/stats?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.json.error, query).toContain(message);
    }
    for (const path of ['/api/v1/incidents', `/api/v1/incidents/${ids.a}`, '/api/v1/stats']) {
      const response = await fetch(`${h.baseUrl}${path}`, { method: 'POST', headers: BEARER });
      expect(response.status, path).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
      expect(await response.json()).toEqual({ error: 'The API only reads: use GET.' });
    }
    expect(h.count('incidents')).toBe(4);
  });
});
