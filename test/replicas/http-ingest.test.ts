import { afterEach, expect, it } from 'vitest';
import { slackTs, until } from '../faults/support.ts';
import { SIGNING_SECRET } from '../helpers/harness.ts';
import { eventEnvelope, postSigned } from '../helpers/slack-signer.ts';
import { acknowledged, type Cluster, type Replica, startCluster } from './support.ts';

// Two replicas behind a load balancer, one PostgreSQL. A burst of signed message events (posts,
// edits, deletes) is spread over both; about one in five comes again as Slack's retry to the
// other replica, some at the same moment as the original. Replica A is killed (SIGKILL) in the
// middle, with requests in its hands; the balancer then sends everything to B, and every
// delivery that got no 2xx is retried to B, as Slack does. Nothing is lost or stored twice.

const CHANNEL = 'CREPLICA1';
const POSTS = 240;
const CONCURRENCY = 12;
/** Acknowledged events before A freezes: by then both replicas have stored plenty. */
const FREEZE_AFTER_ACKS = 100;
/** Requests sent to the frozen A before it is killed: accepted by its socket, never answered. */
const HUNG_ON_A = 4;

type Outcome = 'ok' | 'refused' | 'failed';

interface Delivery {
  replica: string;
  retryNum: number;
  outcome: Outcome;
}

interface BurstEvent {
  id: string;
  event: Record<string, unknown>;
  /** Slack numbers its retries of an event 1, 2, 3 …; the original carries none. */
  retries: number;
  deliveries: Delivery[];
  /** The edit or delete that follows once this post is acknowledged. */
  followUp?: BurstEvent;
}

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const acked = (e: BurstEvent) => e.deliveries.some((d) => d.outcome === 'ok');

function burst(declaredAt: number): BurstEvent[] {
  return Array.from({ length: POSTS }, (_, i) => {
    const ts = slackTs(declaredAt + 1000 + i, i);
    const laterTs = slackTs(declaredAt + 60_000 + i, i);
    const original = { type: 'message', user: 'UANN', text: `burst ${i}`, ts };
    const post: BurstEvent = {
      id: `EvPost${i}`,
      event: { ...original, channel: CHANNEL },
      retries: 0,
      deliveries: [],
    };
    const edited = {
      ...original,
      text: `burst ${i} (edited)`,
      edited: { user: 'UANN', ts: laterTs },
    };
    if (i % 8 === 3) {
      post.followUp = {
        id: `EvEdit${i}`,
        event: {
          type: 'message',
          subtype: 'message_changed',
          hidden: true,
          channel: CHANNEL,
          ts: laterTs,
          event_ts: laterTs,
          message: edited,
          previous_message: original,
        },
        retries: 0,
        deliveries: [],
      };
    } else if (i % 8 === 6) {
      post.followUp = {
        id: `EvDelete${i}`,
        event: {
          type: 'message',
          subtype: 'message_deleted',
          hidden: true,
          channel: CHANNEL,
          ts: laterTs,
          event_ts: laterTs,
          deleted_ts: ts,
          previous_message: original,
        },
        retries: 0,
        deliveries: [],
      };
    }
    return post;
  });
}

async function deliver(e: BurstEvent, to: Replica, asRetry: boolean): Promise<Outcome> {
  const retryNum = asRetry ? ++e.retries : 0;
  let outcome: Outcome;
  try {
    const res = await postSigned(
      `${to.base}/slack/events`,
      eventEnvelope(e.event, { eventId: e.id }),
      {
        secret: SIGNING_SECRET,
        contentType: 'application/json',
        ...(asRetry
          ? {
              headers: {
                'x-slack-retry-num': String(retryNum),
                'x-slack-retry-reason': 'http_timeout',
              },
            }
          : {}),
      },
    );
    outcome = acknowledged(res.status) ? 'ok' : 'refused';
  } catch {
    outcome = 'failed';
  }
  e.deliveries.push({ replica: to.name, retryNum, outcome });
  return outcome;
}

