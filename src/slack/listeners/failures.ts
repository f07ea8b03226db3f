import type { Logger } from '../../logger.ts';
import type { Deps, StorageProblem } from '../../usecases/ports.ts';

/** Where a listener's failures go: its log, and the store engine's reading of a failed write. */
export interface FailureReport {
  logger: Logger;
  storageProblem: Deps['storageProblem'];
}

/** A listener's FailureReport, its log lines bound to `bindings`. */
export function failureReport(
  deps: Pick<Deps, 'logger' | 'storageProblem'>,
  bindings: Record<string, unknown>,
): FailureReport {
  return { logger: deps.logger.child(bindings), storageProblem: deps.storageProblem };
}

const PROBLEM_TEXT: Record<StorageProblem, string> = {
  busy: 'the database is locked by another process',
  full: 'the disk (or the database) is full',
  readonly: 'the database is read-only',
  io: 'the database file could not be read or written',
  unavailable: 'the database server could not be reached',
};

/** The reason in words, for logs and replies. */
export function describeStorageProblem(problem: StorageProblem): string {
  return PROBLEM_TEXT[problem];
}
