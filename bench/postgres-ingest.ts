// Ingest on PostgreSQL: the SQLite ingest benchmark's load (bench/ingest.ts), sent to one bot or
// spread over two bots in processes of their own against one database, as a load balancer in
// front of two replicas would.

import type { SlackStandIn } from '../src/stand-in/index.ts';
import { INGEST_CHANNEL, ingestLoad } from './ingest.ts';
import type { BenchPostgres } from './postgres-server.ts';
import { type Child, pool, postCommand, postEvent, startChild } from './shared.ts';

export interface PgIngestRun {
  replicas: number;
  deliveries: number;
  /** Deliveries per second, until the last one was answered and every row was in the database. */
  rate: number;
  /** Measured deliveries each replica answered. */
  perReplica: number[];
  stored: { rows: number; distinctTs: number; events: number; alerts: number };
  /**
   * CPU time per measured delivery (ms), whatever else the machine was doing: the bot processes
   * together, the PostgreSQL server (null when not on this machine), the load generator and the
   * Slack stand-in (this process).
   */
  cpuPerEvent: { bots: number; postgres: number | null; load: number };
  expected: { rows: number; alerts: number };
}

export interface IngestOptions {
  events: number;
  warmup: number;
  concurrency: number;
}

/** Polls an async condition until it holds; the timeout is a safety net, not a measurement. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('bench: condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function pgIngestOnce(
  postgres: BenchPostgres,
  slack: SlackStandIn,
  replicas: number,
  options: IngestOptions,
): Promise<PgIngestRun> {
  const url = await postgres.database();
  const count = async (sql: string) =>
    Number((await postgres.query<{ n: string }>(url, sql))[0]?.n ?? 0);
  const children: Array<Child<{ port: number }>> = [];
  try {
    // One at a time: the second finds the first's migrations applied.
    for (let i = 0; i < replicas; i++) {
      children.push(await startChild<{ port: number }>('servers.ts', ['ours', url, slack.apiUrl]));
    }
    const urls = children.map((c) => `http://127.0.0.1:${c.ready.port}/slack/events`);
    const at = (i: number) => urls[i % urls.length] ?? '';
    await postCommand(at(0), {
      channelId: INGEST_CHANNEL,
      userId: 'U0001',
      text: 'start Ingest',
      responseUrl: slack.responseUrl(),
    });
    await waitFor(
      async () =>
        (await count("select count(*) as n from incidents where status <> 'resolved'")) > 0,
      10_000,
    );
    const { all, warm, deliveries } = ingestLoad(options);
    await pool(warm.length, options.concurrency, (i) =>
      postEvent(at(i), warm[i] as Record<string, unknown>, `EvW${i}`),
    );
    // Round robin; a redelivery goes to the replica after the one that had the first try, so
    // with two replicas every retry crosses over.
    const firstTry = new Map<string, number>();
    let turn = 0;
    const replicaOf = deliveries.map((d) => {
      const earlier = firstTry.get(d.id);
      if (earlier !== undefined) return (earlier + 1) % urls.length;
      const replica = turn++ % urls.length;
      firstTry.set(d.id, replica);
      return replica;
    });
    const perReplica = urls.map(() => 0);
    const cpu = async () => ({
      bots: (await Promise.all(children.map((c) => c.ask<{ ms: number }>({ cmd: 'cpu' })))).reduce(
        (sum, { ms }) => sum + ms,
        0,
      ),
      postgres: await postgres.cpuMs(),
      load: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    const before = await cpu();
    const started = performance.now();
    await pool(deliveries.length, options.concurrency, async (i) => {
      const d = deliveries[i];
      const replica = replicaOf[i] ?? 0;
      if (!d) return;
      const res = await postEvent(at(replica), d.event, d.id, d.retry);
      if (res.status !== 200) throw new Error(`replica ${replica}: HTTP ${res.status} ${res.body}`);
      perReplica[replica] = (perReplica[replica] ?? 0) + 1;
    });
    await waitFor(
      async () => (await count('select count(*) as n from messages')) >= all.length,
      30_000,
    );
    const elapsed = (performance.now() - started) / 1000;
    const after = await cpu();
    const per = (a: number, b: number) => (a - b) / deliveries.length;
    for (const child of children) await child.ask({ cmd: 'stop' });
    return {
      replicas,
      deliveries: deliveries.length,
      rate: deliveries.length / elapsed,
      perReplica,
      stored: {
        rows: await count('select count(*) as n from messages'),
        distinctTs: await count('select count(distinct ts) as n from messages'),
        events: await count('select count(*) as n from processed_events'),
        alerts: await count('select count(*) as n from alert_changes'),
      },
      cpuPerEvent: {
        bots: per(after.bots, before.bots),
        postgres:
          after.postgres === null || before.postgres === null
            ? null
            : per(after.postgres, before.postgres),
        load: per(after.load, before.load),
      },
      expected: { rows: all.length, alerts: all.filter((e) => e.bot_id !== undefined).length },
    };
  } finally {
    for (const child of children) await child.stop();
  }
}
