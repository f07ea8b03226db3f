import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandThenPost } from '../helpers/e2e-steps.ts';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';
import { sessionCookie, siteEnv } from '../helpers/site.ts';

// /actions through the real bot on both engines: follow-ups and tasks added, given purposes, due
// dates and closed with the real commands, then listed overdue first and filtered; a private
// channel's follow-ups only for its members.

// Monday 23 November 2026, 10:00 UTC; sev2 follow-ups are due 14 days later (2026-12-07).
const T0 = Date.UTC(2026, 10, 23, 10, 0);
const DAY = 24 * 60 * 60_000;

const ANN = 'UANN'; // in the private channel
const BOB = 'UBOB'; // not
const DB = 'CDBDOWN01';
const SECRET = 'GSECRET01';

describe.each(ENGINES)('the follow-ups page (%s)', (engine) => {
  let h: Harness;

  async function posting(channelId: string, command: string, text: string): Promise<void> {
    await commandThenPost(h, { userId: ANN, channelId, command, text });
  }

  beforeAll(async () => {
    h = await startHarness({ start: T0, engine, env: siteEnv() });
    h.slack.addUser({ id: ANN, name: 'ann', displayName: 'Ann', tz: 'UTC' });
    h.slack.addUser({ id: BOB, name: 'bob', displayName: 'Bob', tz: 'UTC' });
    h.slack.addChannel({ id: DB, name: 'db-down', members: [ANN, BOB] });
    h.slack.addChannel({ id: SECRET, name: 'secret-breach', isPrivate: true, members: [ANN] });

    await posting(DB, '/incident', 'start Database down sev2');
    await posting(DB, '/action', `Page the DB team <@${BOB}|bob>`); // a task: no due date
    await posting(DB, '/incident', 'mitigated');
    await posting(DB, '/action', `Add a replica lag alert <@${BOB}|bob> detect`);
    await posting(DB, '/action', 'Write the failover runbook prevent');
    await posting(DB, '/action', 'Try a bigger pool');
    const ids = h.rows('select id from actions order by id').map((r) => Number(r.id));
    await posting(DB, '/action', `due ${ids[2]} 2026-12-31`);
    await posting(DB, '/action', `done ${ids[3]}`);

    await posting(SECRET, '/incident', 'start Secret breach sev2');
    await posting(SECRET, '/incident', 'mitigated');
    await posting(SECRET, '/action', `Rotate the vault keys <@${ANN}|ann>`);

    // 2026-12-13: the follow-ups due on 2026-12-07 and still open are six days late.
    h.clock.set(T0 + 20 * DAY);
  }, 180_000);
  afterAll(() => h?.close());

  async function get(path: string, userId: string | null = BOB) {
    const headers: Record<string, string> =
      userId === null ? {} : { cookie: sessionCookie({ userId }, h.clock.now()) };
    const response = await fetch(`${h.baseUrl}${path}`, { headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, html: await response.text() };
  }

  /** The listed actions' texts, in the order shown. */
  async function texts(query: string, userId: string = BOB): Promise<string[]> {
    const { status, html } = await get(`/actions${query}`, userId);
    expect(status).toBe(200);
    return [...html.matchAll(/<th scope="row"><span class="muted">#\d+<\/span> ([^<]*)/g)].map(
      (m) => (m[1] ?? '').trim(),
    );
  }

  it('lists every follow-up and task the viewer may see, overdue first, then by due date', async () => {
    expect(await texts('')).toEqual([
      'Add a replica lag alert',
      'Try a bigger pool',
      'Write the failover runbook',
      'Page the DB team',
    ]);
    const { html } = await get('/actions');
    expect(html).toContain('4 items, 1 overdue');
    expect(html).toMatch(
      /<td>Bob<\/td><td>Open<\/td><td><time datetime="2026-12-07">2026-12-07<\/time> <span class="overdue">overdue by 6 days<\/span><\/td><td>Detect<\/td>/,
    );
    expect(html).toContain('<td>Done</td><td><time datetime="2026-12-07">2026-12-07</time></td>');
    expect(html).toContain('<time datetime="2026-12-31">2026-12-31</time></td><td>Prevent</td>');
    expect(html).toContain('Page the DB team <span class="badge">Task</span>');
    expect(html).toMatch(/<a href="\/incidents\/\d+">Database down<\/a>/);
    expect(html).not.toContain('vault');
    expect(html).not.toContain('Secret breach');
  });

  it("shows a private channel's follow-ups to its members", async () => {
    expect(await texts('', ANN)).toEqual([
      'Add a replica lag alert',
      'Rotate the vault keys',
      'Try a bigger pool',
      'Write the failover runbook',
      'Page the DB team',
    ]);
    expect((await get('/actions', ANN)).html).toContain('5 items, 2 overdue');
  });

  it('filters by owner, state, purpose and kind', async () => {
    expect(await texts(`?owner=${BOB}`)).toEqual(['Add a replica lag alert', 'Page the DB team']);
    expect(await texts(`?owner=${ANN}`)).toEqual([]);
    expect(await texts(`?owner=${ANN}`, ANN)).toEqual(['Rotate the vault keys']);
    expect(await texts('?state=done')).toEqual(['Try a bigger pool']);
    expect(await texts('?state=open&state=dropped')).toHaveLength(3);
    expect(await texts('?purpose=detect')).toEqual(['Add a replica lag alert']);
    expect(await texts('?purpose=none')).toEqual(['Try a bigger pool', 'Page the DB team']);
    expect(await texts('?kind=task')).toEqual(['Page the DB team']);
    expect(await texts('?kind=follow_up&purpose=prevent')).toEqual(['Write the failover runbook']);
    const { html } = await get('/actions?state=dropped');
    expect(html).toContain('No follow-up matches these filters');
    expect(html).toContain('<input type="checkbox" name="state" value="dropped" checked>');
  });

  it('answers a bad filter 400 with its errors, and the page still works', async () => {
    const bad = await get('/actions?state=late&owner=bob');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('state: &quot;late&quot; is not one of open, done, dropped.');
    expect(bad.html).toContain('owner: &quot;bob&quot; is not a Slack user id');
    expect(bad.html).not.toContain('<table');
    expect(await texts('')).toHaveLength(4);
  });

  it('sends a visitor without a session to sign in', async () => {
    const response = await get('/actions', null);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/auth/sign-in?next=%2Factions');
  });
});
