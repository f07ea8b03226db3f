import type { DatabaseSettings } from '../database-config.ts';
import type { Logger } from '../logger.ts';
import type { StorageProblem } from '../usecases/ports.ts';
import type { Store } from '../usecases/store-port.ts';
import { type OpenedDb, openDatabase, storageProblem } from './db.ts';
import { createStore } from './index.ts';
import { redactPostgresUrl } from './postgres/url.ts';
import { startWalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer.ts';

/** The configured store, opened (and migrated), whichever engine is behind it. */
export interface OpenedStore {
  engine: DatabaseSettings['engine'];
  store: Store;
  /** Resolves when the database answers a trivial query; rejects otherwise (for /healthz). */
  ping(): Promise<void>;
  /** SQLite: folds the WAL into the file, then closes; PostgreSQL: ends the pool. Idempotent. */
  close(): Promise<void>;
  /** For logs and messages: the SQLite path, or the URL without its password. */
  describe: string;
  /** The SQLite connection itself (pragmas are per connection); null on PostgreSQL. */
  sqlite: OpenedDb | null;
  /** This engine's reading of a failed write (each driver fails in its own words), for replies. */
  storageProblem: (error: unknown) => StorageProblem | null;
}

export interface OpenStoreOptions {
  /** SQLite: how long a write waits for another connection's lock. */
  busyTimeoutMs?: number;
  /**
   * PostgreSQL: where a dropped idle connection is reported (the pool replaces it). SQLite: where
   * a failed WAL checkpointer is reported.
   */
  logger?: Logger;
  /**
   * SQLite in a file: checkpoint the WAL on a thread of its own while the store is open (the
   * running bot, ADR 0018); the options are for tests. Elsewhere SQLite checkpoints by itself.
   */
  walCheckpointer?: boolean | Omit<WalCheckpointerOptions, 'logger'>;
}

export async function openStore(
  settings: DatabaseSettings,
  options: OpenStoreOptions = {},
): Promise<OpenedStore> {
  if (settings.engine === 'sqlite') {
    const opened = openDatabase(settings.path, {
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    });
    const { walCheckpointer, logger } = options;
    const checkpointer =
      walCheckpointer && !opened.sqlite.memory
        ? startWalCheckpointer(opened.sqlite, {
            ...(walCheckpointer === true ? {} : walCheckpointer),
            ...(logger ? { logger } : {}),
          })
        : null;
    return {
      engine: 'sqlite',
      store: createStore(opened.db),
      ping: async () => {
        opened.sqlite.prepare('select 1').get();
      },
      // The thread's connection is closed first: the final checkpoint is then the last one's.
      close: async () => {
        await checkpointer?.stop();
        opened.checkpointAndClose();
      },
      describe: settings.path,
      sqlite: opened,
      storageProblem,
    };
  }
  // Loaded only here: a SQLite install never loads the driver or the PostgreSQL store.
  const [{ openPostgres }, { createPostgresStore }, { postgresStorageProblem }] = await Promise.all(
    [
      import('./postgres/db.ts'),
      import('./postgres/index.ts'),
      import('./postgres/storage-problem.ts'),
    ],
  );
  const { logger } = options;
  const opened = await openPostgres(settings.url, {
    maxConnections: settings.poolSize,
    onIdleClientError: (error) =>
      logger?.warn({ err: error }, 'PostgreSQL dropped an idle connection; the pool opens another'),
  });
  return {
    engine: 'postgres',
    store: createPostgresStore(opened.db),
    ping: async () => {
      await opened.pool.query('select 1');
    },
    close: () => opened.close(),
    describe: redactPostgresUrl(settings.url),
    sqlite: null,
    storageProblem: postgresStorageProblem,
  };
}
