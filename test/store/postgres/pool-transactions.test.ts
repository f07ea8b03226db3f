import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenedPostgres, openPostgres } from '../../../src/store/postgres/db.ts';
import { type FreshDatabase, freshDatabase } from '../../helpers/postgres.ts';

// A transaction whose connection the server ended between the checkout and BEGIN (a failover,
// an administrator, a read-only switch) must give the connection back: drizzle's own kept it, so
// the pool lost the slot for good and ending the pool (stopping the bot) waited for ever.

let database: FreshDatabase;
let opened: OpenedPostgres;

beforeAll(async () => {
  database = await freshDatabase();
  // One connection: a slot lost would make the next transaction wait, then fail to connect.
  opened = await openPostgres(database.url, { maxConnections: 1, connectTimeoutMs: 5_000 });
});

afterAll(async () => {
  await opened?.close();
  await database?.drop();
});

const selectOne = () =>
  opened.db.transaction(async (tx) => (await tx.execute(sql`select 1 as one`)).rows);

it('releases a connection that died before BEGIN, so the pool keeps its slot and can end', async () => {
  expect(await selectOne()).toEqual([{ one: 1 }]);
  // The next checkout's connection dies at once, before drizzle sends BEGIN on it.
  opened.pool.once('acquire', (client: pg.PoolClient) => {
    (
      client as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy();
  });
  await expect(selectOne()).rejects.toThrow();
  expect(await selectOne()).toEqual([{ one: 1 }]);
  expect(opened.pool.totalCount).toBe(1);
  expect(opened.pool.idleCount).toBe(1);
});

it('keeps a connection the server only refused a statement on', async () => {
  const pid = async () =>
    Number(
      (await opened.db.transaction(async (tx) => tx.execute(sql`select pg_backend_pid() as pid`)))
        .rows[0]?.pid,
    );
  const before = await pid();
  await expect(
    opened.db.transaction(async (tx) => {
      await tx.execute(sql`select 1 / 0`);
    }),
  ).rejects.toThrow();
  expect(await pid()).toBe(before);
  expect(opened.pool.totalCount).toBe(1);
});

it('ends the pool once every transaction is done', async () => {
  await opened.close();
  expect(opened.pool.totalCount).toBe(0);
});
