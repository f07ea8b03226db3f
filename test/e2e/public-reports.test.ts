import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commandThenPost, said } from '../helpers/e2e-steps.ts';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';
import { siteEnv } from '../helpers/site.ts';
import { xmlProblems } from '../helpers/well-formed-xml.ts';

// The public incident reports through the real bot on both engines: incidents declared, written
// and published with the real commands; only the published one from a public channel shows, on
// /reports, its own page, the feed and the history, and never a name or a Slack id.

// Monday 23 November 2026, 10:00 UTC.
const T0 = Date.UTC(2026, 10, 23, 10, 0);
const MINUTE = 60_000;

const PEOPLE = [
  { id: 'U01ANNIKA1', name: 'annika', displayName: 'Annika', realName: 'Annika Larsen' },
  { id: 'U02BARTHO2', name: 'bartholomew', displayName: 'Bartholomew', realName: 'Bart Okafor' },
  { id: 'U03ZEBEDI3', name: 'zebediah', displayName: 'Zebediah', realName: 'Zeb Quist' },
] as const;
const [ANNIKA, BART, ZEB] = PEOPLE.map((p) => p.id) as [string, string, string];

const CHANNELS = {
  published: { id: 'C0PUBLISH1', name: 'checkout-down' },
  review: { id: 'C0REVIEW02', name: 'search-slow' },
  draft: { id: 'C0DRAFT003', name: 'cart-broken' },
  secret: { id: 'C0SECRET04', name: 'secret-breach', isPrivate: true },
  skipped: { id: 'C0SKIPPED5', name: 'cron-failed' },
} as const;

/** Words only the incidents that must stay hidden carry in their titles. */
const HIDDEN_TITLES = ['REVIEWTITLE', 'DRAFTTITLE', 'PRIVATETITLE', 'SKIPPEDTITLE'];

/** Everything that must never reach a public page: names, handles, real names, every Slack id. */
const NEVER = [
  ...PEOPLE.flatMap((p) => [p.id, p.name, p.displayName, ...p.realName.split(' ')]),
  ...Object.values(CHANNELS).map((c) => c.id),
  ...HIDDEN_TITLES,
  'T0TEST',
];

function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  return NEVER.filter((word) => lower.includes(word.toLowerCase()));
}

async function boot(engine: 'sqlite' | 'postgres', env: Record<string, string>) {
  const h = await startHarness({ start: T0, engine, env });
  for (const person of PEOPLE) h.slack.addUser({ ...person, tz: 'UTC' });
  for (const channel of Object.values(CHANNELS)) {
    h.slack.addChannel({ ...channel, members: [ANNIKA, BART, ZEB] });
  }
  return h;
}

/** The private answer to a command (tags, category, sections): once it came, it is stored. */
async function say(h: Harness, channelId: string, text: string, userId = ANNIKA) {
  const result = await h.command({ userId, channelId, command: '/incident', text });
  return result.ackText ?? (await h.replyTo(result));
}

async function posting(h: Harness, channelId: string, text: string, userId = ANNIKA) {
  await commandThenPost(h, { userId, channelId, command: '/incident', text });
}

/** Declares, describes and resolves an incident; its post-mortem is then a draft. */
async function resolved(h: Harness, channelId: string, title: string, severity = 'sev2') {
  await posting(h, channelId, `start ${title} ${severity}`);
  expect(await say(h, channelId, 'tag service:checkout')).toContain('Tagged');
  expect(await say(h, channelId, 'category deploy')).toContain('deploy');
  await posting(h, channelId, 'resolve');
  await h.postedDraft();
}

