import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { closedPort } from '../helpers/postgres.ts';
import { removeStaleRuns } from './embedded-postgres.ts';
import { checkGivenServer } from './postgres.ts';

describe('SCRIBE_TEST_POSTGRES_URL is checked before any test, with one clear message', () => {
  it("accepts the run's own server", async () => {
    await expect(checkGivenServer(inject('postgresAdminUrl'))).resolves.toBeUndefined();
  });

  it.each([
    ['not a URL', 'localhost:5432', /is not usable: A PostgreSQL URL/],
    ['another scheme', 'http://127.0.0.1:5432/postgres', /is not usable: .*not http:\/\//],
  ])('%s', async (_, url, message) => {
    await expect(checkGivenServer(url)).rejects.toThrow(message);
  });

  it('a server that is not there: says so, without the password', async () => {
    const port = await closedPort();
    const error = await checkGivenServer(`postgres://me:hunter2@127.0.0.1:${port}/postgres`).catch(
      (e: Error) => e,
    );
    expect(String(error)).toContain(
      `SCRIBE_TEST_POSTGRES_URL (postgres://me@127.0.0.1:${port}/postgres) is not usable: `,
    );
    expect(String(error)).toContain('ECONNREFUSED');
    expect(String(error)).not.toContain('hunter2');
  });

  it('a user that may not create databases', async () => {
    const admin = inject('postgresAdminUrl');
    const role = `scribe_test_role_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(8).toString('hex');
    await onServer(admin, `create role ${role} login password '${password}'`);
    try {
      const url = new URL(admin);
      url.username = role;
      url.password = password;
      await expect(checkGivenServer(url.toString())).rejects.toThrow(
        /is not usable: its user may not create databases/,
      );
    } finally {
      await onServer(admin, `drop role ${role}`);
    }
  });
});

describe('stale test servers', () => {
  it('removes the folder of a run whose test runner is gone, and keeps a live one', async () => {
    // A pid that just ended: nothing runs under it now.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = join(tmpdir(), `scribe-test-pg-${gone}-fixture`);
    mkdirSync(join(stale, 'data'), { recursive: true });
    const live = mkdtempSync(join(tmpdir(), `scribe-test-pg-${process.pid}-`));
    try {
      await removeStaleRuns();
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      rmSync(stale, { recursive: true, force: true });
      rmSync(live, { recursive: true, force: true });
    }
  });
});

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('the embedded server leaves the runner its exit code', () => {
  // embedded-postgres's exit hook used to call process.exit(0) on beforeExit, so a run whose tests
  // failed (vitest sets process.exitCode = 1) exited 0 and looked green.
  it('a process that started and stopped it exits with the code it set', () => {
    const script = [
      "import { startEmbeddedPostgres } from './test/setup/embedded-postgres.ts';",
      'const server = await startEmbeddedPostgres();',
      'await server.stop();',
      'process.exitCode = 3;',
    ].join('\n');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { encoding: 'utf8', timeout: 300_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(3);
  }, 300_000);
});
