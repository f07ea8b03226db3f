import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

/**
 * A better-sqlite3 statement for a hot path, prepared on first use (after migrations, and only on
 * connections that use it): no query building per call, unlike drizzle's builder.
 */
export function preparedOnce<Params extends unknown[], Row = unknown>(
  db: Db,
  source: string,
): () => Statement<Params, Row> {
  let statement: Statement<Params, Row> | undefined;
  return () => {
    statement ??= db.$client.prepare<Params, Row>(source);
    return statement;
  };
}
