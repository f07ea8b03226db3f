import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';
import { scribe } from '../helpers/run-scribe.ts';

// Numbers over time and the weekly review, end to end: incidents declared through signed slash
// commands at different times (the harness clock), `/incident stats` answered privately,
// `scribe stats` from the same database, and WEEKLY_REVIEW posting once per ISO week across
// passes and restarts, and after a restart that missed its time.

const REVIEW_CHANNEL = 'C0REVIEW';
const utc = (month: number, day: number, hour: number, minute = 0) =>
  Date.UTC(2026, month - 1, day, hour, minute);

let h: Harness;
afterEach(() => h?.close());

/** Runs a command and waits until the incident it names shows `status`. */
async function run(channelId: string, text: string, status: string): Promise<void> {
  const result = await h.command({ userId: 'UANN', channelId, command: '/incident', text });
  expect(result.status).toBe(200);
  const statusOf = () =>
    h.rows('select status from incidents where channel_id = ?', channelId)[0]?.status;
  await h.slack.waitFor(() => statusOf() === status, 30_000);
}

type Step = readonly [at: number, text: string, status: string];

/** Runs each step's command in `channelId` at its time on the harness clock, in order. */
async function walk(channelId: string, steps: readonly Step[]): Promise<void> {
  for (const [at, text, status] of steps) {
    h.clock.set(at);
    await run(channelId, text, status);
  }
}

async function stats(channelId: string, text: string): Promise<string> {
  const result = await h.command({ userId: 'UANN', channelId, command: '/incident', text });
  return result.ackText ?? (await h.replyTo(result));
}

const reviewPosts = () =>
  h.slack
    .callsTo('chat.postMessage')
    // INCIDENTS_CHANNEL also hears every start and resolution of public incidents.
    .filter(
      (c) =>
        c.args.channel === REVIEW_CHANNEL && /Weekly incident review/.test(String(c.args.text)),
    );

/** Three incidents: one 41 days back, a public one last week, a private one last week. */
async function declareThree(): Promise<void> {
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  h.slack.addChannel({ id: 'C0PRIV', name: 'sec-payroll', isPrivate: true, members: ['UANN'] });
  await walk('C0OLD', [
    [utc(10, 6, 10), 'start Old queue backlog sev3', 'declared'],
    [utc(10, 6, 11), 'resolve', 'resolved'],
  ]);
  await walk('C0A', [
    [utc(11, 10, 10), 'start Checkout latency high sev1', 'declared'],
    [utc(11, 10, 10, 12), 'mitigated', 'mitigated'],
    [utc(11, 10, 11), 'resolve', 'resolved'],
  ]);
  await walk('C0PRIV', [
    [utc(11, 12, 10), 'start Secret payroll leak sev2', 'declared'],
    [utc(11, 12, 10, 30), 'resolve', 'resolved'],
  ]);
  const [a] = h.rows('select id from incidents where channel_id = ?', 'C0A');
  // The tagging command is another feature's; its row is written as it would write it.
  const sql = `insert into incident_tags (incident_id, key, value, source, added_at)
               values (${Number(a?.id)}, 'service', 'checkout', 'person', 1)`;
  if (h.engine === 'postgres') h.rows(sql);
  else await withWriter(h.dbPath, sql);
}

