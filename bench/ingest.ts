// Ingest: signed message events per second through the full HTTP path into SQLite, against a
// naive Bolt + one-INSERT app and a bare signature-checking server, in the same run.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type SlackStandIn, startSlackStandIn } from '../src/stand-in/index.ts';
import { incidentEvents, PEOPLE } from './corpus.ts';
import { BENCH_START } from './seed.ts';
import {
  BOT_TOKEN,
  type Child,
  pool,
  postCommand,
  postEvent,
  say,
  startChild,
  table,
  tempDir,
  waitUntil,
} from './shared.ts';

export const INGEST_CHANNEL = 'CINGEST1';
type Kind = 'ours' | 'naive' | 'ceiling';

export interface IngestRun {
  kind: Kind;
  /** Deliveries sent in the measured part (new events plus Slack-style redeliveries). */
  deliveries: number;
  /** Deliveries per second, until the last one was answered and (ours, naive) stored. */
  rate: number;
  /** ours: messages stored; distinct ts among them; event ids claimed; alert states. */
  stored?: { rows: number; distinctTs: number; events: number; alerts: number };
  expected?: { rows: number; alerts: number };
  /** The server process's CPU time per measured delivery (ms), whatever else the machine did. */
  cpuPerEvent: number;
}

export async function startStandIn(): Promise<SlackStandIn> {
  const slack = await startSlackStandIn({ token: BOT_TOKEN });
  for (const p of PEOPLE) slack.addUser({ id: p.id, name: p.name, displayName: p.name });
  return slack;
}

/** Opens an incident in `channelId` through the real slash command; resolves once it is stored. */
export async function openIncident(url: string, dbPath: string, channelId: string): Promise<void> {
  await postCommand(url, { channelId, userId: 'U0001', text: 'start Checkout 5xx sev2' });
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    await waitUntil(
      () => db.prepare("select 1 from incidents where status <> 'resolved'").get() !== undefined,
      10_000,
    );
  } finally {
    db.close();
  }
}

function countRows(dbPath: string, sql: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare(sql).get() as { n: number } | undefined)?.n ?? 0);
  } finally {
    db.close();
  }
}

export interface Delivery {
  event: Record<string, unknown>;
  id: string;
  /** 0 for a first delivery, 1 for Slack's redelivery of an earlier event. */
  retry: number;
}

/** The load every ingest run sends: warm-up events, then new events with 2% redeliveries. */
export function ingestLoad(options: { events: number; warmup: number }): {
  all: Array<Record<string, unknown> & { bot_id?: string }>;
  warm: Array<Record<string, unknown>>;
  deliveries: Delivery[];
} {
  const all = [
    ...incidentEvents({
      channelId: INGEST_CHANNEL,
      messages: options.warmup + options.events,
      startAt: BENCH_START,
      postsOnly: true,
    }),
  ] as Array<Record<string, unknown> & { bot_id?: string }>;
  const warm = all.slice(0, options.warmup);
  const measured = all.slice(options.warmup);
  // Every 50th delivery repeats an earlier event, as Slack's retries do.
  const deliveries = measured.flatMap((event, i): Delivery[] => {
    const first = { event, id: `EvM${i}`, retry: 0 };
    return i % 50 === 49
      ? [first, { event: measured[i - 10] ?? event, id: `EvM${i - 10}`, retry: 1 }]
      : [first];
  });
  return { all, warm, deliveries };
}

