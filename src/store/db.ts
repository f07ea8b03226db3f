import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { StorageProblem } from '../usecases/ports.ts';
import * as schema from './schema.ts';

/** drizzle over better-sqlite3; `$client` is the connection itself, for the few raw statements. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenedDb {
  db: Db;
  sqlite: Database.Database;
  /** Closes the connection (idempotent). */
  close(): void;
  /** For the bot's shutdown: empties the WAL into the database file first, then closes. */
  checkpointAndClose(): void;
}

const MIGRATIONS = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url));

export interface OpenOptions {
  /**
   * How long a write waits for another connection's lock before failing with SQLITE_BUSY. The wait
   * is synchronous (better-sqlite3 blocks the event loop), so it stays under Slack's 3-second ack
   * deadline; tests pass less.
   */
  busyTimeoutMs?: number;
  /** The size the WAL file is cut back to once it restarts (WAL_SIZE_LIMIT); tests pass less. */
  walSizeLimitBytes?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 2000;

/**
 * Once everything in the WAL is in the database and a write starts it over, SQLite cuts the file
 * back to this size (journal_size_limit); without a limit it stays at its largest (a storm, a big
 * draft's parts) until the bot stops. Large enough that ordinary work reuses the file as it is:
 * a WAL that must grow again costs the writes that grow it.
 */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** Opens (creating the folder if needed) and migrates the database; `:memory:` works for tests. */
export function openDatabase(path: string, options: OpenOptions = {}): OpenedDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers (exports, health) run beside the writer; NORMAL is durable across crashes
  // of this process, which is the failure we care about most.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`journal_size_limit = ${Math.round(options.walSizeLimitBytes ?? WAL_SIZE_LIMIT)}`);
  sqlite.pragma(
    `busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`,
  );
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
    checkpointAndClose: () => checkpointAndClose(sqlite),
  };
}

/**
 * Folds the WAL back into the database file, then closes: a stopped bot leaves one
 * self-contained file (a copy or backup of it alone is complete). Idempotent. A checkpoint that
 * cannot finish (a reader elsewhere holds the WAL) is no error: SQLite finishes it later.
 */
function checkpointAndClose(sqlite: Database.Database): void {
  if (!sqlite.open) return;
  try {
    if (!sqlite.memory) sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
}

/**
 * What kept a write from the database, if that is what `error` is (SQLite's code, possibly
 * wrapped by drizzle or Bolt); null for every other error.
 */
export function storageProblem(error: unknown): Exclude<StorageProblem, 'unavailable'> | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (current instanceof Database.SqliteError && typeof code === 'string') {
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
      if (code === 'SQLITE_FULL') return 'full';
      if (code.startsWith('SQLITE_READONLY')) return 'readonly';
      if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
      return null;
    }
    const next = current as { cause?: unknown; original?: unknown };
    current = next.cause ?? next.original;
  }
  return null;
}
