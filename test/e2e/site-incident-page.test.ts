import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDraft } from '../../src/cli/export.ts';
import { composeDraft } from '../../src/usecases/publish-draft.ts';
import { alertPost, commandThenPost, said } from '../helpers/e2e-steps.ts';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';
import { sessionCookie, siteEnv } from '../helpers/site.ts';

// /incidents/<id> through the real bot on both engines: an incident declared, alerted on, talked
// about, mitigated and resolved with the real commands and events; its page, chart, transcript and
// downloads fetched as a signed-in person; a private channel's incident for its members only.

const T0 = Date.UTC(2026, 10, 23, 10, 0);
const MINUTE = 60_000;
const ANN = 'UANN'; // in both channels
const BOB = 'UBOB'; // not in the private one
const CHECKOUT = 'CCHECKOUT1';
const SECRET = 'GSECRET01';
/** As Slack delivers typed markup: entity-encoded. */
const SLACK_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const SLACK_BREAK = '"&gt;&lt;img src=x onerror=alert(1)&gt;';

describe.each(ENGINES)("an incident's page (%s)", (engine) => {
  let h: Harness;
  let checkoutId = 0;
  let secretId = 0;

  async function posting(channelId: string, command: string, text: string): Promise<void> {
    await commandThenPost(h, { userId: ANN, channelId, command, text });
  }

  async function idIn(channelId: string): Promise<number> {
    const incident = await h.bot.deps.store.incidents.findLatestInChannel(channelId);
    if (incident === null) throw new Error(`no incident in ${channelId}`);
    return incident.id;
  }

  beforeAll(async () => {
    h = await startHarness({ start: T0, engine, env: siteEnv() });
    h.slack.addUser({ id: ANN, name: 'ann', displayName: 'Ann', tz: 'UTC' });
    h.slack.addUser({ id: BOB, name: 'bob', displayName: 'Bob', tz: 'UTC' });
    h.slack.addChannel({ id: CHECKOUT, name: 'checkout-errors', members: [ANN, BOB] });
    h.slack.addChannel({ id: SECRET, name: 'secret-breach', isPrivate: true, members: [ANN] });

    // Firing five minutes before anyone declared: found by the look-back at /incident start.
    h.slack.addHistory(alertPost(CHECKOUT, T0 - 5 * MINUTE));
    await posting(CHECKOUT, '/incident', `start Checkout ${SLACK_SCRIPT} ${SLACK_BREAK} sev2`);
    checkoutId = await idIn(CHECKOUT);
    await h.slack.waitFor(() => h.count('messages') === 1);
    const events = [
      said(CHECKOUT, ANN, T0 + 2 * MINUTE, `rolling back, see ${SLACK_BREAK}`),
      alertPost(CHECKOUT, T0 + 10 * MINUTE, { state: 'resolved' }),
      // Fires again and is never resolved: still firing on the chart.
      alertPost(CHECKOUT, T0 + 15 * MINUTE),
    ];
    for (const event of events) expect((await h.event(event)).status).toBe(200);
    h.clock.set(T0 + 20 * MINUTE);
    await posting(CHECKOUT, '/incident', 'mitigated');
    await posting(CHECKOUT, '/action', `Add a canary ${SLACK_SCRIPT} <@${ANN}|ann>`);
    h.clock.set(T0 + 30 * MINUTE);
    await posting(CHECKOUT, '/incident', 'resolve');
    await h.postedDraft();

    h.clock.set(T0 + 60 * MINUTE);
    await posting(SECRET, '/incident', 'start Secret breach sev1');
    secretId = await idIn(SECRET);
  }, 180_000);
  afterAll(() => h?.close());

  // One session per person, as one browser keeps: its CSRF token is on every page.
  const cookies = new Map<string, string>();
  function cookieOf(userId: string): string {
    const cookie = cookies.get(userId) ?? sessionCookie({ userId }, h.clock.now());
    cookies.set(userId, cookie);
    return cookie;
  }

  async function get(path: string, userId: string | null = BOB) {
    const headers: Record<string, string> = userId === null ? {} : { cookie: cookieOf(userId) };
    const response = await fetch(`${h.baseUrl}${path}`, { headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  it('shows key times, metrics and where they came from', async () => {
    const { status, body } = await get(`/incidents/${checkoutId}`);
    expect(status).toBe(200);
    const times = body.slice(
      body.indexOf('<section id="times"'),
      body.indexOf('<section id="chart"'),
    );
    expect(times).toContain(
      '<th scope="row">Impact start</th><td><time datetime="2026-11-23T09:55:00.000Z">2026-11-23 09:55:00 UTC</time></td><td>first firing alert',
    );
    expect(times).toContain(
      '<th scope="row">Declared</th><td><time datetime="2026-11-23T10:00:00.000Z">',
    );
    expect(times).toContain('/incident start by Ann');
    expect(times).toContain(
      '<th scope="row">Mitigated</th><td><time datetime="2026-11-23T10:20:00.000Z">',
    );
    expect(times).toContain(
      '<th scope="row">Resolved</th><td><time datetime="2026-11-23T10:30:00.000Z">',
    );
    expect(times).toContain('TTD + TTM = the total duration of impact');
    expect(times).toMatch(/<th scope="row">TTR<\/th><td class="num">35m<\/td>/);
  });

  it('draws the chart: the alert as bars, still firing to the edge, and the five moments', async () => {
    const { body } = await get(`/incidents/${checkoutId}`);
    const svg = body.slice(body.indexOf('<svg'), body.indexOf('</svg>'));
    expect(svg).toContain('role="img"');
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(1);
    expect(svg.match(/<rect class="bar open"/g)).toHaveLength(1);
    expect(svg.match(/<g class="row">/g)).toHaveLength(1);
    for (const kind of ['impact', 'detected', 'declared', 'mitigated', 'resolved']) {
      expect(svg).toContain(`<g class="marker marker-${kind}">`);
    }
    expect(svg).toContain('CheckoutErrors fired 2026-11-23 09:55:00 UTC for 15m');
    expect(svg).toContain('CheckoutErrors fired 2026-11-23 10:15:00 UTC and is still firing');
    expect(body).toContain(
      "<caption>The chart's data: alert episodes and marked moments</caption>",
    );
  });

  it('shows the timeline, the action, and the transcript a link away', async () => {
    const { body } = await get(`/incidents/${checkoutId}`);
    const timeline = body.slice(
      body.indexOf('<section id="timeline"'),
      body.indexOf('<section id="actions"'),
    );
    expect(timeline).toContain('rolling back, see');
    expect(timeline).toContain('[RESOLVED] CheckoutErrors');
    expect(timeline).toContain(`href="/incidents/${checkoutId}/transcript"`);
    const actions = body.slice(
      body.indexOf('<section id="actions"'),
      body.indexOf('<section id="related"'),
    );
    expect(actions).toContain('Add a canary');
    expect(actions).toContain('<td>Ann</td>');

    const transcript = await get(`/incidents/${checkoutId}/transcript`);
    expect(transcript.status).toBe(200);
    expect(transcript.body).toContain('rolling back, see');
    expect(transcript.body).not.toMatch(/<script|<img/);
  });

  it('escapes the hostile title, message and action everywhere on the page', async () => {
    const { body } = await get(`/incidents/${checkoutId}`);
    expect(body).not.toMatch(/<script|<img/);
    expect(body).toContain(
      'Checkout &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
  });

  it('downloads the same bytes scribe export writes, as attachments', async () => {
    const draft = await composeDraft(h.bot.deps, checkoutId);
    if (draft === null) throw new Error('no draft');
    const meta = { incidentId: checkoutId, channelId: CHECKOUT };
    const names = [...(await h.bot.deps.store.people.directory()).values()];
    const expected: Array<[string, string, string]> = [
      ['postmortem.md', 'text/markdown', renderDraft(draft, 'md', meta, false)],
      ['postmortem.json', 'application/json', renderDraft(draft, 'json', meta, false)],
      ['postmortem.html', 'text/html', renderDraft(draft, 'html', meta, false)],
      ['public.html', 'text/html', renderDraft(draft, 'html', meta, true, names)],
    ];
    for (const [file, type, bytes] of expected) {
      const { status, headers, body } = await get(`/incidents/${checkoutId}/download/${file}`);
      expect(status, file).toBe(200);
      expect(headers.get('content-type')).toContain(type);
      expect(headers.get('content-disposition')).toBe(
        `attachment; filename="incident-${checkoutId}-${file}"`,
      );
      expect(body, file).toBe(bytes);
    }
  });

  it('answers an unknown id, a non-numeric one and an invisible incident with the same 404', async () => {
    const missing = await get('/incidents/999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('No such incident');
    for (const path of [
      '/incidents/abc',
      '/incidents/0',
      `/incidents/0${checkoutId}`,
      '/incidents/99999999999999999999',
      `/incidents/${secretId}`,
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toBe(missing.body);
    }
    for (const path of [
      `/incidents/${secretId}/transcript`,
      `/incidents/${secretId}/download/postmortem.md`,
      `/incidents/${secretId}/download/public.html`,
      `/incidents/${checkoutId}/download/secrets.txt`,
      '/incidents/999999/download/postmortem.json',
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('Secret breach');
    }
  });

  it("shows a private channel's incident to a member", async () => {
    const page = await get(`/incidents/${secretId}`, ANN);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Secret breach');
    expect((await get(`/incidents/${secretId}/download/postmortem.md`, ANN)).status).toBe(200);
  });

  it('refuses a transcript page that does not exist, saying which exist', async () => {
    for (const page of ['2', '0', 'abc', '-1', '1.5']) {
      const answer = await get(`/incidents/${checkoutId}/transcript?page=${page}`);
      expect(answer.status, page).toBe(400);
      expect(answer.body).toContain('must be a whole number from 1 to 1');
    }
  });

  it('sends someone not signed in to sign in', async () => {
    const answer = await get(`/incidents/${checkoutId}`, null);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(
      `/auth/sign-in?next=${encodeURIComponent(`/incidents/${checkoutId}`)}`,
    );
  });
});
