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
  /** auth.test calls the stand-in answered from the server's start to its stop. */
  authTests: number;
}

export async function startStandIn(): Promise<SlackStandIn> {
  const slack = await startSlackStandIn({ token: BOT_TOKEN });
  for (const p of PEOPLE) slack.addUser({ id: p.id, name: p.name, displayName: p.name });
  return slack;
}

/** Opens an incident in `channelId` through the real slash command; resolves once it is stored. */
export async function openIncident(
  url: string,
  dbPath: string,
  channelId: string,
  responseUrl: string,
): Promise<void> {
  await postCommand(url, {
    channelId,
    userId: 'U0001',
    text: 'start Checkout 5xx sev2',
    responseUrl,
  });
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
  const authTestsBefore = slack.callsTo('auth.test').length;
  try {
    child = await startChild<{ port: number }>('servers.ts', [kind, dbPath, slack.apiUrl]);
    const url = `http://127.0.0.1:${child.ready.port}/slack/events`;
    if (kind === 'ours') await openIncident(url, dbPath, INGEST_CHANNEL, slack.responseUrl());
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
      authTests: slack.callsTo('auth.test').length - authTestsBefore,
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

/** Rounds of the three servers, one after another, so each ratio compares neighbours in time. */
export const INGEST_ROUNDS = 3;
const KINDS = ['ceiling', 'naive', 'ours'] as const;

export async function benchIngest(quick: boolean): Promise<void> {
  say('## Ingest: signed message events through HTTP into SQLite');
  const options = { events: quick ? 1_000 : 5_000, warmup: 500, concurrency: 16 };
  say(
    `${options.events} new events + ${options.events / 50} redeliveries, ` +
      `${options.concurrency} in flight, after ${options.warmup} warm-up events; ` +
      `${INGEST_ROUNDS} rounds of ${KINDS.join(', ')}`,
  );
  const slack = await startStandIn();
  const rounds: IngestRun[][] = [];
  try {
    for (let round = 1; round <= INGEST_ROUNDS; round += 1) {
      const runs: IngestRun[] = [];
      for (const kind of KINDS) runs.push(await ingestOnce(kind, slack, options));
      rounds.push(runs);
      say(`\nround ${round}`);
      say(roundTable(runs));
      const ours = runs.find((r) => r.kind === 'ours');
      if (ours) say(storedOnce(ours));
    }
  } finally {
    await slack.close();
  }
  say();
  say(summary(rounds));
  say();
}

const rateOf = (runs: readonly IngestRun[], kind: Kind) =>
  runs.find((r) => r.kind === kind)?.rate ?? Number.NaN;

function roundTable(runs: readonly IngestRun[]): string {
  return table(
    ['server', 'events/s', 'vs naive', 'vs ceiling', 'CPU ms/event', 'auth.test calls'],
    runs.map((r) => [
      r.kind,
      r.rate.toFixed(0),
      `${(r.rate / rateOf(runs, 'naive')).toFixed(2)}×`,
      `${(r.rate / rateOf(runs, 'ceiling')).toFixed(2)}×`,
      r.cpuPerEvent.toFixed(3),
      r.kind === 'ceiling' ? '–' : String(r.authTests),
    ]),
  );
}

function storedOnce(ours: IngestRun): string {
  if (!ours.stored || !ours.expected) return 'stored exactly once: not checked';
  const { stored, expected } = ours;
  const once =
    stored.rows === expected.rows &&
    stored.distinctTs === expected.rows &&
    stored.alerts === expected.alerts;
  return (
    `stored exactly once: ${once ? 'yes' : 'NO'} (${stored.rows} rows, ${stored.distinctTs} ` +
    `distinct ts, expected ${expected.rows}; ${stored.alerts}/${expected.alerts} alert ` +
    `states; ${stored.events} event ids)`
  );
}

/** Ratios per round and their range: the figures to compare between machines and commits. */
function summary(rounds: readonly IngestRun[][]): string {
  const range = (values: number[], digits: number, unit = '') => {
    const lo = Math.min(...values).toFixed(digits);
    const hi = Math.max(...values).toFixed(digits);
    return lo === hi ? `${lo}${unit}` : `${lo}–${hi}${unit}`;
  };
  const per = (f: (runs: readonly IngestRun[]) => number) => rounds.map(f);
  const cpu = (runs: readonly IngestRun[], kind: Kind) =>
    runs.find((r) => r.kind === kind)?.cpuPerEvent ?? Number.NaN;
  const oursVsNaive = per((runs) => rateOf(runs, 'ours') / rateOf(runs, 'naive'));
  const lines = [
    `ceiling events/s ${range(
      per((r) => rateOf(r, 'ceiling')),
      0,
    )}, naive ${range(
      per((r) => rateOf(r, 'naive')),
      0,
    )}, ours ${range(
      per((r) => rateOf(r, 'ours')),
      0,
    )}`,
    `ours / naive: ${oursVsNaive.map((x) => `${x.toFixed(2)}×`).join(', ')}`,
    `ours / ceiling: ${per((r) => rateOf(r, 'ours') / rateOf(r, 'ceiling'))
      .map((x) => `${x.toFixed(2)}×`)
      .join(', ')}`,
    `CPU ms per event: naive ${range(
      per((r) => cpu(r, 'naive')),
      3,
    )}, ours ${range(
      per((r) => cpu(r, 'ours')),
      3,
    )} (ours / naive ${range(
      per((r) => cpu(r, 'ours') / cpu(r, 'naive')),
      2,
      '×',
    )})`,
    `auth.test calls per run: naive ${range(
      per((r) => r.find((x) => x.kind === 'naive')?.authTests ?? Number.NaN),
      0,
    )}, ours ${range(
      per((r) => r.find((x) => x.kind === 'ours')?.authTests ?? Number.NaN),
      0,
    )}`,
    `target ours ≥ naive: ${oursVsNaive.every((x) => x >= 1) ? 'met in every round' : `met in ${oursVsNaive.filter((x) => x >= 1).length} of ${rounds.length} rounds`}`,
  ];
  return lines.join('\n');
}
