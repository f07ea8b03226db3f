import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, SIGNING_SECRET, startHarness } from '../helpers/harness.ts';
import { blockActionBody, postSigned } from '../helpers/slack-signer.ts';
import type { RecordedCall } from '../helpers/slack-stand-in.ts';

const CHANNEL = 'CREM0001';
// Monday 23 November 2026, 10:00 UTC.
const MONDAY_10 = Date.UTC(2026, 10, 23, 10, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let h: Harness;

async function boot(ownerTz = 'UTC') {
  h = await startHarness({ start: MONDAY_10 });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  h.slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: ownerTz });
  const start = await h.command({
    userId: 'UANN',
    channelId: CHANNEL,
    command: '/incident',
    text: 'start Checkout errors',
  });
  expect(start.status).toBe(200);
  await h.slack.waitForCall('chat.postMessage');
}

afterEach(async () => {
  await h.close();
});

async function addAction(text: string) {
  const before = h.slack.callsTo('chat.postMessage').length;
  await h.command({ userId: 'UANN', channelId: CHANNEL, command: '/action', text });
  await h.slack.waitForCall('chat.postMessage', before + 1);
}

/** Reminder DMs sent (posts into DM channels), without the Monday weekly overviews. */
function dms(): RecordedCall[] {
  return h.slack
    .callsTo('chat.postMessage')
    .filter((c) => String(c.args.channel).startsWith('D') && !isWeekly(c));
}

function isWeekly(c: RecordedCall): boolean {
  return String(c.args.text).startsWith('Your week ahead');
}

function weeklies(): RecordedCall[] {
  return h.slack.callsTo('chat.postMessage').filter(isWeekly);
}

async function pass(at: number) {
  h.clock.set(at);
  await h.bot.reminders.runNow();
}

async function click(actionId: string, dm: RecordedCall, value: string, selectedUser?: string) {
  const responseUrl = h.slack.responseUrl();
  const res = await postSigned(
    h.url,
    blockActionBody({
      userId: 'UBOB',
      channelId: String(dm.args.channel),
      actionId,
      value,
      responseUrl,
      messageBlocks: dm.args.blocks as unknown[],
      ...(selectedUser ? { selectedUser } : {}),
    }),
    { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' },
  );
  expect(res.status).toBe(200);
  const path = new URL(responseUrl).pathname;
  await h.slack.waitFor(() => h.slack.responses.some((r) => r.path === path));
  return h.slack.responses.find((r) => r.path === path)?.body ?? {};
}

describe('reminder DMs for action items', () => {
  it('DMs the owner once when due, repeats a day later, and not more often', async () => {
    await boot();
    await addAction('Add a pool-size alert <@UBOB|bob> due today');
    await pass(MONDAY_10 + 1000);
    expect(dms()).toHaveLength(1);
    expect(JSON.stringify(dms()[0]?.args.blocks)).toContain('Add a pool-size alert');
    await pass(MONDAY_10 + 2 * HOUR);
    expect(dms()).toHaveLength(1);
    // REMINDER_EVERY (a day) after the first reminder: mentioned again.
    await pass(MONDAY_10 + DAY + HOUR);
    expect(dms()).toHaveLength(2);
  });

  it('batches several due actions into one digest DM', async () => {
    await boot();
    await addAction('First thing <@UBOB|bob> due today');
    await addAction('Second thing <@UBOB|bob> due today');
    await pass(MONDAY_10 + 1000);
    expect(dms()).toHaveLength(1);
    const text = JSON.stringify(dms()[0]?.args.blocks);
    expect(text).toContain('First thing');
    expect(text).toContain('Second thing');
  });

  it("waits for the owner's working hours in their own time zone", async () => {
    // 10:00 UTC on Monday is 19:00 in Tokyo.
    await boot('Asia/Tokyo');
    await addAction('Rotate keys <@UBOB|bob> due today');
    await pass(MONDAY_10 + 1000);
    expect(dms()).toHaveLength(0);
    // Tuesday 10:00 in Tokyo.
    await pass(Date.UTC(2026, 10, 24, 1, 0, 0));
    expect(dms()).toHaveLength(1);
  });

  it('snooze defers, done stops, and a stale click is harmless', async () => {
    await boot();
    await addAction('Write the runbook <@UBOB|bob> due today');
    await pass(MONDAY_10 + 1000);
    const [first] = dms();
    if (!first) throw new Error('no DM');
    const snoozed = await click('reminder_snooze_week', first, '1');
    expect(snoozed.replace_original).toBe(true);
    expect(JSON.stringify(snoozed.blocks)).toContain('Snoozed until');
    await pass(MONDAY_10 + DAY);
    await pass(MONDAY_10 + 2 * DAY);
    expect(dms()).toHaveLength(1);
    await pass(MONDAY_10 + 7 * DAY + HOUR);
    expect(dms()).toHaveLength(2);

    const [, second] = dms();
    if (!second) throw new Error('no second DM');
    const done = await click('reminder_done', second, '1');
    expect(JSON.stringify(done.blocks)).toContain('is done');
    expect(h.rows('select status, closed_by from actions')).toEqual([
      { status: 'done', closed_by: 'UBOB' },
    ]);
    const announcements = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => String(c.args.text).includes('Done (by'));
    expect(announcements).toHaveLength(1);
    await click('reminder_done', second, '1');
    expect(
      h.slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('Done (by')),
    ).toHaveLength(1);
    await pass(MONDAY_10 + 9 * DAY);
    expect(dms()).toHaveLength(2);
  });

  it('a restart in the middle of a day neither repeats nor drops a reminder', async () => {
    await boot();
    await addAction('Fix the canary <@UBOB|bob> due tomorrow');
    await pass(MONDAY_10 + 1000);
    expect(dms()).toHaveLength(0);
    await h.restart(() => h.clock.set(MONDAY_10 + DAY));
    await h.bot.reminders.runNow();
    expect(dms()).toHaveLength(1);
    await h.restart();
    await h.bot.reminders.runNow();
    expect(dms()).toHaveLength(1);
  });
});

