import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertPost, deleted, said } from '../helpers/e2e-steps.ts';
import { type Harness, startHarness, tsAt } from '../helpers/harness.ts';

const CHANNEL = 'CINC0001';
const ALICE = 'UALICE';
const BOB = 'UBOB';
const CAROL = 'UCAROL';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MIN = 60_000;

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0 });
  h.slack.addUser({ id: ALICE, name: 'alice', displayName: 'Alice', tz: 'Europe/Berlin' });
  h.slack.addUser({ id: BOB, name: 'bob', displayName: 'Bob', tz: 'America/New_York' });
  h.slack.addUser({ id: CAROL, name: 'carol', displayName: 'Carol' });
  h.slack.addChannel({ id: CHANNEL, name: 'inc-checkout' });
});

afterEach(async () => {
  await h.close();
});

function run(userId: string, command: string, text: string) {
  return h.command({ userId, channelId: CHANNEL, command, text });
}

function alertEvent(at: number, state: 'firing' | 'resolved') {
  return alertPost(CHANNEL, at, { state, fallback: 'alert' });
}

async function postCount(): Promise<number> {
  return h.slack.callsTo('chat.postMessage').length;
}

async function waitForPosts(count: number) {
  await h.slack.waitForCall('chat.postMessage', count);
}

describe('a whole incident, from /incident start to the draft', () => {
  it('records the channel and posts a draft with TTD and TTM', async () => {
    const start = await run(ALICE, '/incident', 'start Checkout errors sev2');
    expect(start.status).toBe(200);
    await waitForPosts(1);
    expect(h.slack.callsTo('chat.postMessage')[0]?.args).toMatchObject({
      channel: CHANNEL,
      text: expect.stringContaining('Incident declared: Checkout errors'),
    });

    h.clock.set(T0 + 1 * MIN);
    expect(
      (await h.event(said(CHANNEL, ALICE, T0 + 30_000, 'Seeing 500s on checkout'))).status,
    ).toBe(200);
    await h.event(alertEvent(T0 + 2 * MIN, 'firing'));
    const parentTs = tsAt(T0 + 3 * MIN);
    await h.event(said(CHANNEL, BOB, T0 + 3 * MIN, 'DB connections maxed out'));
    await h.event(
      said(CHANNEL, CAROL, T0 + 4 * MIN, 'confirmed on replica too', { thread_ts: parentTs }),
    );
    await h.event(said(CHANNEL, BOB, T0 + 5 * MIN, 'oops wrong channel'));
    await h.event(deleted(CHANNEL, T0 + 5 * MIN + 10_000, tsAt(T0 + 5 * MIN)));

    h.clock.set(T0 + 6 * MIN);
    await run(ALICE, '/lead', `<@${BOB}|bob>`);
    await waitForPosts(2);
    h.clock.set(T0 + 8 * MIN);
    await run(BOB, '/action', `Add a connection-pool alert <@${CAROL}|carol> due 2026-12-01`);
    await waitForPosts(3);
    h.clock.set(T0 + 10 * MIN);
    await run(BOB, '/incident', 'status Rolling back the release');
    await waitForPosts(4);
    h.clock.set(T0 + 25 * MIN);
    await run(BOB, '/incident', 'mitigated rollback done');
    await waitForPosts(5);
    await h.event(alertEvent(T0 + 26 * MIN, 'resolved'));
    h.clock.set(T0 + 40 * MIN);
    const resolve = await run(BOB, '/incident', 'resolve');
    expect(resolve.status).toBe(200);
    await waitForPosts(7);

    const draftPost = h.slack.callsTo('chat.postMessage')[6]?.args ?? {};
    expect(draftPost.channel).toBe(CHANNEL);
    const posted = JSON.stringify(draftPost.blocks);
    expect(posted).toContain('TTD');
    expect(posted).toContain('TTM');

    const { store } = h.bot.deps;
    const incident = await store.incidents.findLatestInChannel(CHANNEL);
    expect(incident).toMatchObject({
      status: 'resolved',
      leadId: BOB,
      severity: 'sev2',
      reporterId: ALICE,
    });
    const md = await h.postedDraft();
    // Declared 14:00, alert fired 14:02 (after we knew), mitigated 14:25.
    expect(md).toMatch(/TTD[^\n]*\b0s\b/);
    expect(md).toMatch(/TTM[^\n]*\b25m\b/);
    expect(md).toContain('Checkout errors');
    expect(md).toContain('Seeing 500s on checkout');
    expect(md).toContain('confirmed on replica too');
    expect(md).toContain('Add a connection-pool alert');
    expect(md).toContain('Rolling back the release');
    expect(md).not.toContain('oops wrong channel');
    expect(md).toContain('Bob');
    expect(md).toContain('Carol');
    expect(await postCount()).toBe(7);
  });

  it('takes detection from a firing alert that precedes the declaration', async () => {
    await run(ALICE, '/incident', 'start Checkout errors');
    await waitForPosts(1);
    // Slack's retry brings an alert posted nine minutes before anyone declared.
    await h.event(alertEvent(T0 - 9 * MIN, 'firing'), { headers: { 'X-Slack-Retry-Num': '2' } });
    h.clock.set(T0 + 20 * MIN);
    await run(ALICE, '/incident', 'mitigated');
    h.clock.set(T0 + 30 * MIN);
    await run(ALICE, '/incident', 'resolve');
    await waitForPosts(4);
    const md = await h.postedDraft();
    expect(md).toMatch(/TTD[^\n]*\b0s\b/);
    expect(md).toMatch(/TTM[^\n]*\b29m\b/);
    expect(md).toContain('first firing alert');
  });
});

