import type { Db } from './db.ts';

// better-sqlite3's own transactions: `work` reads and writes through `db` anyway, and drizzle's
// wrapper built a session and a transaction object for each call (~15 µs against ~1 µs), on the
// record path of every message and the related search of every alert. Nested calls still
// become savepoints.

/**
 * One write transaction. better-sqlite3 is synchronous: `work` must not await, or what follows
 * the await escapes the rollback. IMMEDIATE takes the write lock up front: a deferred transaction
 * that reads first and then writes fails at once with SQLITE_BUSY when another connection holds
 * the lock, without waiting for busy_timeout.
 */
export function immediate<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work).immediate();
}

/**
 * Reads at one moment (a snapshot under WAL) without taking the write lock, so it also works on a
 * read-only connection and never waits for a writer.
 */
export function readAtOnce<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work).deferred();
}

type Promised<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/**
 * The port's asynchronous face over synchronous repository methods (each one statement, or a
 * transaction of its own): the work is done at once, the answer is a settled promise.
 */
export function promised<T extends object, K extends keyof T>(
  repository: T,
  names: readonly K[],
): Promised<Pick<T, K>> {
  const out: Record<PropertyKey, unknown> = {};
  for (const name of names) {
    const method = repository[name] as (...args: unknown[]) => unknown;
    out[name] = async (...args: unknown[]) => method(...args);
  }
  return out as Promised<Pick<T, K>>;
}
