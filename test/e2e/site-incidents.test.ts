import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandThenPost, said } from '../helpers/e2e-steps.ts';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';
import { sessionCookie, siteEnv } from '../helpers/site.ts';

// /incidents through the real bot on both engines: incidents declared, described and resolved with
// the real commands, then listed, filtered by each filter, searched and paged as a signed-in
// person; a private channel's incident only for its members, not even in the choices or counts.

// Monday 23 November 2026, 10:00 UTC.
const T0 = Date.UTC(2026, 10, 23, 10, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const ANN = 'UANN'; // in every channel, the private one too
const BOB = 'UBOB'; // not in the private channel
const LEE = 'ULEE';
const CHANNELS = {
  db: { id: 'CDBDOWN01', name: 'db-down' },
  checkout: { id: 'CCHECKOUT1', name: 'checkout-slow' },
  search: { id: 'CSEARCH01', name: 'search-degraded' },
  secret: { id: 'GSECRET01', name: 'secret-breach', isPrivate: true },
};

describe.each(ENGINES)('the incident list (%s)', (engine) => {
  let h: Harness;

  async function say(channelId: string, text: string): Promise<string> {
    const result = await h.command({ userId: ANN, channelId, command: '/incident', text });
    return result.ackText ?? (await h.replyTo(result));
  }
  async function posting(channelId: string, text: string): Promise<void> {
    await commandThenPost(h, { userId: ANN, channelId, command: '/incident', text });
  }

  beforeAll(async () => {
    h = await startHarness({ start: T0, engine, env: siteEnv() });
    h.slack.addUser({ id: ANN, name: 'ann', displayName: 'Ann', tz: 'UTC' });
    h.slack.addUser({ id: BOB, name: 'bob', displayName: 'Bob', tz: 'UTC' });
    h.slack.addUser({ id: LEE, name: 'lee', displayName: 'Lee', tz: 'UTC' });
    for (const channel of Object.values(CHANNELS)) {
      h.slack.addChannel({
        ...channel,
        members: channel.id === CHANNELS.secret.id ? [ANN] : [ANN, BOB, LEE],
      });
    }

    // Database down: sev1, service db, Lee leads, "quokka" said only here, resolved.
    const db = CHANNELS.db.id;
    await posting(db, 'start Database down sev1');
    expect(await say(db, 'tag service:db')).toContain('Tagged');
    await posting(db, `lead <@${LEE}|lee>`);
    expect(
      (await h.event(said(db, ANN, T0 + MINUTE, 'the replica logs quokka errors'))).status,
    ).toBe(200);
    h.clock.set(T0 + 20 * MINUTE);
    await posting(db, 'resolve');
    await h.postedDraft();

    // Checkout slow: sev2, service checkout, tag flaky, category deploy, a customer told us, open.
    h.clock.set(T0 + 60 * MINUTE);
    const checkout = CHANNELS.checkout.id;
    await posting(checkout, 'start Checkout slow sev2');
    expect(await say(checkout, 'tag service:checkout flaky')).toContain('Tagged');
    expect(await say(checkout, 'category deploy')).toContain('deploy');
    await posting(checkout, 'detected 5m ago by customer');

    // Search degraded: sev3, the next day, resolved.
    h.clock.set(T0 + DAY);
    const search = CHANNELS.search.id;
    await posting(search, 'start Search degraded sev3');
    await posting(search, 'resolve');
    await h.postedDraft();

    // Secret breach: private, sev2, service vault, "wombat" said only here.
    h.clock.set(T0 + DAY + 60 * MINUTE);
    const secret = CHANNELS.secret.id;
    await posting(secret, 'start Secret breach sev2');
    expect(await say(secret, 'tag service:vault')).toContain('Tagged');
    await h.event(said(secret, ANN, T0 + DAY + 61 * MINUTE, 'a wombat took the keys'));
  }, 180_000);
  afterAll(() => h?.close());

  async function get(path: string, userId: string | null = BOB) {
    const headers: Record<string, string> =
      userId === null ? {} : { cookie: sessionCookie({ userId }, h.clock.now()) };
    const response = await fetch(`${h.baseUrl}${path}`, { headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, html: await response.text() };
  }

  /** The listed titles, in the order shown. */
  async function titles(query: string, userId: string = BOB): Promise<string[]> {
    const { status, html } = await get(`/incidents${query}`, userId);
    expect(status).toBe(200);
    return [...html.matchAll(/<a href="\/incidents\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
  }

  it('lists every incident the viewer may see, newest first, with its numbers', async () => {
    const { status, html } = await get('/incidents');
    expect(status).toBe(200);
    expect(await titles('')).toEqual(['Search degraded', 'Checkout slow', 'Database down']);
    expect(html).toContain('3 incidents, newest first');
    expect(html).toContain('<span class="sev sev-sev1">SEV1</span>');
    expect(html).toContain('<td>Lee</td>');
    expect(html).toContain('2026-11-23 10:00:00 UTC');
    expect(html).toContain('<td>deploy</td>');
    // The private incident is not there, not counted, and not among the form's choices.
    expect(html).not.toContain('Secret breach');
    expect(html).not.toContain('vault');
  });

  it('shows a private incident to a member of its channel', async () => {
    expect(await titles('', ANN)).toEqual([
      'Secret breach',
      'Search degraded',
      'Checkout slow',
      'Database down',
    ]);
    expect((await get('/incidents', ANN)).html).toContain('<option value="vault">vault</option>');
    expect(await titles('?service=vault', ANN)).toEqual(['Secret breach']);
    expect(await titles('?q=wombat', ANN)).toEqual(['Secret breach']);
  });

  it('filters by status, severity, service, category, tag, lead and detection', async () => {
    expect(await titles('?status=resolved')).toEqual(['Search degraded', 'Database down']);
    expect(await titles('?status=declared')).toEqual(['Checkout slow']);
    expect(await titles('?severity=sev1')).toEqual(['Database down']);
    expect(await titles('?severity=sev2&severity=sev3')).toEqual([
      'Search degraded',
      'Checkout slow',
    ]);
    expect(await titles('?service=db')).toEqual(['Database down']);
    expect(await titles('?service=vault')).toEqual([]);
    expect(await titles('?category=deploy')).toEqual(['Checkout slow']);
    expect(await titles('?tag=flaky')).toEqual(['Checkout slow']);
    expect(await titles('?tag=service:checkout')).toEqual(['Checkout slow']);
    expect(await titles(`?lead=${LEE}`)).toEqual(['Database down']);
    expect(await titles('?detected=customer')).toEqual(['Checkout slow']);
    expect(await titles('?detected=customer&severity=sev1')).toEqual([]);
  });

  it('filters by declared day, both ends included', async () => {
    expect(await titles('?from=2026-11-24')).toEqual(['Search degraded']);
    expect(await titles('?to=2026-11-23')).toEqual(['Checkout slow', 'Database down']);
    expect(await titles('?from=2026-11-23&to=2026-11-24')).toHaveLength(3);
    const { html } = await get('/incidents?from=2026-12-01');
    expect(html).toContain('No incident matches these filters');
  });

  it('searches words said only in one incident, never in a channel the viewer is not in', async () => {
    expect(await titles('?q=quokka')).toEqual(['Database down']);
    expect(await titles('?q=checkout')).toEqual(['Checkout slow']);
    expect(await titles('?q=wombat')).toEqual([]);
    const { html } = await get('/incidents?q=wombat');
    expect(html).toContain('No incident matches these filters');
    expect(html).toContain('<input type="search" name="q" value="wombat">');
  });

  it('pages with per=1, the links keeping the filters', async () => {
    const first = await get('/incidents?per=1&severity=sev2&severity=sev3&severity=sev1');
    expect(first.html).toContain('Page 1 of 3');
    expect(await titles('?per=1&severity=sev2&severity=sev3&severity=sev1')).toEqual([
      'Search degraded',
    ]);
    const next = /<a rel="next" href="([^"]+)">/.exec(first.html)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBe('/incidents?severity=sev1&severity=sev2&severity=sev3&page=2&per=1');
    const second = await get(next ?? '');
    expect(second.html).toContain('Page 2 of 3');
    expect(second.html).toContain('>Checkout slow</a>');
    expect(second.html).toContain(
      '<a rel="prev" href="/incidents?severity=sev1&amp;severity=sev2&amp;severity=sev3&amp;per=1">',
    );
    expect(await titles('?per=1&page=3')).toEqual(['Database down']);
    expect((await get('/incidents?per=1&page=4')).html).toContain('There is no page 4');
  });

  it('answers a bad filter 400 with its errors, and the list still works', async () => {
    const bad = await get('/incidents?severity=sev9&from=tomorrow&per=500&q=%3Cscript%3E');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(bad.html).toContain('severity: &quot;sev9&quot; is not a severity');
    expect(bad.html).toContain('from: &quot;tomorrow&quot; is not a day; write it as YYYY-MM-DD.');
    expect(bad.html).toContain('per: &quot;500&quot; is not a whole number from 1 to 200.');
    expect(bad.html).not.toContain('<table');
    expect(bad.html).not.toContain('<script>');
    expect(bad.html).toContain('value="&lt;script&gt;"');
    expect(await titles('')).toHaveLength(3);
  });

  it('sends a visitor without a session to sign in, and back here after', async () => {
    const response = await get('/incidents?severity=sev1', null);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      '/auth/sign-in?next=%2Fincidents%3Fseverity%3Dsev1',
    );
    expect(response.html).not.toContain('Database down');
  });
});