describe('owners, leads and reassignment', () => {
  it('asks the lead to find an owner for an unowned due action, then the new owner is reminded', async () => {
    await boot();
    await addAction('Add a canary stage due today');
    await pass(MONDAY_10 + 1000);
    const asked = h.slack.callsTo('conversations.open').map((c) => c.args.users);
    expect(asked).toEqual(['UANN']);
    const [dm] = dms();
    if (!dm) throw new Error('no DM to the lead');
    expect(JSON.stringify(dm.args.blocks)).toContain('Nobody owns this yet');

    const redrawn = await click('reminder_reassign-1', dm, '', 'UBOB');
    expect(JSON.stringify(redrawn.blocks)).toContain('reminder_done');
    expect(h.rows('select owner_id from actions')).toEqual([{ owner_id: 'UBOB' }]);
    await pass(MONDAY_10 + DAY + HOUR);
    expect(h.slack.callsTo('conversations.open').map((c) => c.args.users)).toContain('UBOB');
  });

  it('stops chasing an owner 90 days after the due date and tells the lead once', async () => {
    await boot();
    await addAction('Ancient thing <@UBOB|bob> due today');
    // Wednesday, 93 days later.
    const later = MONDAY_10 + 93 * DAY;
    await pass(later);
    expect(h.slack.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['UANN']);
    expect(JSON.stringify(dms()[0]?.args.blocks)).toContain('Over 90 days overdue');
    await pass(later + DAY);
    await pass(later + 2 * DAY);
    expect(dms()).toHaveLength(1);
  });
});

describe('the weekly digest', () => {
  it('lists every open action an owner has on Monday, once a week, even when nothing is due', async () => {
    await boot();
    await addAction('Not due for a while <@UBOB|bob> due 2026-12-20');
    await addAction('Also later <@UBOB|bob> due 2026-12-21');
    await pass(MONDAY_10 + 1000);
    expect(weeklies()).toHaveLength(1);
    expect(dms()).toHaveLength(0);
    const text = JSON.stringify(weeklies()[0]?.args.blocks);
    expect(text).toContain('Not due for a while');
    expect(text).toContain('Also later');
    await pass(MONDAY_10 + 2 * HOUR);
    await pass(MONDAY_10 + DAY);
    expect(weeklies()).toHaveLength(1);
    await pass(MONDAY_10 + 7 * DAY);
    expect(weeklies()).toHaveLength(2);
  });
});
