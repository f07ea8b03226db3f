// One draft size, in a process of its own so its peak RSS is the draft's alone (plus the
// runtime's, reported apart): `node --import tsx bench/draft-child.ts <engine> <database>
// <incidentId> <runs>`, where engine is `sqlite` (database: a file) or `postgres` (a URL);
// answers one JSON message. One module for both engines so their figures are measured the same way.

import { performance } from 'node:perf_hooks';
import { composeDraftStreamed, type DraftReader } from '../src/usecases/compose-draft.ts';
import { utf8PartMaker } from '../src/usecases/draft-markdown.ts';
import type { Store } from '../src/usecases/store-port.ts';
import { BENCH_START } from './seed.ts';

export type DraftEngine = 'sqlite' | 'postgres';

export interface DraftRun {
  /** Milliseconds of each run, in order (the first one is cold). */
  read: number[];
  /** The draft and its Markdown as UTF-8 parts: one pass, as the bot's draft worker makes it. */
  compose: number[];
  markdownBytes: number;
  /** The key events the Slack summary reads: the same from either engine. */
  keyEvents: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

interface Opened {
  store: Store;
  /** SQLite: the draft worker's reader (everything but the messages, then the rows streamed). */
  reader?: DraftReader;
  /** Runs `work` as the draft worker does: SQLite in one read transaction. */
  inSnapshot: <T>(work: () => Promise<T>) => Promise<T>;
  /** Reads the same rows and columns the draft reads (everything a RecordedMessage holds). */
  readRows: (incidentId: number) => unknown;
  close: () => unknown;
}

// Each engine's modules are loaded only by its own child, so neither's peak RSS carries the other's.
async function openSqlite(path: string): Promise<Opened> {
  const { openDatabase } = await import('../src/store/db.ts');
  const { createStore } = await import('../src/store/index.ts');
  const { draftHeadOf, draftRowsOf } = await import('../src/store/draft-rows.ts');
  const { createRepositories } = await import('../src/store/repositories.ts');
  const database = openDatabase(path);
  const repos = createRepositories(database.db);
  const statement = database.sqlite.prepare(
    `select channel_id, ts, thread_ts, posted_at, user_id, bot_id, bot_name, is_bot, subtype, text,
       edited_at, deleted_at, alert_state, alert_title, alert_source, alert_name, alert_severity,
       alert_fired_at from messages where incident_id = ? order by posted_at, ts`,
  );
  return {
    store: createStore(database.db),
    reader: {
      head: (id) => draftHeadOf(database.db, repos, id),
      rows: (id) => draftRowsOf(database.db, id),
    },
    inSnapshot: async (work) => {
      database.sqlite.exec('begin');
      try {
        return await work();
      } finally {
        database.sqlite.exec('commit');
      }
    },
    readRows: (incidentId) => statement.all(incidentId),
    close: () => database.close(),
  };
}

async function openPostgresEngine(url: string): Promise<Opened> {
  const { openPostgres } = await import('../src/store/postgres/db.ts');
  const { createPostgresStore } = await import('../src/store/postgres/index.ts');
  const opened = await openPostgres(url, { maxConnections: 4 });
  const readRows = `select channel_id, ts, thread_ts, posted_at, user_id, bot_id, bot_name, is_bot,
    subtype, text, edited_at, deleted_at, alert_state, alert_title, alert_source, alert_name,
    alert_severity, alert_fired_at from messages where incident_id = $1
    order by posted_at, ts collate "C"`;
  return {
    store: createPostgresStore(opened.db),
    // PostgreSQL has no streamed reader yet: the messages are read whole, then streamed.
    inSnapshot: (work) => work(),
    readRows: (incidentId) => opened.pool.query(readRows, [incidentId]),
    close: () => opened.close(),
  };
}

const [engine = '', database = '', idText = '1', runsText = '3'] = process.argv.slice(2);
if (engine !== 'sqlite' && engine !== 'postgres') {
  throw new Error(`draft-child: engine must be sqlite or postgres, not "${engine}"`);
}
const opened =
  engine === 'sqlite' ? await openSqlite(database) : await openPostgresEngine(database);
const incidentId = Number(idText);
const deps = {
  store: opened.store,
  timeZone: 'Europe/Berlin',
  clock: { now: () => BENCH_START + 86_400_000 },
};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const timed = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
};
// SQLite's work is synchronous and is timed as it returns; PostgreSQL's (and the store's, which
// answers SQLite's work as a settled promise) is timed until it settles.
const timedAsync = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
};

const result: DraftRun = {
  read: [],
  compose: [],
  markdownBytes: 0,
  keyEvents: 0,
  rssBeforeMb: mb(process.memoryUsage().rss),
  peakRssMb: 0,
};
for (let run = 0; run < Number(runsText); run++) {
  // What the bot's draft worker does (src/jobs/draft-worker.ts): the incident without its
  // messages, then the rows read once and rendered into the Markdown's UTF-8 parts.
  const [streamed, composeMs] = await timedAsync(() =>
    opened.inSnapshot(() => composeDraftStreamed(deps, incidentId, utf8PartMaker(), opened.reader)),
  );
  if (!streamed) throw new Error(`no incident ${incidentId}`);
  const { markdown } = streamed;
  const [, readMs] =
    engine === 'sqlite'
      ? timed(() => opened.readRows(incidentId))
      : await timedAsync(() => opened.readRows(incidentId));
  result.compose.push(composeMs);
  result.read.push(readMs);
  result.markdownBytes = markdown.reduce((sum, part) => sum + part.length, 0);
  result.keyEvents = streamed.summary.keys.length + streamed.summary.keysMore;
}
result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
await opened.close();
process.send?.(result);
process.disconnect?.();