/** Five incidents: published, in review, draft, published in a private channel, skipped. */
async function fiveIncidents(h: Harness) {
  const pub = CHANNELS.published.id;
  await posting(h, pub, `start Zebediah broke checkout for <@${BART}|bartholomew> sev2`);
  await posting(h, pub, `lead <@${BART}|bartholomew>`);
  expect((await h.event(said(pub, ANNIKA, T0 + MINUTE, 'Annika here, 500s on pay'))).status).toBe(
    200,
  );
  await h.event(said(pub, BART, T0 + 2 * MINUTE, `rolling back, ${ANNIKA} watch the graphs`));
  expect(await say(h, pub, 'tag service:checkout')).toContain('Tagged');
  expect(await say(h, pub, 'category deploy')).toContain('deploy');
  const summary = `summary Bartholomew rolled back what Zebediah deployed; ${BART} checked <#${pub}|checkout-down> at https://grafana.example/d/1`;
  expect(await say(h, pub, summary)).not.toBe('');
  h.clock.set(T0 + 30 * MINUTE);
  await posting(h, pub, 'resolve');
  await h.postedDraft();
  await posting(h, pub, 'review', BART);
  h.clock.set(T0 + 60 * MINUTE);
  await posting(h, pub, 'publish');

  // Zebediah speaks only in the draft's channel: a person the bot knows, not in the report.
  await posting(h, CHANNELS.draft.id, 'start Cart broken DRAFTTITLE sev2');
  await h.event(said(CHANNELS.draft.id, ZEB, T0 + 61 * MINUTE, 'Zebediah looking at carts'));
  expect(await say(h, CHANNELS.draft.id, 'tag service:checkout')).toContain('Tagged');
  await posting(h, CHANNELS.draft.id, 'resolve');
  await h.postedDraft();

  await resolved(h, CHANNELS.review.id, 'Search slow REVIEWTITLE');
  await posting(h, CHANNELS.review.id, 'review');

  await resolved(h, CHANNELS.secret.id, 'Secret breach PRIVATETITLE');
  await posting(h, CHANNELS.secret.id, 'review');
  await posting(h, CHANNELS.secret.id, 'publish');

  await resolved(h, CHANNELS.skipped.id, 'Cron failed SKIPPEDTITLE', 'sev3');
  await posting(h, CHANNELS.skipped.id, 'skip-postmortem Retried fine');

  const ids = h.rows('select id, channel_id, postmortem_state, is_private from incidents');
  const idOf = (channelId: string) => Number(ids.find((r) => r.channel_id === channelId)?.id);
  expect(ids.map((r) => [r.channel_id, r.postmortem_state, r.is_private])).toEqual(
    expect.arrayContaining([
      [pub, 'published', 0],
      [CHANNELS.review.id, 'in_review', 0],
      [CHANNELS.draft.id, 'draft', 0],
      [CHANNELS.secret.id, 'published', 1],
      [CHANNELS.skipped.id, 'skipped', 0],
    ]),
  );
  return {
    published: idOf(pub),
    hidden: [CHANNELS.review, CHANNELS.draft, CHANNELS.secret, CHANNELS.skipped].map((c) =>
      idOf(c.id),
    ),
  };
}

