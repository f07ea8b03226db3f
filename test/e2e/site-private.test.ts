import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandThenPost, said } from '../helpers/e2e-steps.ts';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';
import { API_TOKEN, browse, type CookieJar, signIn, siteEnv } from '../helpers/site.ts';

// A private channel's incident, on both engines, through the real sign-in: its members see it on
// every page that lists or shows incidents; anyone else finds it nowhere, and its own addresses
// answer exactly as an incident that does not exist. Membership is Slack's, now: someone removed
// from the channel stops seeing it once the one-minute cache has passed.

// Monday 23 November 2026, 10:00 UTC.
const T0 = Date.UTC(2026, 10, 23, 10, 0);
const MINUTE = 60_000;

const ANN = 'UANN'; // in the private channel
const BOB = 'UBOB'; // not
const PUBLIC = 'CCHECKOUT1';
const SECRET = 'GPAYROLL01';

describe.each(ENGINES)('a private incident on the site (%s)', (engine) => {
  let h: Harness;
  let ann: CookieJar;
  let bob: CookieJar;
  let secretId = 0;
  let publicId = 0;

  async function posting(channelId: string, command: string, text: string): Promise<void> {
    await commandThenPost(h, { userId: ANN, channelId, command, text });
  }

  beforeAll(async () => {
    h = await startHarness({ start: T0, engine, env: siteEnv(), people: true });
    h.slack.addUser({ id: ANN, name: 'ann', realName: 'Ann Example', tz: 'UTC' });
    h.slack.addUser({ id: BOB, name: 'bob', realName: 'Bob Example', tz: 'UTC' });
    h.slack.addChannel({ id: PUBLIC, name: 'checkout-slow', members: [ANN, BOB] });
    h.slack.addChannel({ id: SECRET, name: 'payroll-leak', isPrivate: true, members: [ANN] });

    await posting(PUBLIC, '/incident', 'start Checkout slow sev2');
    h.clock.set(T0 + 10 * MINUTE);
    await posting(PUBLIC, '/incident', 'resolve');
    await h.postedDraft();

    h.clock.set(T0 + 60 * MINUTE);
    await posting(SECRET, '/incident', 'start Payroll leak sev1');
    const tagged = await h.command({
      userId: ANN,
      channelId: SECRET,
      command: '/incident',
      text: 'tag service:payroll',
    });
    expect(tagged.ackText ?? (await h.replyTo(tagged))).toContain('Tagged');
    await posting(SECRET, '/action', `Rotate the wombat keys <@${ANN}|ann>`);
    expect(
      (await h.event(said(SECRET, ANN, T0 + 61 * MINUTE, 'a quokka copied the ledger'))).status,
    ).toBe(200);
    h.clock.set(T0 + 80 * MINUTE);
    await posting(SECRET, '/incident', 'resolve');
    await h.postedDraft();

    const idOf = (channel: string) =>
      Number(h.rows('select id from incidents where channel_id = ?', channel)[0]?.id);
    secretId = idOf(SECRET);
    publicId = idOf(PUBLIC);
    ann = await signIn(h, ANN);
    bob = await signIn(h, BOB);
  }, 180_000);
  afterAll(() => h?.close());

  async function get(jar: CookieJar, path: string) {
    const response = await browse(jar, `${h.baseUrl}${path}`);
    return { status: response.status, body: await response.text() };
  }

  /** What no page may show someone outside the channel. */
  function expectNothingOfIt(body: string): void {
    for (const word of ['Payroll leak', 'payroll', 'wombat', 'quokka', 'payroll-leak']) {
      expect(body).not.toContain(word);
    }
  }

  it('is listed for a member, found by a word said in it, and not for anyone else', async () => {
    const forAnn = await get(ann, '/incidents');
    expect(forAnn.status).toBe(200);
    expect(forAnn.body).toContain(`<a href="/incidents/${secretId}">Payroll leak</a>`);
    expect(forAnn.body).toContain('Checkout slow');
    expect((await get(ann, '/incidents?q=quokka')).body).toContain('Payroll leak');

    const forBob = await get(bob, '/incidents');
    expect(forBob.status).toBe(200);
    expect(forBob.body).toContain(`<a href="/incidents/${publicId}">Checkout slow</a>`);
    expectNothingOfIt(forBob.body);
    // The form shows the words searched for; the list under it must stay empty.
    for (const query of ['?q=quokka', '?q=payroll', '?service=payroll', '?severity=sev1']) {
      const searched = await get(bob, `/incidents${query}`);
      expect(searched.status, query).toBe(200);
      expect(searched.body, query).not.toContain('Payroll leak');
      expect(searched.body, query).not.toContain(`href="/incidents/${secretId}"`);
    }
  });

  it('shows its page, transcript and downloads to a member', async () => {
    const page = await get(ann, `/incidents/${secretId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Payroll leak');
    expect((await get(ann, `/incidents/${secretId}/transcript`)).body).toContain('quokka');
    for (const file of ['postmortem.md', 'postmortem.json', 'postmortem.html', 'public.html']) {
      const download = await get(ann, `/incidents/${secretId}/download/${file}`);
      expect(download.status, file).toBe(200);
    }
  });

  it('answers anyone else exactly as an incident that does not exist', async () => {
    const missing = secretId + 1000;
    for (const suffix of [
      '',
      '/transcript',
      '/download/postmortem.md',
      '/download/postmortem.json',
      '/download/postmortem.html',
      '/download/public.html',
    ]) {
      const hidden = await get(bob, `/incidents/${secretId}${suffix}`);
      const absent = await get(bob, `/incidents/${missing}${suffix}`);
      expect(hidden.status, suffix).toBe(404);
      // Whole numbers only: a one-digit id must not also replace the digits of a year.
      const asked = (body: string, id: number) =>
        body.replace(new RegExp(`\\b${id}\\b`, 'g'), 'ID');
      expect(asked(hidden.body, secretId), suffix).toBe(asked(absent.body, missing));
      expectNothingOfIt(hidden.body);
    }
  });

  it('keeps its follow-ups, title and service out of the follow-ups and insights for anyone else', async () => {
    expect((await get(ann, '/actions')).body).toContain('Rotate the wombat keys');
    const actions = await get(bob, '/actions');
    expect(actions.status).toBe(200);
    expectNothingOfIt(actions.body);

    const insights = await get(bob, '/insights?window=90d');
    expect(insights.status).toBe(200);
    expectNothingOfIt(insights.body);
    for (const chart of ['incidents-by-severity', 'services', 'categories', 'follow-ups']) {
      const csv = await get(bob, `/insights/${chart}.csv?window=90d`);
      expect(csv.status, chart).toBe(200);
      expectNothingOfIt(csv.body);
    }
  });

  it('is in the API for a member only; the API token is nobody and sees no private incident', async () => {
    const ids = async (jar: CookieJar | null) => {
      const response = await fetch(`${h.baseUrl}/api/v1/incidents`, {
        headers: jar ? { cookie: jar.header() } : { authorization: `Bearer ${API_TOKEN}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { incidents: Array<{ id: number }> };
      return body.incidents.map((incident) => incident.id);
    };
    expect(await ids(ann)).toEqual([secretId, publicId]);
    expect(await ids(bob)).toEqual([publicId]);
    expect(await ids(null)).toEqual([publicId]);

    const one = (jar: CookieJar | null, id: number) =>
      fetch(`${h.baseUrl}/api/v1/incidents/${id}`, {
        headers: jar ? { cookie: jar.header() } : { authorization: `Bearer ${API_TOKEN}` },
      });
    expect((await one(ann, secretId)).status).toBe(200);
    for (const jar of [bob, null]) {
      const hidden = await one(jar, secretId);
      const absent = await one(jar, secretId + 1000);
      expect(hidden.status).toBe(404);
      expect((await hidden.text()).replaceAll(String(secretId), 'ID')).toBe(
        (await absent.text()).replaceAll(String(secretId + 1000), 'ID'),
      );
    }
    const stats = await fetch(`${h.baseUrl}/api/v1/stats`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(stats.status).toBe(200);
    expectNothingOfIt(await stats.text());
  });

  it('disappears for someone removed from the channel once the minute has passed', async () => {
    expect((await get(ann, `/incidents/${secretId}`)).status).toBe(200);
    h.slack.workspace.channels.get(SECRET)?.members.delete(ANN);
    const before = h.clock.now();
    try {
      h.clock.advance(MINUTE);
      expect((await get(ann, `/incidents/${secretId}`)).status).toBe(404);
      expectNothingOfIt((await get(ann, '/incidents')).body);
    } finally {
      h.slack.workspace.channels.get(SECRET)?.members.add(ANN);
      h.clock.set(before);
    }
  });

  it('fails closed when Slack cannot say who is in the channel', async () => {
    const before = h.clock.now();
    try {
      // Past any answer kept from earlier tests: Slack says Ann is a member.
      h.clock.advance(5 * MINUTE);
      expect((await get(ann, `/incidents/${secretId}`)).status).toBe(200);
      // A minute on, the answer is stale and Slack is asked again, and fails.
      h.clock.advance(MINUTE);
      h.slack.failNext('users.conversations', { error: 'ratelimited' }, 5);
      const list = await get(ann, '/incidents');
      expect(list.status).toBe(200);
      expectNothingOfIt(list.body);
      expect((await get(ann, `/incidents/${secretId}`)).status).toBe(404);
      expect(h.logLines.join('')).toContain('could not ask Slack which private channels');
    } finally {
      h.clock.set(before);
    }
  });
});
