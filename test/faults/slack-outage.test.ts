import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL, type FaultBot, slackTs, startFaultBot } from './support.ts';

// Tuesday 24 November 2026, 10:00 UTC: inside working hours, and no Monday weekly digest.
const TUESDAY_10 = Date.UTC(2026, 10, 24, 10, 0, 0);
const MIN = 60_000;
// Slack calls time out after this long in these tests; a hang outlasts it.
const TIMEOUT_MS = 300;
const HANG = { hangMs: 3000 };

let f: FaultBot;

afterEach(async () => {
  await f.close();
});

async function boot() {
  f = await startFaultBot({ start: TUESDAY_10, bot: { slackTimeoutMs: TIMEOUT_MS } });
  const started = await f.command('start Checkout errors sev2');
  expect(started.status).toBe(200);
  await f.slack.waitForCall('chat.postMessage');
  // The look-back at declaration has read the (still empty) history.
  await f.slack.waitForCall('conversations.history');
  await f.slack.waitFor(() => f.rows('select 1 from incidents').length === 1);
}

/** Draft summaries Slack accepted (the ones with the Regenerate button). */
function draftPosts() {
  return f.slack
    .history(CHANNEL)
    .filter((m) => JSON.stringify(m.blocks ?? []).includes('postmortem_regenerate'));
}

describe('Slack failing while the draft is delivered', () => {
  it('keeps the draft through a timeout, a 429 and a 500, and posts it exactly once', async () => {
    await boot();
    // The announcement and the draft summary both time out; the upload URL too.
    f.slack.failNext('chat.postMessage', HANG, 2);
    f.slack.failNext('files.getUploadURLExternal', HANG);
    const resolved = await f.command('resolve');
    expect(resolved.status).toBe(200);
    expect(await f.reply(resolved)).toContain('I will retry');
    expect(f.rows('select status, attempts, file_id from postmortems')).toEqual([
      { status: 'pending', attempts: 1, file_id: null },
    ]);
    expect(draftPosts()).toHaveLength(0);

    f.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    f.clock.advance(MIN + 1);
    await f.bot.drafts.runNow();
    expect(f.rows('select status, attempts from postmortems')).toEqual([
      { status: 'pending', attempts: 2 },
    ]);

    f.slack.failNext('chat.postMessage', { status: 500 });
    f.clock.advance(2 * MIN + 1);
    await f.bot.drafts.runNow();
    expect(f.rows('select status, attempts from postmortems')).toEqual([
      { status: 'pending', attempts: 3 },
    ]);
    expect(draftPosts()).toHaveLength(0);

    // Slack is back.
    f.clock.advance(4 * MIN + 1);
    await f.bot.drafts.runNow();
    expect(f.rows('select status from postmortems')).toEqual([{ status: 'posted' }]);
    f.clock.advance(60 * MIN);
    await f.bot.drafts.runNow();
    await f.restart();
    await f.bot.drafts.runNow();
    expect(draftPosts()).toHaveLength(1);
    // The Markdown was uploaded once, on the attempt that got through.
    expect([...f.slack.uploads.values()].filter((u) => u.completed)).toHaveLength(1);
    expect(JSON.stringify(draftPosts()[0]?.blocks)).toContain('postmortem_view');
  }, 30_000);
});

describe('Slack failing while reminders are sent', () => {
  it('sends exactly one DM per due reminder once Slack answers again', async () => {
    await boot();
    const before = f.slack.callsTo('chat.postMessage').length;
    await f.command('Add a pool-size alert <@UBOB|bob> due today', { command: '/action' });
    await f.slack.waitForCall('chat.postMessage', before + 1);
    // What reached a DM channel: attempts Slack never acted on leave nothing there.
    const inbox = () => {
      const channels = new Set(
        f.slack
          .callsTo('chat.postMessage')
          .map((c) => String(c.args.channel))
          .filter((c) => c.startsWith('D')),
      );
      return [...channels].flatMap((c) => f.slack.history(c));
    };

    // conversations.open 500, then the DM post hangs past the timeout, then it is rate limited.
    const outages = [
      () => f.slack.failNext('conversations.open', { status: 500 }),
      () => f.slack.failNext('chat.postMessage', HANG),
      () => f.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }),
    ];
    for (const outage of outages) {
      outage();
      f.clock.advance(MIN);
      await f.bot.reminders.runNow();
      expect(f.rows('select count(*) as n from reminder_dms')).toEqual([{ n: 0 }]);
      expect(f.rows('select last_reminded_at from action_reminders')).not.toContainEqual({
        last_reminded_at: expect.any(Number),
      });
    }
    expect(inbox()).toEqual([]);

    f.clock.advance(MIN);
    await f.bot.reminders.runNow();
    f.clock.advance(MIN);
    await f.bot.reminders.runNow();
    await f.restart();
    await f.bot.reminders.runNow();
    expect(inbox()).toHaveLength(1);
    expect(JSON.stringify(inbox()[0]?.blocks)).toContain('Add a pool-size alert');
    expect(f.rows('select owner_id from reminder_dms')).toEqual([{ owner_id: 'UBOB' }]);
  }, 30_000);
});

describe('Slack failing while history is backfilled', () => {
  it('stores every missed message exactly once after history and replies recover', async () => {
    await boot();
    const declaredAt = Number(f.rows('select declared_at from incidents')[0]?.declared_at);
    const root = slackTs(declaredAt + 1000);
    const missed = [
      { ts: root, text: 'root of a thread' },
      ...Array.from({ length: 30 }, (_, i) => ({
        ts: slackTs(declaredAt + 2000 + i * 100),
        text: `missed ${i}`,
      })),
    ];
    for (const m of missed) f.slack.addHistory({ channel: CHANNEL, user: 'UANN', ...m });
    const replies = Array.from({ length: 5 }, (_, i) => ({
      ts: slackTs(declaredAt + 5000 + i * 100),
      text: `reply ${i}`,
      thread_ts: root,
    }));
    for (const r of replies) f.slack.addHistory({ channel: CHANNEL, user: 'UBOB', ...r });
    const expected = [...missed, ...replies].map((m) => m.ts);
    const stored = () =>
      f.rows(
        `select ts, count(*) as n from messages where ts in (${expected.map(() => '?').join(',')}) group by ts`,
        ...expected,
      );

    for (const failure of [{ status: 500 }, HANG, { status: 429, retryAfter: 1 }]) {
      f.slack.failNext('conversations.history', failure);
      await f.bot.backfill.runNow();
      expect(stored(), JSON.stringify(failure)).toEqual([]);
    }
    // History answers, the thread does not: the channel is in, the replies come next pass.
    f.slack.failNext('conversations.replies', HANG);
    await f.bot.backfill.runNow();
    expect(stored()).toHaveLength(missed.length);
    f.slack.failNext('conversations.replies', { status: 500 });
    await f.bot.backfill.runNow();
    expect(stored()).toHaveLength(missed.length);

    await f.bot.backfill.runNow();
    await f.bot.backfill.runNow();
    const rows = stored();
    expect(rows).toHaveLength(expected.length);
    for (const row of rows) expect(row.n).toBe(1);
    expect(f.logs.join('')).toContain('backfill failed; retrying next pass');
  }, 30_000);
});
