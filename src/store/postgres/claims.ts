import type { ClaimStore } from '../../usecases/store-port.ts';
import type { PgDb } from './db.ts';

/*
 * One statement per take, atomic under concurrency: two replicas inserting the same key meet on
 * the primary key, the second waits for the first and then sees its claim (ON CONFLICT takes the
 * row lock), so at most one of them gets a row back. See the SQLite twin for the WHERE clause.
 */
const TAKE = `INSERT INTO job_claims (key, holder, expires_at) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET
    holder = excluded.holder, expires_at = excluded.expires_at, lapsed_holder = job_claims.holder
  WHERE job_claims.expires_at <= $4
  RETURNING lapsed_holder`;

/** The ClaimStore over PostgreSQL (ADR 0013). */
export function createPgClaimStore(db: PgDb): ClaimStore {
  const pool = db.$client;
  return {
    async take(key, holder, now, until) {
      const result = await pool.query<{ lapsed_holder: string | null }>({
        name: 'job_claims_take',
        text: TAKE,
        values: [key, holder, until, now],
      });
      const row = result.rows[0];
      return row ? { lapsedHolder: row.lapsed_holder } : null;
    },
    async renew(holder, until) {
      const result = await pool.query(
        'UPDATE job_claims SET expires_at = $1 WHERE holder = $2 AND expires_at < $1',
        [until, holder],
      );
      return result.rowCount ?? 0;
    },
    async release(key, holder) {
      await pool.query('DELETE FROM job_claims WHERE key = $1 AND holder = $2', [key, holder]);
    },
    async voidOthers(holder, before) {
      const result = await pool.query(
        'UPDATE job_claims SET expires_at = 0 WHERE holder <> $1 AND expires_at > 0 AND expires_at < $2',
        [holder, before],
      );
      return result.rowCount ?? 0;
    },
    async forgetExpired(before) {
      const result = await pool.query('DELETE FROM job_claims WHERE expires_at < $1', [before]);
      return result.rowCount ?? 0;
    },
  };
}
