import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type OpenedPostgres,
  openPostgres,
  POSTGRES_MIGRATIONS,
} from '../../../src/store/postgres/db.ts';
import { closedPort, type FreshDatabase, freshDatabase } from '../../helpers/postgres.ts';

const JOURNAL = JSON.parse(
  readFileSync(join(POSTGRES_MIGRATIONS, 'meta', '_journal.json'), 'utf8'),
);
const MIGRATION_COUNT: number = JOURNAL.entries.length;

const opened: OpenedPostgres[] = [];
const databases: FreshDatabase[] = [];

async function open(url: string, maxConnections = 4): Promise<OpenedPostgres> {
  const store = await openPostgres(url, { maxConnections });
  opened.push(store);
  return store;
}

async function fresh(): Promise<FreshDatabase> {
  const database = await freshDatabase();
  databases.push(database);
  return database;
}

/** What drizzle's migrator recorded: one row per applied migration. */
async function appliedMigrations(store: OpenedPostgres) {
  const { rows } = await store.pool.query(
    'select id, hash, created_at from drizzle.__drizzle_migrations order by id',
  );
  return rows;
}

const TABLES = `select table_name from information_schema.tables
  where table_schema = 'public' order by table_name`;

async function tablesOf(store: OpenedPostgres): Promise<string[]> {
  const { rows } = await store.pool.query<{ table_name: string }>(TABLES);
  return rows.map((row) => row.table_name);
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

afterAll(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

describe('openPostgres', () => {
  it('applies the migrations to a fresh database, and a second open applies nothing', async () => {
    const { url } = await fresh();
    const first = await open(url);
    expect(await tablesOf(first)).toContain('incidents');
    const applied = await appliedMigrations(first);
    expect(applied).toHaveLength(MIGRATION_COUNT);
    await first.pool.query(
      `insert into incidents (channel_id, title, severity, status, reporter_id, declared_at)
         values ('C0INC', 'Checkout down', 'sev2', 'declared', 'U0A', 1767225600000)`,
    );
    await first.close();

    const second = await open(url);
    expect(await appliedMigrations(second)).toEqual(applied);
    const { rows } = await second.pool.query('select title, declared_at from incidents');
    expect(rows).toEqual([{ title: 'Checkout down', declared_at: '1767225600000' }]);
  });

  it('lets two replicas open a fresh database at once: both succeed, the migrations run once', async () => {
    const { url } = await fresh();
    const [a, b] = await Promise.all([open(url), open(url)]);
    expect(await appliedMigrations(a)).toHaveLength(MIGRATION_COUNT);
    expect(await tablesOf(b)).toEqual(await tablesOf(a));
  });

  it('reads timestamps and flags back as numbers and booleans through drizzle', async () => {
    const { url } = await fresh();
    const store = await open(url);
    const { incidents } = await import('../../../src/store/postgres/schema.ts');
    // Past 2^31 ms (1970-01-25) a 32-bit column would overflow; this is 2026.
    const [row] = await store.db
      .insert(incidents)
      .values({
        channelId: 'C0INC',
        title: 'Checkout down',
        severity: 'sev2',
        status: 'declared',
        reporterId: 'U0A',
        declaredAt: 1_767_225_600_000,
      })
      .returning();
    expect(row).toMatchObject({ id: 1, declaredAt: 1_767_225_600_000, isPrivate: false });
  });

  it('never holds more connections than maxConnections: a third caller waits its turn', async () => {
    const { url } = await fresh();
    const store = await open(url, 2);
    const held = [await store.pool.connect(), await store.pool.connect()];
    const third = store.pool.connect();
    await vi.waitFor(() => expect(store.pool.waitingCount).toBe(1), { timeout: 30_000 });
    expect(await serverConnections(url)).toBe(2);
    held[0]?.release();
    (await third).release();
    held[1]?.release();
  });

  it('survives the server dropping an idle connection, and reports it', async () => {
    const { url } = await fresh();
    const dropped: Error[] = [];
    const store = await openPostgres(url, {
      maxConnections: 2,
      onIdleClientError: (error) => dropped.push(error),
    });
    opened.push(store);
    await store.pool.query('select 1');
    await onDatabase(
      url,
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = 'incident-scribe'`,
    );
    await vi.waitFor(() => expect(dropped).toHaveLength(1), { timeout: 30_000 });
    const { rows } = await store.pool.query('select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('can be closed twice', async () => {
    const { url } = await fresh();
    const store = await open(url);
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});

/** Connections this app holds to the database, as the server counts them. */
async function serverConnections(url: string): Promise<number> {
  const { rows } = await onDatabase(
    url,
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name = 'incident-scribe'`,
  );
  return rows[0].n;
}

async function onDatabase(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('openPostgres refuses bad input with a clear error', () => {
  let url: string;
  beforeAll(async () => {
    url = (await fresh()).url;
  });

  it.each([
    ['not a URL', 'not a url', /must look like postgres:\/\//],
    ['another scheme', 'mysql://root:secret@127.0.0.1/scribe', /not mysql:\/\//],
  ])('%s', async (_, bad, message) => {
    await expect(openPostgres(bad, { maxConnections: 2 })).rejects.toThrow(message);
  });

  it.each([0, -1, 1.5, Number.NaN])('maxConnections %s', async (max) => {
    await expect(openPostgres(url, { maxConnections: max })).rejects.toThrow(
      /maxConnections must be a whole number of at least 1/,
    );
    expect(await serverConnections(url)).toBe(0);
    expect((await onDatabase(url, TABLES)).rows).toEqual([]);
  });

  it('a server that is not there: says where and why, never the password', async () => {
    const port = await closedPort();
    // localhost: Node tries both addresses and reports an AggregateError without a message.
    const error = await openPostgres(`postgres://scribe:s3cret-pw@localhost:${port}/scribe`, {
      maxConnections: 2,
    }).catch((e: Error) => e);
    expect(String(error)).toContain(
      `Could not open PostgreSQL at postgres://scribe@localhost:${port}/scribe: `,
    );
    expect(String(error)).toContain('ECONNREFUSED');
    expect(String(error)).not.toContain('s3cret-pw');
  });

  it('a wrong password: the server says so, and the password is not repeated', async () => {
    const wrong = new URL(url);
    wrong.password = 'not-the-password';
    const error = await openPostgres(wrong.toString(), { maxConnections: 2 }).catch(
      (e: Error) => e,
    );
    expect(String(error)).toMatch(/password authentication failed/);
    expect(String(error)).not.toContain('not-the-password');
  });

  it('a database that does not exist: named in the error, nothing created', async () => {
    const missing = new URL(url);
    missing.pathname = '/scribe_no_such_database';
    await expect(openPostgres(missing.toString(), { maxConnections: 2 })).rejects.toThrow(
      /database "scribe_no_such_database" does not exist/,
    );
  });
});
