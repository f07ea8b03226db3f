import { existsSync, realpathSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { count, type SQL, sql, type Table } from 'drizzle-orm';
import { messageOf } from '../import/export-error.ts';
import { openDatabase } from '../store/db.ts';
import { createStore } from '../store/index.ts';
import { checkPostgresUrl, redactPostgresUrl } from '../store/postgres/url.ts';
import type { Store } from '../usecases/store-port.ts';
import { type Engine, type PlannedTable, planFor } from './copy-plan.ts';
import { checkNotFolder } from './database.ts';
import { checkOutPath } from './export.ts';
import { CliError } from './usage.ts';

/** One side of a copy, as named on the command line. */
export type EndSpec = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export type Row = Record<string, unknown>;

/** The part of drizzle's query builder copy uses; the same on both engines' databases. */
export interface QueryDb {
  select(fields?: Record<string, unknown>): {
    from(table: Table): SelectQuery;
  };
  insert(table: Table): { values(rows: Row[]): PromiseLike<unknown> };
}

interface SelectQuery extends PromiseLike<Row[]> {
  where(condition: SQL | undefined): SelectQuery;
  orderBy(...columns: unknown[]): SelectQuery;
  limit(rows: number): PromiseLike<Row[]>;
}

export interface OpenedEnd {
  spec: EndSpec;
  /** For messages: the SQLite path, or the URL without its password. */
  describe: string;
  plan: PlannedTable[];
  store: Store;
  db: QueryDb;
  /** Runs `work` over one consistent view of the whole database. */
  reading<T>(work: (db: QueryDb) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction that no other writer can enter, and commits only if it
   * succeeds: a failed copy leaves nothing behind.
   */
  writing<T>(work: (db: QueryDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]+:\/\//i;

/** A postgres:// URL, anything else with a scheme refused (never echoed), else a SQLite file. */
export function parseEnd(flag: '--from' | '--to', value: string): EndSpec {
  if (!URL_LIKE.test(value)) return { engine: 'sqlite', path: value };
  try {
    checkPostgresUrl(value);
  } catch (error) {
    throw new CliError(`${flag} is not usable: ${messageOf(error)}`, 2);
  }
  return { engine: 'postgres', url: value };
}

export function describeEnd(spec: EndSpec): string {
  return spec.engine === 'sqlite' ? spec.path : redactPostgresUrl(spec.url);
}

export const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Whether both name one database: the same file, or the same server and database name. */
export function sameEnd(a: EndSpec, b: EndSpec): boolean {
  if (a.engine === 'sqlite' && b.engine === 'sqlite') return fileKey(a.path) === fileKey(b.path);
  if (a.engine === 'postgres' && b.engine === 'postgres')
    return serverKey(a.url) === serverKey(b.url);
  return false;
}

function fileKey(path: string): string {
  return existsSync(path) ? realpathSync(path) : resolve(path);
}

function serverKey(url: string): string {
  const parsed = new URL(url);
  // Without a database in the path, PostgreSQL connects to the one named like the user.
  const database = decodeURIComponent(parsed.pathname.slice(1)) || parsed.username;
  return `${parsed.hostname.toLowerCase()}:${parsed.port || '5432'}/${database}`;
}

/** Checks made before anything is opened, so that a refusal creates no file. */
export function checkEnds(from: EndSpec, to: EndSpec): void {
  if (sameEnd(from, to)) {
    throw new CliError(`--from and --to name the same database (${describeEnd(from)}).`, 2);
  }
  if (from.engine === 'sqlite') {
    if (!existsSync(from.path)) {
      throw new CliError(`No SQLite database at ${from.path} to copy from.`, 1);
    }
    checkNotFolder(from.path);
  }
  if (to.engine === 'sqlite') checkOutPath(to.path);
}

/** Opens one end with its engine's migrations applied (a new target gets its schema). */
export async function openEnd(spec: EndSpec): Promise<OpenedEnd> {
  return spec.engine === 'sqlite' ? openSqliteEnd(spec.path) : openPostgresEnd(spec.url);
}

function openSqliteEnd(path: string): OpenedEnd {
  // Before opening: a refused plan must not leave a new, empty file behind.
  const plan = planFor('sqlite');
  const existed = existsSync(path);
  let opened: ReturnType<typeof openDatabase>;
  try {
    opened = openDatabase(path);
  } catch (error) {
    throw new CliError(`Cannot open the database ${path}: ${messageOf(error)}`, 1);
  }
  const { sqlite } = opened;
  const db = opened.db as unknown as QueryDb;
  let wroteAll = false;
  // better-sqlite3 runs one statement at a time on this connection, and nothing else in this
  // process uses it: a transaction may stay open across the awaits of reading the other end.
  const within = async <T>(begin: string, work: (db: QueryDb) => Promise<T>): Promise<T> => {
    sqlite.exec(begin);
    try {
      const result = await work(db);
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  };
  return {
    spec: { engine: 'sqlite', path },
    describe: path,
    plan,
    store: createStore(opened.db),
    db,
    reading: (work) => within('BEGIN', work),
    writing: async (work) => {
      // IMMEDIATE: a bot still writing to this file is refused now, not halfway through.
      const result = await within('BEGIN IMMEDIATE', work);
      wroteAll = true;
      return result;
    },
    close: async () => {
      opened.checkpointAndClose();
      // A file this copy created and could not fill is removed, so the next try starts clean.
      if (!existed && !wroteAll) {
        for (const suffix of ['', '-wal', '-shm', '-journal'])
          rmSync(path + suffix, { force: true });
      }
    },
  };
}

async function openPostgresEnd(url: string): Promise<OpenedEnd> {
  // Loaded only here: copying between SQLite files never loads the driver.
  const [{ openPostgres }, { createPostgresStore }] = await Promise.all([
    import('../store/postgres/db.ts'),
    import('../store/postgres/index.ts'),
  ]);
  const plan = planFor('postgres');
  let opened: Awaited<ReturnType<typeof openPostgres>>;
  try {
    // Two connections: the copy's transaction, and the store the verification reads through.
    opened = await openPostgres(url, { maxConnections: 2 });
  } catch (error) {
    // openPostgres names the server without its password, and says why.
    throw new CliError(messageOf(error), 1);
  }
  const { db } = opened;
  return {
    spec: { engine: 'postgres', url },
    describe: redactPostgresUrl(url),
    plan,
    store: createPostgresStore(db),
    db: db as unknown as QueryDb,
    reading: (work) =>
      db.transaction((tx) => work(tx as unknown as QueryDb), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      }),
    writing: (work) =>
      db.transaction(async (tx) => {
        // Readers may go on; a bot writing here waits until the copy commits or rolls back.
        const names = sql.join(
          plan.map((t) => sql.identifier(t.name)),
          sql`, `,
        );
        await tx.execute(sql`lock table ${names} in exclusive mode`);
        const result = await work(tx as unknown as QueryDb);
        await resetSequences(tx, plan);
        return result;
      }),
    close: () => opened.close(),
  };
}

interface Executor {
  execute(query: SQL): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** Ids were copied as they were: each identity or serial sequence moves past the largest one. */
async function resetSequences(tx: Executor, plan: readonly PlannedTable[]): Promise<void> {
  const names = plan.map((t) => t.name);
  const { rows } = await tx.execute(sql`
    select table_name, column_name,
           pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
      from information_schema.columns
     where table_schema = current_schema()
       and table_name in (${sql.join(
         names.map((n) => sql`${n}`),
         sql`, `,
       )})
       and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`);
  for (const row of rows) {
    const table = sql.identifier(String(row.table_name));
    const column = sql.identifier(String(row.column_name));
    await tx.execute(
      sql`select setval(${String(row.sequence)}::regclass, coalesce(max(${column}), 0) + 1, false) from ${table}`,
    );
  }
}

/** Rows in each table, in plan order. */
export async function countRows(db: QueryDb, plan: readonly PlannedTable[]): Promise<number[]> {
  const counts: number[] = [];
  for (const { table } of plan) {
    const [row] = await db.select({ n: count() }).from(table);
    counts.push(Number(row?.n ?? 0));
  }
  return counts;
}
