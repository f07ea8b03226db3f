import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsDocument } from '../../src/cli/stats.ts';
import { parseStatsWindow } from '../../src/domain/stats/window.ts';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';
import { ANN, BOB, declareLibrary, getAs, listedTitles, NOW } from '../helpers/library-scenario.ts';
import { siteEnv } from '../helpers/site.ts';

// /insights through the real bot on both engines: four incidents over three months (one in a
// private channel) declared with the real commands; the charts' tables and CSVs checked against
// hand-computed numbers and against `scribe stats --format json` of the same database and window;
// the links behind the numbers followed to the incident list.

const MINUTE = 60_000;

/** A CSV's rows as arrays of fields (ours never quote these simple values). */
function rowsOf(csv: string): string[][] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

describe.each(ENGINES)('the insights page (%s)', (engine) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ start: NOW, engine, env: siteEnv() });
    await declareLibrary(h);
  }, 240_000);
  afterAll(() => h?.close());

  const get = (path: string, userId: string | null = BOB) => getAs(h, path, userId);

  async function csv(chart: string, query = 'window=90d'): Promise<string[][]> {
    const response = await get(`/insights/${chart}.csv?${query}`);
    expect(response.status, chart).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="insights-${chart}-${query.includes('window=all') ? 'all' : '90d'}.csv"`,
    );
    return rowsOf(response.body);
  }

  it('draws each chart with its table and CSV link, naming no private incident', async () => {
    const { status, body } = await get('/insights?window=90d');
    expect(status).toBe(200);
    expect(body).toContain('4 incidents</a> declared in the last 90d');
    expect(body).toContain('1 of them in private channels');
    for (const id of [
      'incidents-by-severity',
      'ttd',
      'ttm',
      'ttr',
      'detection',
      'follow-ups',
      'categories',
      'services',
    ]) {
      expect(body, id).toContain(`<section aria-labelledby="${id}">`);
      expect(body, id).toContain(`href="/insights/${id}.csv?window=90d"`);
    }
    expect(body).not.toContain('Secret');
    expect(body).not.toContain('payroll');
    // Without a window: the last 365 days, said so.
    const year = await get('/insights');
    expect(year.status).toBe(200);
    expect(year.body).toContain('declared in the last 365d');
    expect(year.body).toContain('Without a window the page shows the last 365d');
  });

  it('counts incidents per week by severity, as computed by hand', async () => {
    const rows = await csv('incidents-by-severity');
    expect(rows[0]).toEqual(['week', 'from', 'to', 'sev1', 'sev2', 'sev3', 'sev4', 'total']);
    const counted = rows.slice(1).filter((r) => r[0] !== 'total' && r[7] !== '0');
    expect(counted).toEqual([
      ['2026-W37', '2026-09-07', '2026-09-13', '1', '1', '0', '0', '2'],
      ['2026-W42', '2026-10-12', '2026-10-18', '0', '1', '0', '0', '1'],
      ['2026-W47', '2026-11-16', '2026-11-22', '0', '0', '1', '0', '1'],
    ]);
    expect(rows[1]?.[1]).toBe('2026-08-27');
    expect(rows.at(-1)).toEqual(['total', '2026-08-27', '2026-11-25', '1', '2', '1', '0', '4']);
  });

  it('takes TTM per month, who detected, follow-ups, categories and services', async () => {
    const ttm = await csv('ttm');
    expect(ttm.slice(1)).toEqual([
      ['2026-08', '2026-08-27', '2026-08-31', '', '', '0'],
      ['2026-09', '2026-09-01', '2026-09-30', String(22.5 * MINUTE), String(35 * MINUTE), '2'],
      ['2026-10', '2026-10-01', '2026-10-31', String(20 * MINUTE), String(20 * MINUTE), '1'],
      ['2026-11', '2026-11-01', '2026-11-25', String(40 * MINUTE), String(40 * MINUTE), '1'],
      ['total', '2026-08-27', '2026-11-25', String(27.5 * MINUTE), String(40 * MINUTE), '4'],
    ]);
    expect((await csv('detection')).slice(1).map((r) => r.slice(3))).toEqual([
      ['0', '0', '0', '0'],
      ['0', '1', '1', '2'],
      ['0', '1', '0', '1'],
      ['0', '1', '0', '1'],
      ['0', '3', '1', '4'],
    ]);
    expect((await csv('follow-ups')).slice(1).map((r) => [r[0], ...r.slice(3)])).toEqual([
      ['2026-08', '0', '0', '0'],
      ['2026-09', '1', '0', '1'],
      ['2026-10', '1', '1', '1'],
      ['2026-11', '0', '0', '1'],
      ['total', '2', '1', '1'],
    ]);
    expect(await csv('categories')).toEqual([
      ['category', 'incidents'],
      ['deploy', '2'],
      ['uncategorized', '2'],
    ]);
    // payroll is only the private incident's: left out, as scribe stats leaves it out.
    expect(await csv('services')).toEqual([
      ['service', 'incidents'],
      ['checkout', '2'],
    ]);
  });

  it('has the totals of scribe stats --format json for the same database and window', async () => {
    for (const window of ['90d', 'all']) {
      const parsed = parseStatsWindow(window);
      if (!parsed.ok) throw new Error(parsed.error);
      const printed = await statsDocument(
        { window: parsed.window, service: null, format: 'json' },
        { database: h.config.database, timeZone: 'UTC' },
        h.clock,
      );
      const json = JSON.parse(printed);
      const query = `window=${window}`;
      const total = (rows: string[][]) => (rows.at(-1) ?? []).slice(3).map(Number);
      expect(total(await csv('incidents-by-severity', query))).toEqual([
        ...Object.values(json.bySeverity),
        json.incidents,
      ]);
      for (const metric of ['ttd', 'ttm', 'ttr'] as const) {
        const row = (await csv(metric, query)).at(-1) ?? [];
        const summary = json[`${metric}Ms`];
        expect(row.slice(3), metric).toEqual([
          summary.median === null ? '' : String(summary.median),
          summary.p90 === null ? '' : String(summary.p90),
          String(summary.n),
        ]);
      }
      const d = json.detectedBy;
      expect(total(await csv('detection', query))).toEqual([
        d.monitoring,
        d.person,
        d.customer,
        json.incidents,
      ]);
      const f = json.followUps;
      expect(total(await csv('follow-ups', query))).toEqual([
        f.open + f.done + f.dropped,
        f.done + f.dropped,
        f.overdue,
      ]);
      expect(Object.fromEntries((await csv('categories', query)).slice(1))).toEqual(
        Object.fromEntries(Object.entries(json.byCategory).map(([k, v]) => [k, String(v)])),
      );
      const page = await get(`/insights?${query}`);
      expect(page.body).toContain(`${json.incidents} incidents</a>`);
    }
  });

  it('links each number to exactly the incidents behind it, as far as the viewer may see', async () => {
    const { body } = await get('/insights?window=90d');
    const hrefs = [...body.matchAll(/<a href="(\/incidents\?[^"]*)">(\d+)<\/a>/g)].map((m) => ({
      href: (m[1] ?? '').replace(/&amp;/g, '&'),
      count: Number(m[2]),
    }));
    /** The link whose query is exactly `query`. */
    const find = (query: string) => {
      const found = hrefs.find((l) => l.href === `/incidents?${query}`);
      if (!found) throw new Error(`no link to /incidents?${query}`);
      return found;
    };
    const listed = async (href: string, userId = BOB) => {
      const page = await get(href, userId);
      expect(page.status, href).toBe(200);
      return listedTitles(page.body);
    };
    const sev1 = find('from=2026-09-07&to=2026-09-13&severity=sev1');
    expect(sev1.count).toBe(1);
    expect(await listed(sev1.href)).toEqual(['Checkout down']);
    const week = find('from=2026-09-07&to=2026-09-13');
    expect(await listed(week.href)).toEqual(['Search slow', 'Checkout down']);
    const customer = find('from=2026-09-01&to=2026-09-30&detected=customer');
    expect(await listed(customer.href)).toEqual(['Search slow']);
    const deploy = find('from=2026-08-27&to=2026-11-25&category=deploy');
    expect(deploy.count).toBe(2);
    expect(await listed(deploy.href)).toEqual(['Checkout slow again', 'Checkout down']);
    const checkout = find('from=2026-08-27&to=2026-11-25&service=checkout');
    expect(await listed(checkout.href)).toEqual(['Checkout slow again', 'Checkout down']);
    // November's one incident is private: counted for all, listed only for its channel's members.
    const november = find('from=2026-11-16&to=2026-11-22&severity=sev3');
    expect(november.count).toBe(1);
    expect(await listed(november.href, BOB)).toEqual([]);
    expect(await listed(november.href, ANN)).toEqual(['Secret payroll']);
  });

  it('narrows to one service, counting and linking only its incidents', async () => {
    const { status, body } = await get('/insights?window=90d&service=Checkout');
    expect(status).toBe(200);
    expect(body).toContain(
      '2 incidents</a> declared in the last 90d tagged <code>service:checkout</code>',
    );
    expect(body).toContain('<code>scribe stats --since 90d --service checkout</code>');
    expect((await csv('incidents-by-severity', 'window=90d&service=checkout')).at(-1)).toEqual([
      'total',
      '2026-08-27',
      '2026-11-25',
      '1',
      '1',
      '0',
      '0',
      '2',
    ]);
  });

  it('refuses a bad window or service with a clear 400, and asks a stranger to sign in', async () => {
    for (const [query, message] of [
      ['window=2w', 'window: <code>2w</code> is not a window'],
      ['window=0d', 'is not a window'],
      ['service=no%20such', 'service: <code>no such</code> is not a service'],
      ['service=nosuch', 'No incident is tagged with service <code>nosuch</code>'],
      // payroll is tagged only on a private incident: no public incident has it.
      ['service=payroll', 'No incident is tagged with service <code>payroll</code>'],
    ] as const) {
      const page = await get(`/insights?${query}`);
      expect(page.status, query).toBe(400);
      expect(page.body, query).toContain(message);
      expect(page.body, query).toContain('<form class="filters"');
      const file = await get(`/insights/ttd.csv?${query}`);
      expect(file.status, query).toBe(400);
    }
    expect((await get('/insights?window=%3Cscript%3E')).body).not.toContain('<script>');
    for (const path of ['/insights', '/insights/ttd.csv']) {
      const stranger = await get(path, null);
      expect(stranger.status, path).toBe(303);
      expect(stranger.headers.get('location')).toMatch(/^\/auth\/sign-in\?next=/);
    }
    expect((await get('/insights?window=30d')).status).toBe(200);
  });
});
