import type { ClaimStore } from '../usecases/store-port.ts';
import type { Db } from './db.ts';
import { preparedOnce } from './prepared.ts';

/*
 * Taking a claim is one statement: the insert wins on a free key; on a taken one the update runs
 * only when the standing claim has expired, and keeps whose it was (in DO UPDATE, `job_claims`
 * names the row already there). No row back means a live claim stood.
 */
const TAKE = `INSERT INTO job_claims (key, holder, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET
    holder = excluded.holder, expires_at = excluded.expires_at, lapsed_holder = job_claims.holder
  WHERE job_claims.expires_at <= ?
  RETURNING lapsed_holder`;

/** The ClaimStore over SQLite (ADR 0013): one process per file, so claims rarely meet. */
export function createClaimStore(db: Db): ClaimStore {
  const take = preparedOnce<[string, string, number, number], { lapsed_holder: string | null }>(
    db,
    TAKE,
  );
  const renew = preparedOnce<[number, string, number]>(
    db,
    'UPDATE job_claims SET expires_at = ? WHERE holder = ? AND expires_at < ?',
  );
  const release = preparedOnce<[string, string]>(
    db,
    'DELETE FROM job_claims WHERE key = ? AND holder = ?',
  );
  const voidOthers = preparedOnce<[string, number]>(
    db,
    'UPDATE job_claims SET expires_at = 0 WHERE holder <> ? AND expires_at > 0 AND expires_at < ?',
  );
  const forget = preparedOnce<[number]>(db, 'DELETE FROM job_claims WHERE expires_at < ?');
  return {
    async take(key, holder, now, until) {
      const row = take().get(key, holder, until, now);
      return row ? { lapsedHolder: row.lapsed_holder } : null;
    },
    async renew(holder, until) {
      return renew().run(until, holder, until).changes;
    },
    async release(key, holder) {
      release().run(key, holder);
    },
    async voidOthers(holder, before) {
      return voidOthers().run(holder, before).changes;
    },
    async forgetExpired(before) {
      return forget().run(before).changes;
    },
  };
}