it('stores every acknowledged event once across two replicas, through retries that cross them and a SIGKILL mid-burst', async () => {
  cluster = await startCluster({ replicas: 2 });
  const [a, b] = cluster.replicas as [Replica, Replica];
  cluster.slack.addChannel({ id: CHANNEL, name: 'inc-replicas' });
  const started = await cluster.command(a, { text: 'start Replicas sev2', channelId: CHANNEL });
  expect(started.status).toBe(200);
  const { query } = cluster;
  await until(async () => (await query('select 1 from incidents')).length === 1, 'the incident');
  const [incident] = await query('select declared_at from incidents');
  const posts = burst(Number(incident?.declared_at));
  const everything = posts.flatMap((p) => (p.followUp ? [p, p.followUp] : [p]));

  // The load balancer: A and B in turn until A is taken out.
  let turn = 0;
  let aInRotation = true;
  const route = () => (aInRotation && turn++ % 2 === 0 ? a : b);
  const other = (r: Replica) => (r === a && aInRotation ? b : r === b && aInRotation ? a : b);
  let ackCount = 0;
  let frozen = false;
  // Requests A has in hand unanswered: once it is frozen they hang until it is killed.
  let inFlightToA = 0;
  const killOnceAHoldsEnough = () => {
    if (!frozen || !aInRotation || inFlightToA < HUNG_ON_A) return;
    // A has requests in its hands that it will never answer: now it goes, and the balancer
    // notices. Killed on the next turn, so the request just sent is among those A took. (Counted
    // from every request A holds, not only those sent after the freeze: a slow A may already hold
    // most workers' requests, and waiting for more would wait for ever.)
    aInRotation = false;
    setImmediate(() => void a.kill());
  };

  const afterFreeze: Array<Promise<Outcome>> = [];
  const send = async (e: BurstEvent, to: Replica, asRetry: boolean) => {
    if (to === a) inFlightToA++;
    killOnceAHoldsEnough();
    const outcome = await deliver(e, to, asRetry);
    if (to === a) inFlightToA--;
    if (outcome === 'ok' && ++ackCount === FREEZE_AFTER_ACKS) {
      // Frozen first (SIGSTOP), so the kill finds A with work it accepted and never acked.
      frozen = true;
      a.process.child.kill('SIGSTOP');
      // The balancer has not noticed yet: one more post goes to A, which can never answer it.
      // However fast A answered what it held before the freeze, this delivery is cut off.
      const next = queue.shift();
      if (next) afterFreeze.push(send(next, a, false));
      killOnceAHoldsEnough();
    }
    return outcome;
  };

  const queue = [...posts];
  let k = 0;
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) {
      const n = k++;
      const to = route();
      if (n % 10 === 2) {
        // Slack's retry lands on the other replica while the original is still being handled.
        await Promise.all([send(e, to, false), send(e, other(to), true)]);
      } else {
        await send(e, to, false);
        if (n % 10 === 7) await send(e, other(to), true);
      }
      if (e.followUp && acked(e)) queue.push(e.followUp);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(await Promise.all(afterFreeze)).toEqual(['failed']);

  expect(aInRotation).toBe(false);
  expect((await a.process.exited).signal).toBe('SIGKILL');
  const deliveries = everything.flatMap((e) => e.deliveries);
  // Only A, killed with requests in hand, failed to answer; nobody refused an event.
  expect(deliveries.filter((d) => d.outcome === 'refused')).toEqual([]);
  const failed = deliveries.filter((d) => d.outcome === 'failed');
  // (An answer A wrote just before the freeze may still be read; the post sent after it was not.)
  expect(failed.length).toBeGreaterThanOrEqual(1);
  expect(new Set(failed.map((d) => d.replica))).toEqual(new Set(['A']));
  // Retries did cross replicas, both ways, and both replicas stored part of the burst.
  const crossed = everything.filter(
    (e) => new Set(e.deliveries.filter((d) => d.outcome === 'ok').map((d) => d.replica)).size === 2,
  );
  expect(crossed.length).toBeGreaterThan(0);

  // Every event acknowledged so far is in the database, without any retry.
  const firstAcked = everything.filter(acked);
  expect(firstAcked.length).toBeGreaterThanOrEqual(FREEZE_AFTER_ACKS);
  await until(
    async () => (await missing(cluster as Cluster, firstAcked)).length === 0,
    'every acknowledged event to be stored',
    30_000,
  ).catch(async (error: Error) => {
    const lost = await missing(cluster as Cluster, firstAcked);
    throw new Error(`${error.message}: ${lost.join(', ')}\n--- B ---\n${b.process.output()}`);
  });

  // Slack retries what got no 2xx, now to B alone; the edit or delete of a post acknowledged
  // only now follows it.
  for (const post of posts) {
    if (!acked(post)) expect(await send(post, b, true)).toBe('ok');
    const followUp = post.followUp;
    if (followUp && !acked(followUp)) {
      expect(await send(followUp, b, followUp.deliveries.length > 0)).toBe('ok');
    }
  }
  expect(everything.filter((e) => !acked(e))).toEqual([]);
  await until(
    async () => (await missing(cluster as Cluster, everything)).length === 0,
    'every event to be stored',
    30_000,
  );

  // All of it, exactly once: each post one row in its final state, each event id claimed once.
  const rows = await query(
    `select ts, text, edited_at, deleted_at from messages
      where channel_id = $1 and not is_bot order by ts`,
    CHANNEL,
  );
  expect(rows).toHaveLength(POSTS);
  const byTs = new Map(rows.map((r) => [String(r.ts), r]));
  for (const [i, post] of posts.entries()) {
    const row = byTs.get(String(post.event.ts));
    expect(row, `post ${i}`).toBeDefined();
    const edited = post.followUp?.id.startsWith('EvEdit') ?? false;
    const deleted = post.followUp?.id.startsWith('EvDelete') ?? false;
    expect(row?.text, `post ${i}`).toBe(edited ? `burst ${i} (edited)` : `burst ${i}`);
    expect(row?.edited_at !== null, `post ${i} edited`).toBe(edited);
    expect(row?.deleted_at !== null, `post ${i} deleted`).toBe(deleted);
  }
  const claimed = await query(`select event_id from processed_events where event_id like 'Ev%'`);
  expect(claimed.map((r) => r.event_id).sort()).toEqual(everything.map((e) => e.id).sort());

  // The survivor still answers commands, from the same database.
  const again = await cluster.command(b, { text: 'start Another sev3', channelId: CHANNEL });
  expect(again.status).toBe(200);
  expect(await cluster.reply(again)).toContain('already has an open incident');
  expect(b.alive()).toBe(true);
}, 180_000);

/** The ids of events whose change is not (yet) in the database. */
async function missing(c: Cluster, events: BurstEvent[]): Promise<string[]> {
  const rows = await c.query(
    'select ts, edited_at, deleted_at from messages where channel_id = $1',
    CHANNEL,
  );
  const byTs = new Map(rows.map((r) => [String(r.ts), r]));
  return events
    .filter((e) => {
      const event = e.event as {
        subtype?: string;
        ts: string;
        deleted_ts?: string;
        message?: { ts: string };
      };
      if (event.subtype === 'message_changed')
        return byTs.get(String(event.message?.ts))?.edited_at == null;
      if (event.subtype === 'message_deleted')
        return byTs.get(String(event.deleted_ts))?.deleted_at == null;
      return !byTs.has(event.ts);
    })
    .map((e) => e.id);
}
