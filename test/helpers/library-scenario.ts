import { expect } from 'vitest';
import type { Harness } from './harness.ts';
import { sessionCookie } from './site.ts';

// Four incidents over three months, through the real commands, for the insights and API tests.
// Hand-computed numbers (UTC, ISO weeks):
//   A "Checkout down"        Tue 2026-09-08 (W37) sev1 service:checkout deploy  person    TTM 10m
//     follow-up due 2026-09-15, left open: overdue from then on
//   B "Search slow"          Thu 2026-09-10 (W37) sev2                          customer  TTM 35m
//     (detected 10 minutes before it was declared, resolved 25 minutes after)
//   C "Checkout slow again"  Wed 2026-10-14 (W42) sev2 service:checkout deploy  person    TTM 20m
//     follow-up done on 2026-10-20
//   D "Secret payroll"       Wed 2026-11-18 (W47) sev3 private, service:payroll person    TTM 40m
// "Now" is Wednesday 2026-11-25 12:00 UTC.

export const at = (month: number, day: number, hour: number, minute = 0) =>
  Date.UTC(2026, month - 1, day, hour, minute);
export const NOW = at(11, 25, 12);

export const ANN = 'UANN'; // in every channel, the private one too
export const BOB = 'UBOB'; // not in the private channel
export const CHANNELS = {
  a: { id: 'CCHECKOUT1', name: 'checkout-down' },
  b: { id: 'CSEARCH01', name: 'search-slow' },
  c: { id: 'CCHECKOUT2', name: 'checkout-slow-again' },
  d: { id: 'GPAYROLL1', name: 'payroll-secret', isPrivate: true },
};

/**
 * Runs a command and waits for what it does to the database: waiting for "the next channel post"
 * could take an earlier command's late post (a draft summary, related incidents) for its own.
 */
async function run(
  h: Harness,
  channelId: string,
  command: string,
  text: string,
  done: () => boolean,
): Promise<void> {
  const result = await h.command({ userId: ANN, channelId, command, text });
  expect(result.status).toBe(200);
  await h.slack.waitFor(done, 30_000);
}

const statusOf = (h: Harness, channelId: string) =>
  h.rows('select status from incidents where channel_id = ?', channelId)[0]?.status;

async function incident(h: Harness, channelId: string, text: string, status: string) {
  await run(h, channelId, '/incident', text, () => statusOf(h, channelId) === status);
}

async function say(h: Harness, channelId: string, text: string): Promise<string> {
  const result = await h.command({ userId: ANN, channelId, command: '/incident', text });
  return result.ackText ?? (await h.replyTo(result));
}

async function resolve(h: Harness, channelId: string): Promise<void> {
  const drafts = h.count('postmortems');
  await incident(h, channelId, 'resolve', 'resolved');
  await h.slack.waitFor(() => h.count('postmortems') > drafts, 30_000);
  await h.postedDraft();
}

const lastAction = (h: Harness) => h.rows('select * from actions order by id desc limit 1')[0];

async function followUp(h: Harness, channelId: string, text: string): Promise<number> {
  const before = h.count('actions');
  await run(h, channelId, '/action', text, () => h.count('actions') > before);
  return Number(lastAction(h)?.id);
}

export async function declareLibrary(h: Harness): Promise<void> {
  h.slack.addUser({ id: ANN, name: 'ann', displayName: 'Ann', tz: 'UTC' });
  h.slack.addUser({ id: BOB, name: 'bob', displayName: 'Bob', tz: 'UTC' });
  for (const channel of Object.values(CHANNELS)) {
    h.slack.addChannel({ ...channel, members: channel.id === CHANNELS.d.id ? [ANN] : [ANN, BOB] });
  }
  const { a, b, c, d } = CHANNELS;

  h.clock.set(at(9, 8, 10));
  await incident(h, a.id, 'start Checkout down sev1', 'declared');
  expect(await say(h, a.id, 'tag service:checkout')).toContain('Tagged');
  expect(await say(h, a.id, 'category deploy')).toContain('deploy');
  h.clock.set(at(9, 8, 10, 10));
  await incident(h, a.id, 'mitigated', 'mitigated');
  const canary = await followUp(h, a.id, 'Add a canary stage');
  await run(
    h,
    a.id,
    '/action',
    `due ${canary} 2026-09-15`,
    () => h.rows('select due_date from actions where id = ?', canary)[0]?.due_date === '2026-09-15',
  );
  h.clock.set(at(9, 8, 11));
  await resolve(h, a.id);

  h.clock.set(at(9, 10, 9));
  await incident(h, b.id, 'start Search slow sev2', 'declared');
  const events = h.count('incident_events');
  await run(
    h,
    b.id,
    '/incident',
    'detected 10m ago by customer',
    () => h.count('incident_events') > events,
  );
  h.clock.set(at(9, 10, 9, 25));
  await resolve(h, b.id);

  h.clock.set(at(10, 14, 10));
  await incident(h, c.id, 'start Checkout slow again sev2', 'declared');
  expect(await say(h, c.id, 'tag service:checkout')).toContain('Tagged');
  expect(await say(h, c.id, 'category deploy')).toContain('deploy');
  h.clock.set(at(10, 14, 10, 20));
  await incident(h, c.id, 'mitigated', 'mitigated');
  const loadTest = await followUp(h, c.id, 'Load test checkout');
  h.clock.set(at(10, 14, 12));
  await resolve(h, c.id);
  h.clock.set(at(10, 20, 9));
  await run(
    h,
    c.id,
    '/action',
    `done ${loadTest}`,
    () => h.rows('select status from actions where id = ?', loadTest)[0]?.status === 'done',
  );

  h.clock.set(at(11, 18, 10));
  await incident(h, d.id, 'start Secret payroll sev3', 'declared');
  expect(await say(h, d.id, 'tag service:payroll')).toContain('Tagged');
  h.clock.set(at(11, 18, 10, 40));
  await resolve(h, d.id);

  h.clock.set(NOW);
}

/** GET on the bot as `userId` signed in (null: no session), redirects not followed. */
export async function getAs(
  h: Harness,
  path: string,
  userId: string | null,
  headers: Record<string, string> = {},
) {
  const cookie: Record<string, string> =
    userId === null ? {} : { cookie: sessionCookie({ userId }, h.clock.now()) };
  const response = await fetch(`${h.baseUrl}${path}`, {
    headers: { ...cookie, ...headers },
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The titles an incident list page shows, in order. */
export function listedTitles(html: string): string[] {
  return [...html.matchAll(/<a href="\/incidents\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
}