describe('quoted text never pings anyone', () => {
  it('neutralises broadcast, user and group mentions in everything the bot posts', async () => {
    await run(ALICE, '/incident', 'start Checkout <!channel> is down');
    await waitForPosts(1);
    await h.event(
      said(
        CHANNEL,
        ALICE,
        T0 + 1000,
        '<!channel> <!here> <!everyone> <@UBOB> <!subteam^S1|@oncall> help',
      ),
    );
    await run(ALICE, '/incident', 'status <!here> rolling back, <@UBOB|bob> on it');
    await run(ALICE, '/action', 'Tell <!channel> about the fix');
    await waitForPosts(3);
    h.clock.set(T0 + 60_000);
    await run(ALICE, '/incident', 'resolve <!everyone> all clear');
    await waitForPosts(5);
    const posted = JSON.stringify(h.slack.callsTo('chat.postMessage').map((c) => c.args));
    for (const ping of [
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<!subteam',
      '<@UBOB>',
      '<@UBOB|',
    ]) {
      expect(posted).not.toContain(ping);
    }
    const file = [...h.slack.uploads.values()].map((u) => u.bytes?.toString('utf8') ?? '').join('');
    for (const ping of ['<!channel>', '<!here>', '<!everyone>', '<!subteam', '<@UBOB']) {
      expect(file).not.toContain(ping);
    }
    // The words are still there for readers, just inert.
    expect(posted).toContain('channel');
    expect(file).toContain('@oncall');
  });
});

describe('times in SCRIBE_TIMEZONE', () => {
  it('renders the draft in the configured zone and names it', async () => {
    const ny = await startHarness({ start: T0, timeZone: 'America/New_York' });
    try {
      await ny.command({
        userId: ALICE,
        channelId: CHANNEL,
        command: '/incident',
        text: 'start Zones',
      });
      await ny.slack.waitForCall('chat.postMessage');
      ny.clock.set(T0 + 5 * MIN);
      await ny.command({
        userId: ALICE,
        channelId: CHANNEL,
        command: '/incident',
        text: 'resolve',
      });
      await ny.slack.waitForCall('chat.postMessage', 3);
      const md = await ny.postedDraft();
      // 14:00 UTC on 21 November is 09:00 Eastern Standard Time.
      expect(md).toContain('2026-11-21 09:00:00 EST');
      expect(md).toContain('2026-11-21 09:05:00 EST');
      expect(md).not.toContain('14:00:00');
    } finally {
      await ny.close();
    }
  });
});