async function read(h: Harness, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${h.baseUrl}${path}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe.each(ENGINES)('public reports (%s)', (engine) => {
  let h: Harness;
  let ids: { published: number; hidden: number[] };
  beforeAll(async () => {
    h = await boot(engine, { PUBLIC_REPORTS: 'true' });
    ids = await fiveIncidents(h);
  }, 180_000);
  afterAll(() => h?.close());

  it('lists only the published report of a public channel, its title without names', async () => {
    const list = await read(h, '/reports');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('public, max-age=300');
    expect(list.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(list.body).toContain('<link rel="alternate" type="application/atom+xml"');
    const linked = [...list.body.matchAll(/href="\/reports\/(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(linked)).toEqual(new Set([ids.published]));
    expect(list.body).toContain('A responder broke checkout for the incident lead');
    expect(leaks(list.body)).toEqual([]);
    // No team navigation and nobody signed in.
    expect(list.body).not.toContain('Sign out');
    expect(list.body).not.toContain('href="/incidents"');

    const deploy = await read(h, '/reports?category=deploy');
    expect(deploy.status).toBe(200);
    expect(deploy.body).toContain(`href="/reports/${ids.published}"`);
    expect(leaks(deploy.body)).toEqual([]);
    const security = await read(h, '/reports?category=security');
    expect(security.body).toContain('No published report in the category security.');
  });

  it('shows the published day in the 90-day history, linking to the report, and nothing else', async () => {
    const { body } = await read(h, '/reports');
    expect(body).toContain(
      `<li class="day-sev2"><a href="/reports/${ids.published}" title="2026-11-23: sev2, A responder broke checkout for the incident lead">`,
    );
    const bars = body.match(/<li class="day-sev\d">/g) ?? [];
    expect(bars).toHaveLength(1);
    expect(body).toContain('<h3 id="service-0">checkout</h3>');
    expect(body).toContain('<li class="day-none" title="2026-08-26: no incident">');
  });

  it("serves the report's public HTML, without names, ids, links or chat", async () => {
    const page = await read(h, `/reports/${ids.published}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, max-age=300');
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'self' 'sha256-[A-Za-z0-9+/=]+'; .*frame-ancestors 'none'/,
    );
    // The page's own inline stylesheet is the one the policy allows by its hash.
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.body)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(page.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
    expect(page.body).toContain(
      '<title>Incident report: A responder broke checkout for the incident lead</title>',
    );
    expect(page.body).toContain('The incident lead rolled back what a responder deployed');
    expect(page.body).toContain('<a href="/reports">All incident reports</a>');
    expect(page.body).not.toContain('grafana.example');
    expect(page.body).not.toContain('500s on pay'); // the chat stays out
    expect(leaks(page.body)).toEqual([]);
  });

  it('answers one and the same 404 for reports in review, drafts, private, skipped and unknown', async () => {
    const unknown = await read(h, '/reports/9999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('Report not found');
    for (const path of [
      ...ids.hidden.map((id) => `/reports/${id}`),
      '/reports/0',
      '/reports/abc',
      '/reports/1e3',
      `/reports/${'9'.repeat(30)}`,
      `/reports/${ids.published}.html`,
    ]) {
      const answer = await read(h, path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.body).toBe(unknown.body);
    }
  });

  it('feeds the published report only, as valid Atom with links from the Host', async () => {
    const feed = await read(h, '/reports/feed.xml');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(xmlProblems(feed.body)).toEqual([]);
    const entries = [...feed.body.matchAll(/<id>urn:incident-scribe:report:(\d+)<\/id>/g)];
    expect(entries.map((m) => Number(m[1]))).toEqual([ids.published]);
    expect(feed.body).toContain(
      `<link rel="alternate" type="text/html" href="${h.baseUrl}/reports/${ids.published}"/>`,
    );
    expect(feed.body).toContain('<updated>2026-11-23T11:00:00.000Z</updated>');
    expect(feed.body).toContain('The incident lead rolled back what a responder deployed');
    expect(leaks(feed.body)).toEqual([]);
  });

  it('refuses bad input with a clear error and keeps answering', async () => {
    const category = await read(h, '/reports?category=%3Cscript%3E');
    expect(category.status).toBe(400);
    expect(category.body).toContain('is not a category');
    expect(category.body).not.toContain('<script>');
    const host = await rawGet(h, '/reports/feed.xml', 'evil.example"><x');
    expect(host.status).toBe(400);
    expect(host.body).toContain('The Host header is not a host name.');
    const malformed = await rawGet(h, '/reports/%E0%A4%A', '127.0.0.1');
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect((await read(h, '/reports')).status).toBe(200);
  });
});

/** A GET with a Host header fetch would not send. */
function rawGet(h: Harness, path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(h.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: 'GET', headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('public reports beside the team site', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('takes the feed links from WEB_BASE_URL when set', async () => {
    h = await boot('sqlite', siteEnv({ PUBLIC_REPORTS: 'true' }));
    const feed = await read(h, '/reports/feed.xml');
    expect(feed.status).toBe(200);
    expect(xmlProblems(feed.body)).toEqual([]);
    // The harness's WEB_BASE_URL is a placeholder the bot replaces with its real address.
    expect(feed.body).toContain(
      `<link rel="self" type="application/atom+xml" href="${h.baseUrl}/reports/feed.xml"/>`,
    );
    expect(feed.body).not.toContain('<entry>');
    expect((await read(h, '/reports')).body).toContain(
      'No incident report has been published yet.',
    );
  });

  it('serves the same pages in Socket Mode, a published report included', async () => {
    h = await startHarness({ start: T0, mode: 'socket', env: { PUBLIC_REPORTS: 'true' } });
    for (const person of PEOPLE) h.slack.addUser({ ...person, tz: 'UTC' });
    h.slack.addChannel({ ...CHANNELS.published, members: [ANNIKA] });
    await resolved(h, CHANNELS.published.id, 'Checkout errors');
    await posting(h, CHANNELS.published.id, 'review');
    await posting(h, CHANNELS.published.id, 'publish');
    const list = await read(h, '/reports?category=deploy');
    expect(list.status).toBe(200);
    expect(list.body).toContain('<a href="/reports/1">Checkout errors</a>');
    expect((await read(h, '/reports/1')).body).toContain('Incident report: Checkout errors');
    expect((await read(h, '/reports/2')).status).toBe(404);
    const feed = await read(h, '/reports/feed.xml');
    expect(xmlProblems(feed.body)).toEqual([]);
    expect(feed.body).toContain('<id>urn:incident-scribe:report:1</id>');
  });

  it('serves no /reports at all when PUBLIC_REPORTS is not set', async () => {
    h = await boot('sqlite', siteEnv());
    for (const path of ['/reports', '/reports/feed.xml', '/reports/1']) {
      expect({ path, status: (await read(h, path)).status }).toEqual({ path, status: 404 });
    }
  });
});
