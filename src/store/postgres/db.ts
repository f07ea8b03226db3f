import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { NulSafeClient } from './nul-safe-client.ts';
import { releasingTransactions } from './pool-transactions.ts';
import * as schema from './schema.ts';
import { checkPostgresUrl, reasonOf, redactPostgresUrl } from './url.ts';

/** drizzle over a pg.Pool; `$client` is the pool, for the few raw statements. */
export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface OpenedPostgres {
  db: PgDb;
  pool: pg.Pool;
  /** Ends the pool, waiting for checked-out connections to be released (idempotent). */
  close(): Promise<void>;
}

export interface OpenPostgresOptions {
  /** The pool's bound: this process never holds more connections to the server than this. */
  maxConnections: number;
  /** How long getting a connection may take before failing (else an unreachable host hangs). */
  connectTimeoutMs?: number;
  /**
   * An idle pooled connection the server dropped (restart, failover). The pool discards it and
   * opens a new one when needed; without a listener, pg's 'error' event would crash the process.
   */
  onIdleClientError?: (error: Error) => void;
}

export const POSTGRES_MIGRATIONS = fileURLToPath(
  new URL('../../../migrations/postgres', import.meta.url),
);

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

// drizzle's migrator reads what is applied, then applies the rest: two replicas starting together
// would both apply the same migration. One session-level advisory lock makes them take turns; the
// second then finds nothing to do. The key is hashed by the server, so every replica agrees.
const LOCK_KEY = 'incident-scribe:migrations';

/** Opens a bounded pool and applies the migrations (once, whoever else opens at the same time). */
export async function openPostgres(
  url: string,
  options: OpenPostgresOptions,
): Promise<OpenedPostgres> {
  checkPostgresUrl(url);
  const { maxConnections } = options;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new Error(`maxConnections must be a whole number of at least 1, not ${maxConnections}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    application_name: 'incident-scribe',
    // U+0000 in a text parameter becomes U+FFFD: PostgreSQL's text cannot store it (SQLite's can).
    Client: NulSafeClient,
  });
  pool.on('error', options.onIdleClientError ?? (() => {}));
  // A connection the server ends while a client is checked out between two queries (a failover,
  // an administrator) emits 'error' on that client, which the pool only listens to when idle:
  // unheard, it would end the process. Its holder learns from the next query, which fails; an
  // idle client's error is the pool's to report (above), once.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  try {
    await migrateOnce(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`Could not open PostgreSQL at ${redactPostgresUrl(url)}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  const db = releasingTransactions(drizzle({ client: pool, schema }), pool, schema);
  let ended: Promise<void> | undefined;
  return {
    db,
    pool,
    close: () => {
      ended ??= pool.end();
      return ended;
    },
  };
}

async function migrateOnce(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [LOCK_KEY]);
    try {
      // On the locked connection itself, so the lock covers exactly this work.
      await migrate(drizzle({ client }), { migrationsFolder: POSTGRES_MIGRATIONS });
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [LOCK_KEY]);
    }
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A connection that failed is destroyed, not reused: that also drops any lock it still holds.
    client.release(failure);
  }
}
