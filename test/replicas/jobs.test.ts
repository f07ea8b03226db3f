import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { DRAFT_EVENT_TYPE } from '../../src/slack/draft-metadata.ts';
import { until } from '../faults/support.ts';
import { captureLogs, type Harness, startHarness } from '../helpers/harness.ts';
import type { RecordedCall } from '../helpers/slack-stand-in.ts';
import { type Cluster, type Replica, startCluster } from './support.ts';

// Periodic work across replicas on one PostgreSQL (ADR 0013): each due item is claimed before it
// is worked, so it is done once; a killed replica's claims lapse after JOB_LEASE_SECONDS and a
// survivor takes its work over, looking in Slack first where the dead one may have got through.

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Monday 23 November 2026, 10:00 UTC: inside the owners' working hours.
const MONDAY_10 = Date.UTC(2026, 10, 23, 10, 0, 0);

describe('reminders with two replicas sharing one database', () => {
  it('sends each owner one DM and one weekly overview however many passes race', async () => {
    const h: Harness = await startHarness({ start: MONDAY_10, engine: 'postgres' });
    cleanups.push(() => h.close());
    // The second replica: the same settings, database and clock, its own process state.
    const twin: RunningBot = await startBot({
      config: h.config,
      clock: h.clock,
      logger: createLogger('info', captureLogs().sink),
      slackRetries: 0,
      historyPaceMs: 0,
    });
    cleanups.push(() => twin.stop());
    expect(twin.replica.id).not.toBe(h.bot.replica.id);
    h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
    h.slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: 'UTC' });
    h.slack.addUser({ id: 'UCAT', name: 'cat', displayName: 'Cat', tz: 'UTC' });
    await h.command({
      userId: 'UANN',
      channelId: 'CJOB0001',
      command: '/incident',
      text: 'start Checkout errors',
    });
    await h.slack.waitForCall('chat.postMessage');
    for (const [i, text] of [
      'Add a pool-size alert <@UBOB|bob> due today',
      'Rotate keys <@UCAT|cat> due today',
    ].entries()) {
      await h.command({ userId: 'UANN', channelId: 'CJOB0001', command: '/action', text });
      await h.slack.waitForCall('chat.postMessage', 2 + i);
    }

    for (let round = 0; round < 4; round++) {
      h.clock.set(MONDAY_10 + 1000 + round * 60_000);
      await Promise.all([h.bot.reminders.runNow(), twin.reminders.runNow()]);
    }
    const toOwner = (owner: string, weekly: boolean) =>
      h.slack
        .callsTo('chat.postMessage')
        .filter((c: RecordedCall) => String(c.args.channel).startsWith('D'))
        .filter((c) => String(c.args.text).startsWith('Your week ahead') === weekly)
        .filter((c) => JSON.stringify(c.args.blocks).includes(owner === 'UBOB' ? 'pool' : 'keys'));
    for (const owner of ['UBOB', 'UCAT']) {
      expect(toOwner(owner, false), owner).toHaveLength(1);
      expect(toOwner(owner, true), owner).toHaveLength(1);
    }
    expect(h.rows('select owner_id, day from reminder_dms order by owner_id, day')).toHaveLength(4);
  });
});

/** The draft summaries Slack holds in a channel: messages carrying the draft's metadata. */
function summariesIn(cluster: Cluster, channel: string) {
  return cluster.slack
    .history(channel)
    .filter(
      (m) => (m.metadata as { event_type?: string } | undefined)?.event_type === DRAFT_EVENT_TYPE,
    );
}

async function resolveOn(cluster: Cluster, replica: Replica, channel: string) {
  cluster.slack.addChannel({ id: channel, name: channel.toLowerCase() });
  const posts = () => cluster.slack.callsTo('chat.postMessage').length;
  const before = posts();
  await cluster.command(replica, { text: 'start Queue backlog sev2', channelId: channel });
  await until(() => posts() > before, 'the declaration', 30_000);
  // Resolving posts "resolved", then uploads the draft and posts its summary: that second post
  // is acted on by Slack but its answer is held (or the call held unhandled), as the replica
  // that made it dies.
  return (failure: { answerAfterMs: number } | { hangMs: number }) => {
    cluster.slack.failNext('chat.postMessage', { answerAfterMs: 0 });
    cluster.slack.failNext('chat.postMessage', failure);
    return cluster.command(replica, { text: 'resolve', channelId: channel });
  };
}

async function draftRow(cluster: Cluster, channel: string) {
  const [row] = await cluster.query(
    `select p.id, p.status, p.posted_ts from postmortems p
       join incidents i on i.id = p.incident_id where i.channel_id = $1`,
    channel,
  );
  return row;
}

describe('drafts whose replica died while posting them (two processes, one PostgreSQL)', () => {
  it('finds the post Slack made and does not post again; posts the one Slack never saw, once', async () => {
    const cluster = await startCluster({ replicas: 2, env: { JOB_LEASE_SECONDS: '2' } });
    cleanups.push(() => cluster.close());
    const [a, b] = cluster.replicas as [Replica, Replica];
    const summaryCalls = () =>
      cluster.slack.callsTo('chat.postMessage').filter((c) => c.args.metadata !== undefined);

    // A's summary reached Slack; A died before hearing so.
    const resolve = await resolveOn(cluster, a, 'CDRAFT1');
    await resolve({ answerAfterMs: 120_000 });
    await until(() => summaryCalls().length === 1, "A's summary reaching Slack", 60_000);
    expect(summariesIn(cluster, 'CDRAFT1')).toHaveLength(1);
    expect((await draftRow(cluster, 'CDRAFT1'))?.status).toBe('pending');
    await a.kill();
    await until(
      async () => (await draftRow(cluster, 'CDRAFT1'))?.status === 'posted',
      'B to take the draft over',
      60_000,
    );
    const found = summariesIn(cluster, 'CDRAFT1');
    expect(found).toHaveLength(1);
    expect((await draftRow(cluster, 'CDRAFT1'))?.posted_ts).toBe(found[0]?.ts);
    // B logs it after marking the row posted: its line may still be in the pipe.
    await until(
      () => b.process.output().includes('had been posted; not posting it again'),
      "B's log of the post it found",
      10_000,
    );
    expect(b.process.output()).toContain('had been posted; not posting it again');

    // C's summary call was held unanswered and never acted on; C died meanwhile.
    const c = await cluster.startReplica();
    const resolveC = await resolveOn(cluster, c, 'CDRAFT2');
    const calls = summaryCalls().length;
    await resolveC({ hangMs: 120_000 });
    await until(() => summaryCalls().length === calls + 1, "C's summary call", 60_000);
    await c.kill();
    await until(
      async () => (await draftRow(cluster, 'CDRAFT2'))?.status === 'posted',
      'B to post the draft C left',
      60_000,
    );
    expect(summariesIn(cluster, 'CDRAFT2')).toHaveLength(1);
    expect((await draftRow(cluster, 'CDRAFT2'))?.posted_ts).toBe(
      summariesIn(cluster, 'CDRAFT2')[0]?.ts,
    );
    // And nothing more comes of either, pass after pass.
    const settled = summaryCalls().length;
    const failedPasses = () => (b.process.output().match(/"job":"draft-delivery"/g) ?? []).length;
    await new Promise((r) => setTimeout(r, 5_000));
    expect(summaryCalls().length).toBe(settled);
    expect(failedPasses()).toBe(0);
  }, 180_000);
});
