import pg from 'pg';
import type { StorageProblem } from '../../usecases/ports.ts';

// SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html) that mean the
// write may succeed if the person tries again once the operator has fixed the server; every other
// code (a constraint, a bug in our SQL) is no storage problem and gets the generic reply.
const BY_CODE: Record<string, StorageProblem> = {
  '53100': 'full', // disk_full
  '25006': 'readonly', // read_only_sql_transaction: also a hot standby, or a failover gone wrong
  '40001': 'busy', // serialization_failure
  '40P01': 'busy', // deadlock_detected (already retried once by the store)
  '55P03': 'busy', // lock_not_available (lock_timeout, NOWAIT)
  '53300': 'unavailable', // too_many_connections
  '57P01': 'unavailable', // admin_shutdown: the server (or an operator) ended our session
  '57P02': 'unavailable', // crash_shutdown
  '57P03': 'unavailable', // cannot_connect_now: starting up or shutting down
};

// Node's socket errors on the way to the server.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// pg reports a lost or never-made connection with a bare Error, no code: only its wording tells.
// Ours ending the pool ('Connection terminated', 'Client was closed') is deliberately not here.
const LOST_CONNECTION = [
  /^Connection terminated unexpectedly$/,
  /^Connection terminated due to connection timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
];

/**
 * What kept a write from PostgreSQL, if that is what `error` is (a pg error or a socket error,
 * possibly wrapped by drizzle, Bolt or an AggregateError); null for every other error.
 */
export function postgresStorageProblem(error: unknown): StorageProblem | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const problem = problemOf(current);
    if (problem) return problem;
    const next = current as { cause?: unknown; original?: unknown; errors?: unknown };
    queue.push(next.cause, next.original);
    if (Array.isArray(next.errors)) queue.push(...next.errors);
  }
  return null;
}

function problemOf(error: object): StorageProblem | null {
  const code = (error as { code?: unknown }).code;
  if (error instanceof pg.DatabaseError && typeof code === 'string') {
    return BY_CODE[code] ?? (code.startsWith('08') ? 'unavailable' : null);
  }
  if (!(error instanceof Error)) return null;
  if (typeof code === 'string' && UNREACHABLE.has(code)) return 'unavailable';
  return LOST_CONNECTION.some((pattern) => pattern.test(error.message)) ? 'unavailable' : null;
}
