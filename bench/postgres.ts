// PostgreSQL beside SQLite, in one run: ingest with one bot and with two bots (each its own
// process) against one database, against SQLite's ingest measured just before; the 50k-message
// draft composed from each engine. Targets (issue 12): one replica on PostgreSQL ≥ 0.5× SQLite's
// ingest; two replicas ≥ 1.5× one.

import { median } from './draft.ts';
import { ingestOnce, startStandIn } from './ingest.ts';
import { measureDraftsOnBoth } from './postgres-draft.ts';
import { type PgIngestRun, pgIngestOnce } from './postgres-ingest.ts';
import { benchPostgres } from './postgres-server.ts';
import { ms, say, table } from './shared.ts';

const ratio = (n: number) => `${n.toFixed(2)}×`;

function storedOnce(run: PgIngestRun): string {
  const { stored, expected } = run;
  const once =
    stored.rows === expected.rows &&
    stored.distinctTs === expected.rows &&
    stored.alerts === expected.alerts;
  return (
    `${once ? 'yes' : 'NO'} (${stored.rows} rows, ${stored.distinctTs} distinct ts, expected ` +
    `${expected.rows}; ${stored.alerts}/${expected.alerts} alert states; ${stored.events} event ids)`
  );
}

export async function benchPostgresVsSqlite(quick: boolean): Promise<void> {
  say('## PostgreSQL beside SQLite: ingest (one and two replicas) and the draft');
  const postgres = await benchPostgres();
  const slack = await startStandIn();
  try {
    say(`PostgreSQL: ${postgres.describe}`);
    const options = { events: quick ? 1_000 : 5_000, warmup: 500, concurrency: 24 };
    const sqlite = await ingestOnce('ours', slack, options);
    const one = await pgIngestOnce(postgres, slack, 1, options);
    const two = await pgIngestOnce(postgres, slack, 2, options);
    say(
      `${options.events} new events + ${options.events / 50} redeliveries, ` +
        `${options.concurrency} in flight in all, after ${options.warmup} warm-up events; ` +
        'two replicas: round robin, every redelivery to the other replica',
    );
    say(
      table(
        ['store', 'replicas', 'events/s', 'per replica', 'vs SQLite', 'vs one replica'],
        [
          ['SQLite', '1', sqlite.rate.toFixed(0), sqlite.rate.toFixed(0), ratio(1), '–'],
          ...[one, two].map((r) => [
            'PostgreSQL',
            String(r.replicas),
            r.rate.toFixed(0),
            r.perReplica.map((n) => ((n / r.deliveries) * r.rate).toFixed(0)).join(' + '),
            ratio(r.rate / sqlite.rate),
            ratio(r.rate / one.rate),
          ]),
        ],
      ),
    );
    const cpuMs = (n: number | null) => (n === null ? '–' : n.toFixed(3));
    say(
      table(
        ['CPU ms per event', 'bots', 'PostgreSQL', 'load + stand-in', 'cores busy at that rate'],
        [
          ['SQLite, 1 replica', cpuMs(sqlite.cpuPerEvent), '–', '–', '–'],
          ...[one, two].map((r) => {
            const { bots, postgres: server, load } = r.cpuPerEvent;
            const busy = ((bots + (server ?? 0) + load) * r.rate) / 1000;
            return [
              `PostgreSQL, ${r.replicas} replica${r.replicas > 1 ? 's' : ''}`,
              cpuMs(bots),
              cpuMs(server),
              cpuMs(load),
              busy.toFixed(2),
            ];
          }),
        ],
      ),
    );
    say(`stored exactly once, one replica: ${storedOnce(one)}`);
    say(`stored exactly once, two replicas: ${storedOnce(two)}`);
    const vsSqlite = one.rate / sqlite.rate;
    const scaling = two.rate / one.rate;
    say(
      `target one replica ≥ 0.5× SQLite: ${vsSqlite >= 0.5 ? 'met' : 'MISSED'} (${ratio(vsSqlite)})`,
    );
    say(`target two replicas ≥ 1.5× one: ${scaling >= 1.5 ? 'met' : 'MISSED'} (${ratio(scaling)})`);

    const messages = quick ? 10_000 : 50_000;
    const drafts = await measureDraftsOnBoth(postgres, messages, 3);
    say();
    say(`Draft of a ${messages.toLocaleString('en')}-message incident, three cold runs each`);
    say(
      table(
        ['store', 'read rows', 'draft + Markdown (median)', 'RSS → peak'],
        (['sqlite', 'postgres'] as const).map((engine) => {
          const r = drafts[engine];
          return [
            engine === 'sqlite' ? 'SQLite' : 'PostgreSQL',
            ms(median(r.read)),
            ms(median(r.compose)),
            `${r.rssBeforeMb} → ${r.peakRssMb} MB`,
          ];
        }),
      ),
    );
    const total = (r: { compose: number[] }) => median(r.compose);
    say(`PostgreSQL draft / SQLite draft: ${ratio(total(drafts.postgres) / total(drafts.sqlite))}`);
  } finally {
    await slack.close();
    await postgres.stop();
  }
  say();
}
