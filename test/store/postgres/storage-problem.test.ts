import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../src/store/postgres/db.ts';
import { people } from '../../../src/store/postgres/schema.ts';
import { postgresStorageProblem } from '../../../src/store/postgres/storage-problem.ts';
import { closedPort, type FreshDatabase, freshDatabase } from '../../helpers/postgres.ts';

// Each error is provoked on a real server where that is cheap; the rest are pg's own error class
// carrying the code the server would send.

let database: FreshDatabase;
const clients: pg.Client[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  const setup = await connected();
  await setup.query('create table items (id int primary key, name text)');
  await setup.query("insert into items values (1, 'one')");
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => {})));
});

afterAll(() => database.drop());

async function connected(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.url });
  // A session the server ends reports it here too; the test reads the failed query instead.
  client.on('error', () => {});
  clients.push(client);
  await client.connect();
  return client;
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected the database to refuse');
    },
    (error: unknown) => error,
  );
}

function serverError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError(`server said ${code}`, 0, 'error');
  error.code = code;
  return error;
}

describe('postgresStorageProblem', () => {
  it('reads a refused connection as the server out of reach, also wrapped by openPostgres', async () => {
    const port = await closedPort();
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'scribe', database: 'scribe' });
    client.on('error', () => {});
    expect(postgresStorageProblem(await failure(client.connect()))).toBe('unavailable');
    const opening = openPostgres(`postgres://scribe@127.0.0.1:${port}/scribe`, {
      maxConnections: 1,
    });
    expect(postgresStorageProblem(await failure(opening))).toBe('unavailable');
  });

  it('reads a session the server ended, and the dead connection after it, as out of reach', async () => {
    const client = await connected();
    const ended = await failure(client.query('select pg_terminate_backend(pg_backend_pid())'));
    expect(ended).toMatchObject({ code: '57P01' });
    expect(postgresStorageProblem(ended)).toBe('unavailable');
    expect(postgresStorageProblem(await failure(client.query('select 1')))).toBe('unavailable');
  });

  it.each([
    'timeout exceeded when trying to connect',
    'Connection terminated due to connection timeout',
    'Connection terminated unexpectedly',
  ])('reads pg\'s own "%s" (a plain Error, no code) as out of reach', (message) => {
    expect(postgresStorageProblem(new Error(message))).toBe('unavailable');
  });

  it('reads a write in a read-only transaction as read-only, also through drizzle', async () => {
    const client = await connected();
    await client.query('begin');
    await client.query('set transaction read only');
    const refused = await failure(client.query("insert into items values (2, 'two')"));
    await client.query('rollback');
    expect(refused).toMatchObject({ code: '25006' });
    expect(postgresStorageProblem(refused)).toBe('readonly');

    const opened = await openPostgres(database.url, { maxConnections: 1 });
    try {
      const write = opened.db.transaction(async (tx) => {
        await tx.execute(sql`set transaction read only`);
        await tx.insert(people).values({ id: 'U1', name: 'Ann', tz: null, fetchedAt: 0 });
      });
      expect(postgresStorageProblem(await failure(write))).toBe('readonly');
    } finally {
      await opened.close();
    }
  });

  it('reads a row lock not granted within lock_timeout as busy', async () => {
    const holder = await connected();
    const waiter = await connected();
    await holder.query('begin');
    await holder.query('select * from items where id = 1 for update');
    // The lock is held until after the assertion, so the timeout always expires.
    await waiter.query("set lock_timeout = '50ms'");
    const refused = await failure(waiter.query('select * from items where id = 1 for update'));
    await holder.query('rollback');
    expect(refused).toMatchObject({ code: '55P03' });
    expect(postgresStorageProblem(refused)).toBe('busy');
  });

  it('reads a serialization failure (a row changed since the snapshot) as busy', async () => {
    const reader = await connected();
    const writer = await connected();
    await reader.query('begin isolation level repeatable read');
    await reader.query('select * from items where id = 1');
    await writer.query("update items set name = 'uno' where id = 1");
    const refused = await failure(reader.query("update items set name = 'eins' where id = 1"));
    await reader.query('rollback');
    expect(refused).toMatchObject({ code: '40001' });
    expect(postgresStorageProblem(refused)).toBe('busy');
  });

  it.each([
    ['53100', 'full'],
    ['40P01', 'busy'],
    ['53300', 'unavailable'],
    ['57P02', 'unavailable'],
    ['57P03', 'unavailable'],
    ['08006', 'unavailable'],
    ['08001', 'unavailable'],
  ])('reads the server code %s as %s', (code, problem) => {
    expect(postgresStorageProblem(serverError(code))).toBe(problem);
    expect(postgresStorageProblem(new Error('wrapped', { cause: serverError(code) }))).toBe(
      problem,
    );
  });

  it('reads errors that are not about storage as none', async () => {
    const client = await connected();
    const duplicate = await failure(client.query("insert into items values (1, 'again')"));
    expect(duplicate).toMatchObject({ code: '23505' });
    expect(postgresStorageProblem(duplicate)).toBeNull();
    expect(postgresStorageProblem(await failure(client.query('selec 1')))).toBeNull();
    // SQLite's full disk is the other engine's to read; our own shutdown is no server fault.
    expect(postgresStorageProblem(new Database.SqliteError('full', 'SQLITE_FULL'))).toBeNull();
    expect(postgresStorageProblem(new Error('Client was closed and is not queryable'))).toBeNull();
    expect(postgresStorageProblem(Object.assign(new Error('x'), { code: '25006' }))).toBeNull();
    expect(postgresStorageProblem('ECONNREFUSED')).toBeNull();
    expect(postgresStorageProblem(null)).toBeNull();
    const looped: Error & { cause?: unknown } = new Error('looped');
    looped.cause = looped;
    expect(postgresStorageProblem(looped)).toBeNull();
  });
});