async function withWriter(path: string, sql: string): Promise<void> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe.each(ENGINES)('numbers and the weekly review (%s)', (engine) => {
  it('answers /incident stats privately, prints scribe stats, and posts each weekly review once', async () => {
    // Monday 2026-11-16 08:00 UTC: this week's review (09:00) is not due yet.
    h = await startHarness({
      engine,
      start: utc(11, 16, 8),
      env: { INCIDENTS_CHANNEL: REVIEW_CHANNEL, WEEKLY_REVIEW: 'mon 09:00' },
    });
    await declareThree();
    h.clock.set(utc(11, 16, 8, 30));

    const thirty = await stats('C0A', 'stats 30d');
    expect(thirty).toContain(
      '*2 incidents* (1 in private channels): sev1 1 · sev2 1 · sev3 0 · sev4 0',
    );
    expect(thirty).toContain('*TTM*: median 21m · p90 30m (n=2)');
    expect(thirty).toContain('*Detected by*: monitoring 0 · person 2 · customer 0');
    expect(thirty).toContain('*By service*: checkout 1');
    expect(thirty).not.toContain('Secret');
    expect(await stats('C0A', 'stats all')).toContain('*3 incidents*');
    expect(await stats('C0OLD', 'stats 30d service:checkout')).toContain('*1 incident*');

    const incidents = h.count('incidents');
    for (const [text, error] of [
      ['stats 2w', '`2w` is not a window'],
      ['stats 7d 30d', 'Give one window'],
      ['stats service:<@U123>', 'is not a service'],
      ['stats service:<!channel>', 'is not a service'],
      [`stats service:${'x'.repeat(65)}`, 'at most 64'],
      ['stats service:nosuch', 'No incident is tagged with service `nosuch`'],
    ] as const) {
      const reply = await stats('C0A', text);
      expect(reply, text).toContain(error);
      // The error itself never echoes markup (the help text below it may show examples).
      expect(reply.split('\n')[0]).not.toMatch(/<[@!]/);
    }
    expect(h.count('incidents')).toBe(incidents);

    const env: Record<string, string> =
      engine === 'postgres'
        ? { DATABASE_URL: h.config.database.engine === 'postgres' ? h.config.database.url : '' }
        : { DATABASE_PATH: h.dbPath };
    const printed = await scribe(['stats', '--since', 'all', '--format', 'json'], {
      ...env,
      SCRIBE_TIMEZONE: 'UTC',
    });
    expect(printed.stderr).toBe('');
    const json = JSON.parse(printed.stdout);
    expect(json).toMatchObject({
      schema: 'incident-scribe.stats',
      version: 1,
      since: null,
      incidents: 3,
      privateIncidents: 1,
      bySeverity: { sev1: 1, sev2: 1, sev3: 1, sev4: 0 },
      byCategory: { uncategorized: 3 },
      byService: { checkout: 1 },
      ttdMs: { median: 0, p90: 0, n: 3 },
      ttmMs: { median: 30 * 60_000, p90: 60 * 60_000, n: 3 },
      ttrMs: { median: 60 * 60_000, p90: 60 * 60_000, n: 3 },
      detectedBy: { monitoring: 0, person: 3, customer: 0 },
      followUps: { open: 0, done: 0, dropped: 0, overdue: 0 },
      recurringAlerts: [],
    });
    expect(typeof json.until).toBe('string');
    const refused = await scribe(['stats', '--since', 'forever'], { ...env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a window');

    // Its time comes: one post, however many passes and restarts follow in the same week.
    h.clock.set(utc(11, 16, 9));
    await h.bot.weeklyReview.runNow();
    await h.bot.weeklyReview.runNow();
    expect(reviewPosts()).toHaveLength(1);
    const text = String(reviewPosts()[0]?.args.text);
    expect(text).toContain('Weekly incident review, 2026-W47');
    expect(text).toContain(
      'sev1 Checkout latency high in <#C0A> · TTD 0s · TTM 12m · post-mortem draft',
    );
    expect(text).toContain('sev2 an incident in a private channel · TTD 0s · TTM 30m');
    expect(text).not.toContain('Secret');
    expect(text).toContain('Old queue backlog');
    await h.restart(() => h.clock.set(utc(11, 18, 12)));
    await h.bot.weeklyReview.runNow();
    expect(reviewPosts()).toHaveLength(1);

    // Down across next Monday 09:00: posted when it comes back that week.
    await h.restart(() => h.clock.set(utc(11, 24, 15)));
    // The start-up pass is running (or done): this waits for it, and runs none of its own.
    await h.bot.weeklyReview.runNow();
    expect(reviewPosts()).toHaveLength(2);
    expect(String(reviewPosts()[1]?.args.text)).toContain('Weekly incident review, 2026-W48');
    expect(h.rows('select week from weekly_reviews order by week')).toEqual([
      { week: '2026-W47' },
      { week: '2026-W48' },
    ]);
  });
});