/** One server kind: warm it up, then time `events` new events (+2% redeliveries). */
export async function ingestOnce(
  kind: Kind,
  slack: SlackStandIn,
  options: { events: number; warmup: number; concurrency: number },
): Promise<IngestRun> {
  const dir = tempDir(`scribe-bench-ingest-${kind}-`);
  const dbPath = join(dir.path, 'scribe.db');
  let child: Child<{ port: number }> | undefined;
  try {
    child = await startChild<{ port: number }>('servers.ts', [kind, dbPath, slack.apiUrl]);
    const url = `http://127.0.0.1:${child.ready.port}/slack/events`;
    if (kind === 'ours') await openIncident(url, dbPath, INGEST_CHANNEL);
    const { all, warm, deliveries } = ingestLoad(options);
    await pool(warm.length, options.concurrency, (i) =>
      postEvent(url, warm[i] as Record<string, unknown>, `EvW${i}`),
    );
    const cpuBefore = await child.ask<{ ms: number }>({ cmd: 'cpu' });
    const started = performance.now();
    await pool(deliveries.length, options.concurrency, async (i) => {
      const d = deliveries[i];
      if (!d) return;
      const res = await postEvent(url, d.event, d.id, d.retry);
      if (res.status !== 200) throw new Error(`${kind}: HTTP ${res.status} ${res.body}`);
    });
    const total = options.warmup + deliveries.length;
    if (kind === 'ours') {
      const rows = options.warmup + options.events;
      await waitUntil(
        () => countRows(dbPath, 'select count(*) as n from messages') >= rows,
        30_000,
      );
    } else if (kind === 'naive') {
      await waitUntil(
        () => countRows(dbPath, 'select count(*) as n from messages') >= total,
        30_000,
      );
    }
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = await child.ask<{ ms: number }>({ cmd: 'cpu' });
    await child.ask({ cmd: 'stop' });
    const run: IngestRun = {
      kind,
      deliveries: deliveries.length,
      rate: deliveries.length / elapsed,
      cpuPerEvent: (cpuAfter.ms - cpuBefore.ms) / deliveries.length,
    };
    if (kind === 'ours') {
      run.stored = {
        rows: countRows(dbPath, 'select count(*) as n from messages'),
        distinctTs: countRows(dbPath, 'select count(distinct ts) as n from messages'),
        events: countRows(dbPath, 'select count(*) as n from processed_events'),
        alerts: countRows(dbPath, 'select count(*) as n from alert_changes'),
      };
      run.expected = {
        rows: all.length,
        alerts: all.filter((e) => e.bot_id !== undefined).length,
      };
    }
    return run;
  } finally {
    await child?.stop();
    dir.remove();
  }
}

export async function benchIngest(quick: boolean): Promise<void> {
  say('## Ingest: signed message events through HTTP into SQLite');
  const options = { events: quick ? 1_000 : 5_000, warmup: 500, concurrency: 24 };
  const slack = await startStandIn();
  try {
    const runs: IngestRun[] = [];
    for (const kind of ['ceiling', 'naive', 'ours'] as const) {
      runs.push(await ingestOnce(kind, slack, options));
    }
    const rate = (kind: Kind) => runs.find((r) => r.kind === kind)?.rate ?? Number.NaN;
    say(
      `${options.events} new events + ${options.events / 50} redeliveries, ` +
        `${options.concurrency} in flight, after ${options.warmup} warm-up events`,
    );
    say(
      table(
        ['server', 'events/s', 'vs naive', 'vs ceiling'],
        runs.map((r) => [
          r.kind,
          r.rate.toFixed(0),
          `${(r.rate / rate('naive')).toFixed(2)}×`,
          `${(r.rate / rate('ceiling')).toFixed(2)}×`,
        ]),
      ),
    );
    const ours = runs.find((r) => r.kind === 'ours');
    if (ours?.stored && ours.expected) {
      const { stored, expected } = ours;
      const once =
        stored.rows === expected.rows &&
        stored.distinctTs === expected.rows &&
        stored.alerts === expected.alerts;
      say(
        `stored exactly once: ${once ? 'yes' : 'NO'} (${stored.rows} rows, ${stored.distinctTs} ` +
          `distinct ts, expected ${expected.rows}; ${stored.alerts}/${expected.alerts} alert ` +
          `states; ${stored.events} event ids)`,
      );
      const met = rate('ours') >= rate('naive');
      say(`target ours ≥ naive: ${met ? 'met' : 'MISSED'}`);
    }
  } finally {
    await slack.close();
  }
  say();
}
