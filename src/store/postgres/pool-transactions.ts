import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { PgDb } from './db.ts';
import type * as schema from './schema.ts';

/**
 * Makes `db.transaction` give its pooled connection back whatever fails. drizzle's own (0.45,
 * node-postgres) takes a connection from the pool and sends BEGIN *before* its try/finally: when
 * BEGIN fails (the server ended that connection — a failover, an administrator, a read-only
 * switch — between the checkout and the BEGIN) the connection is never released. The pool then
 * has a slot fewer for good, and ending it waits for ever: a bot asked to stop never stopped.
 *
 * Here the connection is taken and released around drizzle's transaction on that one client, and
 * a connection an error may have broken is destroyed rather than reused.
 */
export function releasingTransactions(db: PgDb, pool: pg.Pool, tables: typeof schema): PgDb {
  // One drizzle per pooled connection, not per transaction: building one maps the whole schema
  // (~0.1 ms), and every store operation here is a transaction. A destroyed connection's goes too.
  const onClient = new WeakMap<pg.PoolClient, OnClient>();
  const drizzleOn = (client: pg.PoolClient): OnClient => {
    let onThis = onClient.get(client);
    if (onThis === undefined) {
      onThis = drizzle({ client, schema: tables });
      onClient.set(client, onThis);
    }
    return onThis;
  };
  const transaction: PgDb['transaction'] = async (work, config) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await drizzleOn(client).transaction(work, config);
    } catch (error) {
      broken = brokenConnection(error);
      throw error;
    } finally {
      client.release(broken);
    }
  };
  db.transaction = transaction;
  return db;
}

type OnClient = NodePgDatabase<typeof schema>;

/**
 * The error, when it may have left the connection unusable: anything without a SQLSTATE (the
 * socket), and the classes 08 (connection exception) and 57 (operator intervention: terminated,
 * shutting down). The server's refusals (constraints, serialization, read-only) leave it usable.
 */
function brokenConnection(error: unknown): Error | undefined {
  const failure = error instanceof Error ? error : new Error(String(error));
  // drizzle wraps a query's error (DrizzleQueryError); pg's own is its cause.
  const code = sqlState(failure) ?? sqlState(failure.cause);
  return code !== undefined && !code.startsWith('08') && !code.startsWith('57')
    ? undefined
    : failure;
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
