// A database of its own for a test file, on the run's PostgreSQL server (test/setup/postgres.ts).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';

export interface FreshDatabase {
  /** Connects to the new, empty database as the server's admin user. */
  url: string;
  /** Drops the database, closing any connection still open to it (idempotent). */
  drop(): Promise<void>;
}

/** Creates an empty database with a random name: files running at once never share data. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const admin = inject('postgresAdminUrl');
  const name = `scribe_test_${randomBytes(6).toString('hex')}`;
  await onServer(admin, `create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () => {
      dropped ??= onServer(admin, `drop database if exists ${name} with (force)`);
      return dropped;
    },
  };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A loopback port nothing listens on: one the system just handed out and took back. */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
