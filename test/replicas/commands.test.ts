import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../faults/support.ts';
import { type Cluster, type Replica, startCluster } from './support.ts';

// Two replicas, one PostgreSQL: commands that race each other on different replicas. The store
// decides (a channel lock and a unique index for incidents, one sequence for action ids), so the
// answer is the same as on one replica.

const ROUNDS = 4;
const ACTIONS = 8;

let cluster: Cluster;
let a: Replica;
let b: Replica;

beforeAll(async () => {
  cluster = await startCluster({ replicas: 2 });
  [a, b] = cluster.replicas as [Replica, Replica];
});
afterAll(async () => {
  await cluster?.close();
});

const postsTo = (channel: string) =>
  cluster.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe('two replicas taking commands at the same moment', () => {
  it('make one incident and one announcement per channel; the other caller is told it is open', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const channel = `CRACE${round}`;
      cluster.slack.addChannel({ id: channel, name: `inc-race-${round}` });
      const text = `start Race ${round} sev2`;
      const sent = await Promise.all([
        cluster.command(a, { text, channelId: channel }),
        cluster.command(b, { text, channelId: channel, userId: 'UBOB' }),
      ]);
      expect(sent.map((s) => s.status)).toEqual([200, 200]);

      // The loser's refusal comes once the winner's incident is stored; the winner says
      // nothing back when all went well, and reads the channel's history after announcing.
      const replies = () =>
        cluster.slack.responses.filter((r) => sent.some((s) => s.responsePath === r.path));
      await cluster.slack.waitFor(() => replies().length >= 1, 30_000);
      await until(
        () =>
          cluster.slack.callsTo('conversations.history').some((c) => c.args.channel === channel),
        `the winner's look-back in ${channel}`,
        30_000,
      );
      const said = replies().map((r) => String(r.body.text));
      expect(said, channel).toEqual([
        'This channel already has an open incident: *Race ' +
          `${round}*. Resolve it before starting another.`,
      ]);
      expect(postsTo(channel), channel).toHaveLength(1);
      expect(String(postsTo(channel)[0]?.args.text)).toContain(`Incident declared: Race ${round}`);
      const incidents = await cluster.query(
        `select i.id, (select count(*) from incident_events e
            where e.incident_id = i.id and e.kind = 'declared') as declared
          from incidents i where i.channel_id = $1`,
        channel,
      );
      expect(incidents, channel).toEqual([{ id: expect.any(Number), declared: '1' }]);
    }
    expect(
      await cluster.query(`select count(*) as n from incidents where channel_id like 'CRACE%'`),
    ).toEqual([{ n: String(ROUNDS) }]);
  });

  it('give actions added at once on both replicas distinct ids, all stored and announced', async () => {
    const channel = 'CACTIONS';
    cluster.slack.addChannel({ id: channel, name: 'inc-actions' });
    const started = await cluster.command(b, { text: 'start Actions sev3', channelId: channel });
    expect(started.status).toBe(200);
    await cluster.slack.waitFor(() => postsTo(channel).length === 1, 30_000);
    const sent = await Promise.all(
      Array.from({ length: ACTIONS }, (_, i) =>
        cluster.command(i % 2 === 0 ? a : b, {
          command: '/action',
          text: `Follow-up number ${i}`,
          channelId: channel,
        }),
      ),
    );
    expect(sent.map((s) => s.status)).toEqual(Array(ACTIONS).fill(200));
    const stored = () =>
      cluster.query(
        `select a.id, a.text from actions a join incidents i on i.id = a.incident_id
          where i.channel_id = $1 order by a.id`,
        channel,
      );
    await until(
      async () => (await stored()).length === ACTIONS,
      'every action to be stored',
      30_000,
    );
    const rows = await stored();
    expect(new Set(rows.map((r) => r.id)).size).toBe(ACTIONS);
    expect(rows.map((r) => r.text).sort()).toEqual(
      Array.from({ length: ACTIONS }, (_, i) => `Follow-up number ${i}`).sort(),
    );

    // Each action announced once, under the id it was stored with.
    const announced = () =>
      postsTo(channel).filter((c) => String(c.args.text).includes('*Action*'));
    await cluster.slack.waitFor(() => announced().length === ACTIONS, 30_000);
    const ids = announced().map((c) => /\*#(\d+)\*/.exec(String(c.args.text))?.[1]);
    expect(ids.map(Number).sort((x, y) => x - y)).toEqual(rows.map((r) => r.id));
    // Every action's event is in the incident's timeline, once.
    const events = await cluster.query(
      `select count(*) as n from incident_events e join incidents i on i.id = e.incident_id
        where i.channel_id = $1 and e.kind = 'action_added'`,
      channel,
    );
    expect(events).toEqual([{ n: String(ACTIONS) }]);
  });
});
