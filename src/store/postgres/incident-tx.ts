import { sql } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

/** What a statement runs on: the pool (one statement on its own) or an open transaction. */
export type PgExec = PgDatabase<NodePgQueryResultHKT, typeof schema>;

/**
 * Serialises the writers of one channel's incidents until the transaction ends: a row lock
 * cannot guard "no open incident yet", since there is no row to lock. The key is hashed by the
 * server, so every replica takes the same lock.
 */
export async function lockChannel(tx: PgExec, channelId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('incident-channel:' || ${channelId}))`,
  );
}

/**
 * Runs a whole transaction again, once, when a racing writer made it fail: a unique key taken
 * by the other's row (the second run reads that row, and its decision sees the winner), or a
 * deadlock between two pages of history written in different orders (the loser rolled back).
 */
export async function retryOnceAfterRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!lostRace(error)) throw error;
    return work();
  }
}

const UNIQUE_VIOLATION = '23505';
const DEADLOCK_DETECTED = '40P01';

/** The server's error code, raw from pg or wrapped by drizzle as the cause. */
function lostRace(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code } = e as { code?: unknown };
    if (code === UNIQUE_VIOLATION || code === DEADLOCK_DETECTED) return true;
  }
  return false;
}
