// Vitest global setup: one PostgreSQL server for the whole run, handed to test files through
// provide/inject (test/helpers/postgres.ts gives each file a fresh database on it). The server in
// SCRIBE_TEST_POSTGRES_URL when set, otherwise one started here and stopped at the end (ADR 0010).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { checkPostgresUrl, reasonOf, redactPostgresUrl } from '../../src/store/postgres/url.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the run's PostgreSQL server as a user that may create databases. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const given = process.env.SCRIBE_TEST_POSTGRES_URL;
  if (given) {
    await checkGivenServer(given);
    project.provide('postgresAdminUrl', given);
    return;
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresAdminUrl', server.url);
  return () => server.stop();
}

/** Fails the run at once, saying why, rather than every PostgreSQL test one by one. */
export async function checkGivenServer(url: string): Promise<void> {
  const problem = (reason: string) =>
    new Error(`SCRIBE_TEST_POSTGRES_URL (${redactPostgresUrl(url)}) is not usable: ${reason}`);
  try {
    checkPostgresUrl(url);
  } catch (error) {
    throw problem(reasonOf(error));
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ allowed: boolean }>(
      'select rolcreatedb or rolsuper as allowed from pg_roles where rolname = current_user',
    );
    if (!rows[0]?.allowed) throw new Error('its user may not create databases (CREATEDB)');
  } catch (error) {
    throw problem(reasonOf(error));
  } finally {
    await client.end().catch(() => {});
  }
}
