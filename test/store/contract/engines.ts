// The contract suite runs every Store operation against each engine behind the port: the same
// test body, a fresh store per test, real migrations on a real SQLite file and a real PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from '../../../src/store/db.ts';
import { createStore } from '../../../src/store/index.ts';
import { openPostgres } from '../../../src/store/postgres/db.ts';
import { createPostgresStore } from '../../../src/store/postgres/index.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import { freshDatabase } from '../../helpers/postgres.ts';

export interface OpenedEngine {
  store: Store;
  /**
   * Runs one statement with `$1`-style parameters on either engine: tests seed the columns whose
   * store operations belong to other features (tags, category, post-mortem state).
   */
  sql(statement: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedEngine>;
}

export const ENGINES: readonly Engine[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'scribe-contract-'));
      const opened = openDatabase(join(dir, 'scribe.db'));
      return {
        store: createStore(opened.db),
        sql: async (statement, params = []) => {
          opened.db.$client.prepare(statement.replace(/\$\d+/g, '?')).run(...(params as never[]));
        },
        async close() {
          opened.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await freshDatabase();
      const opened = await openPostgres(database.url, { maxConnections: 4 });
      return {
        store: createPostgresStore(opened.db),
        sql: async (statement, params = []) => {
          await opened.db.$client.query(statement, params);
        },
        async close() {
          await opened.close();
          await database.drop();
        },
      };
    },
  },
];

/** Opens a fresh `engine` before each test (handed to `use`) and closes it after. */
export function freshEnginePerTest(engine: Engine, use: (opened: OpenedEngine) => void): void {
  let opened: OpenedEngine | undefined;
  beforeEach(async () => {
    opened = await engine.open();
    use(opened);
  });
  afterEach(() => opened?.close());
}

/** Opens a fresh store of `engine` before each test (handed to `use`) and closes it after. */
export function freshStorePerTest(engine: Engine, use: (store: Store) => void): void {
  freshEnginePerTest(engine, (opened) => use(opened.store));
}
