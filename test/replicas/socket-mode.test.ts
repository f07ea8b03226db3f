import { afterEach, expect, it } from 'vitest';
import { APP_MANIFEST } from '../../src/sandbox/workspace-seed.ts';
import { until } from '../faults/support.ts';
import { type Cluster, type Replica, startCluster } from './support.ts';

// Two replicas in Socket Mode, one PostgreSQL: each holds its own connection and the stand-in,
// as Slack, gives each envelope to one of them in turn. A burst of messages, edits and deletes
// is stored once with both replicas taking part; replica A is killed (SIGKILL) holding an
// envelope it never acked, and Slack's redelivery of it over B's connection is stored.

const CHANNEL = 'CSOCKREP1';
const BEFORE = 60;
const AFTER = 60;

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

it('spreads a burst over both connections, stores it once, and redelivers what a killed replica held to the survivor', async () => {
  cluster = await startCluster({ replicas: 2, mode: 'socket' });
  const { slack, query } = cluster;
  const [a, b] = cluster.replicas as [Replica, Replica];
  // Started one after the other, so A holds the first connection and B the second.
  expect(slack.socket.openConnections).toEqual([1, 2]);
  const [onA, onB] = [1, 2];
  slack.addChannel({ id: CHANNEL, name: 'inc-socket-replicas', members: ['UANN', 'UBOB', 'UBOT'] });
  const link = slack.connectApp({
    socketMode: true,
    ...APP_MANIFEST,
    // Slack's first retry comes about at once; the later ones are not needed here.
    retryDelaysMs: [100, 1000, 5000],
  });
  await slack.people.command({
    channel: CHANNEL,
    user: 'UANN',
    text: '/incident start Socket sev2',
  });
  await until(async () => (await query('select 1 from incidents')).length === 1, 'the incident');

  const say = (i: number) => slack.people.post({ channel: CHANNEL, user: 'UANN', text: `m${i}` });
  const first = Array.from({ length: BEFORE }, (_, i) => say(i));
  await link.idle();
  const eventsOn = (connection: number) =>
    slack.socket.sent.filter((e) => e.type === 'events_api' && e.connection === connection);
  expect(eventsOn(onA).length).toBeGreaterThan(BEFORE / 4);
  expect(eventsOn(onB).length).toBeGreaterThan(BEFORE / 4);

  // A freezes: the next envelope it is given stays unacked. Then it is killed with it in hand.
  a.process.child.kill('SIGSTOP');
  const sentBeforeFreeze = slack.socket.sent.length;
  const second: { ts: string }[] = [];
  for (let i = 0; i < AFTER; i++) {
    second.push(say(BEFORE + i));
    // Edits and deletes of messages stored before the freeze, mixed into the burst.
    const earlier = first[i];
    if (earlier && i % 10 === 3) {
      slack.people.edit({ channel: CHANNEL, ts: earlier.ts, user: 'UANN', text: `m${i} (edited)` });
    }
    if (earlier && i % 10 === 6)
      slack.people.delete({ channel: CHANNEL, ts: earlier.ts, user: 'UANN' });
  }
  const heldByA = () => slack.socket.sent.slice(sentBeforeFreeze).find((e) => e.connection === onA);
  await until(() => heldByA() !== undefined, 'an envelope for the frozen replica', 30_000);
  await a.kill();
  await link.idle();

  const posted = [...first, ...second].map((m) => m.ts);
  const stored = () =>
    query(
      'select ts, text, deleted_at from messages where channel_id = $1 and not is_bot',
      CHANNEL,
    );
  await until(
    async () => (await stored()).length === posted.length,
    'every message to be stored',
    60_000,
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}\n--- B ---\n${b.process.output()}`);
  });

  // What A held was never acked by it, and came again over B's connection, acked there (the
  // ack follows the write: wait for it rather than race it).
  const held = heldByA();
  const acked = (envelopeId: unknown) => slack.socket.acks.some((x) => x.envelopeId === envelopeId);
  const again = () =>
    slack.socket.sent.filter(
      (e) => e.payload.event_id === held?.payload.event_id && e.envelope_id !== held?.envelope_id,
    );
  await until(() => again().some((e) => acked(e.envelope_id)), 'the redelivery to be acked');
  expect(acked(held?.envelope_id)).toBe(false);
  expect(again()[0]).toMatchObject({ connection: onB, retry_attempt: 1 });
  await until(() => slack.socket.openConnections.length === 1, "A's connection to close");
  expect(slack.socket.openConnections).toEqual([onB]);

  // Once each, in its final state; every event id claimed once.
  const rows = await stored();
  expect(rows.map((r) => r.ts).sort()).toEqual([...posted].sort());
  const byTs = new Map(rows.map((r) => [String(r.ts), r]));
  for (let i = 0; i < AFTER; i++) {
    const row = byTs.get(String(first[i]?.ts));
    if (i % 10 === 3) expect(row?.text).toBe(`m${i} (edited)`);
    if (i % 10 === 6) expect(row?.deleted_at).not.toBeNull();
  }
  // The people's events (the bot's own announcement comes back too, and is not recorded).
  const ours = new Set(posted);
  const eventIds = new Set(
    slack.socket.sent
      .filter((e) => e.type === 'events_api' && ours.has(subjectTs(e.payload.event)))
      .map((e) => String(e.payload.event_id)),
  );
  expect(eventIds.size).toBe(posted.length + AFTER / 5);
  const claimed = await query('select event_id from processed_events');
  const claimedIds = new Set(claimed.map((r) => String(r.event_id)));
  expect([...eventIds].filter((id) => !claimedIds.has(id))).toEqual([]);

  // The survivor answers commands over its connection.
  await slack.people.command({
    channel: CHANNEL,
    user: 'UBOB',
    text: '/incident start Again sev3',
  });
  await slack.waitFor(
    () =>
      slack.workspace.ephemerals
        .visibleTo(CHANNEL, 'UBOB')
        .some((m) => String(m.text).includes('already has an open incident')),
    30_000,
  );
  expect(b.alive()).toBe(true);
}, 180_000);

/** The message a message event is about: its own ts, or the edited or deleted message's. */
function subjectTs(event: unknown): string {
  const e = event as { ts?: string; deleted_ts?: string; message?: { ts?: string } };
  return String(e.deleted_ts ?? e.message?.ts ?? e.ts);
}
