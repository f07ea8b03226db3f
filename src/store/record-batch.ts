import type { Db } from './db.ts';

interface Waiting<In, Out> {
  input: In;
  resolve(value: Out): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the live record path: the events that reach the store within one turn of the
 * event loop (the requests read in the same poll) are written in one IMMEDIATE transaction, each
 * inside a savepoint of its own. A commit is most of an event's cost (the WAL write, the search
 * index's flush), so sixteen deliveries in flight pay for a few commits instead of sixteen.
 *
 * Each caller still learns its own outcome only once the transaction holding its change has
 * committed (an event is answered only once it is stored, ADR 0008). One event that throws
 * rolls back its savepoint alone and rejects alone; a failure that ends the whole transaction
 * (the commit, a full disk, a lock never granted) rejects every caller of the batch, and Slack
 * delivers each of those events again. Nothing is cached: every event reads the database inside
 * the transaction, so replicas sharing the file still decide on what is stored.
 */
export function groupCommit<In, Out>(
  db: Db,
  work: (input: In) => Out,
): (input: In) => Promise<Out> {
  const client = db.$client;
  const one = client.transaction(work);
  const all = client.transaction((batch: readonly Waiting<In, Out>[]) =>
    batch.map((item): { ok: true; value: Out } | { ok: false; error: unknown } => {
      try {
        return { ok: true, value: one(item.input) };
      } catch (error) {
        // SQLite ended the transaction itself (SQLITE_FULL, an I/O error): nothing of the batch
        // is stored, so nobody may be told otherwise.
        if (!client.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );
  let waiting: Waiting<In, Out>[] = [];

  const flush = () => {
    const batch = waiting;
    waiting = [];
    let outcomes: ReturnType<typeof all>;
    try {
      outcomes = all.immediate(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const item = batch[i];
      if (!item) return;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  };

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      // setImmediate runs after the poll phase: every request read in this turn has had its
      // chance to join the batch by then.
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({ input, resolve, reject });
    });
}
