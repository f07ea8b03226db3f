// Races on PostgreSQL made certain rather than likely: another session holds a table, the calls
// under test all start and queue up behind it (the server says so), and only then is it let go,
// so that they really meet. Without the store's own locking, they would all read the same rows.
import pg from 'pg';
import { vi } from 'vitest';
import { openPostgres } from '../../../src/store/postgres/db.ts';
import { createPostgresStore } from '../../../src/store/postgres/index.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import { freshDatabase } from '../../helpers/postgres.ts';

export interface PostgresUnderTest {
  store: Store;
  /** The database's URL, for a session of the test's own. */
  url: string;
  /** Runs `calls` at once, each held until all of them wait on the server, then lets them go. */
  startedTogether<T>(table: string, calls: ReadonlyArray<() => Promise<T>>): Promise<T[]>;
}

/** A PostgreSQL store on a database of its own, closed and dropped afterwards. */
export async function withPostgres(body: (pg: PostgresUnderTest) => Promise<void>): Promise<void> {
  const database = await freshDatabase();
  const opened = await openPostgres(database.url, { maxConnections: 6 });
  try {
    const store = createPostgresStore(opened.db);
    await body({
      store,
      url: database.url,
      startedTogether: (table, calls) => startedTogether(database.url, table, calls),
    });
  } finally {
    await opened.close();
    await database.drop();
  }
}

async function startedTogether<T>(
  url: string,
  table: string,
  calls: ReadonlyArray<() => Promise<T>>,
): Promise<T[]> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  let running: Array<Promise<T>> = [];
  try {
    await holder.query('begin');
    await holder.query(`lock table ${table} in access exclusive mode`);
    running = calls.map((call) => call());
    // Every call is queued on a lock (the table's, or one the store takes before it).
    await vi.waitFor(
      async () => {
        // Inside a transaction the server would answer from the first look's snapshot.
        await holder.query('select pg_stat_clear_snapshot()');
        const { rows } = await holder.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if ((rows[0]?.n ?? 0) < calls.length) throw new Error('not all calls are waiting yet');
      },
      { timeout: 30_000, interval: 20 },
    );
  } finally {
    await holder.query('commit').catch(() => {});
    await holder.end().catch(() => {});
  }
  return Promise.all(running);
}
