import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { problemsOf, valid } from './helpers/config-env.ts';
import { secretFiles } from './helpers/secret-files.ts';

const URL_WITH_PASSWORD = 'postgres://scribe:pa55-w0rd-secret@db.internal:5432/scribe';

describe('loadConfig: which database', () => {
  it('opens SQLite at DATABASE_PATH while DATABASE_URL is unset or blank', () => {
    expect(loadConfig({ ...valid, DATABASE_PATH: '/var/lib/scribe/s.db' }).database).toEqual({
      engine: 'sqlite',
      path: '/var/lib/scribe/s.db',
    });
    expect(loadConfig({ ...valid, DATABASE_URL: '  ' }).database).toEqual({
      engine: 'sqlite',
      path: './data/scribe.db',
    });
  });

  it('selects PostgreSQL with DATABASE_URL, either scheme, with a pool of 10 by default', () => {
    expect(loadConfig({ ...valid, DATABASE_URL: URL_WITH_PASSWORD }).database).toEqual({
      engine: 'postgres',
      url: URL_WITH_PASSWORD,
      poolSize: 10,
    });
    const other = 'postgresql://db.internal/scribe';
    expect(
      loadConfig({ ...valid, DATABASE_URL: other, DATABASE_POOL_SIZE: '25' }).database,
    ).toEqual({ engine: 'postgres', url: other, poolSize: 25 });
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, never quoting it', () => {
    for (const url of [
      'mysql://scribe:pa55-w0rd-secret@db.internal/scribe',
      'pa55-w0rd-secret',
      'sqlite:./data/pa55-w0rd-secret.db',
    ]) {
      const problems = problemsOf({ ...valid, DATABASE_URL: url });
      expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL is not usable: /)]);
      expect(problems.join('\n')).not.toContain('pa55-w0rd-secret');
    }
  });

  it('wants DATABASE_POOL_SIZE as a whole number from 1 to 100', () => {
    for (const size of ['0', '101', '-3', 'ten', '2.5']) {
      expect(
        problemsOf({ ...valid, DATABASE_URL: URL_WITH_PASSWORD, DATABASE_POOL_SIZE: size }),
      ).toEqual(['DATABASE_POOL_SIZE must be a whole number from 1 to 100']);
    }
    expect(
      loadConfig({ ...valid, DATABASE_URL: URL_WITH_PASSWORD, DATABASE_POOL_SIZE: '100' }).database,
    ).toMatchObject({ poolSize: 100 });
  });

  it('collects a bad database setting together with every other problem', () => {
    expect(problemsOf({ DATABASE_URL: 'http://db', DATABASE_POOL_SIZE: '0' })).toEqual([
      'SLACK_BOT_TOKEN is required (a bot token starting with xoxb-)',
      'SLACK_SIGNING_SECRET is required in HTTP mode (Basic Information → Signing Secret)',
      'DATABASE_URL is not usable: A PostgreSQL URL starts with postgres:// or postgresql://, not http://',
      'DATABASE_POOL_SIZE must be a whole number from 1 to 100',
    ]);
  });
});

describe('loadConfig: DATABASE_URL_FILE', () => {
  const { file: secretFile, folder } = secretFiles('scribe-db-secret-');

  it('reads the URL from the file, without the trailing newline', () => {
    const path = secretFile('url', `${URL_WITH_PASSWORD}\n`);
    expect(loadConfig({ ...valid, DATABASE_URL_FILE: path }).database).toEqual({
      engine: 'postgres',
      url: URL_WITH_PASSWORD,
      poolSize: 10,
    });
  });

  it('refuses the URL set both ways, and a missing or empty file, never quoting the URL', () => {
    const path = secretFile('both', `${URL_WITH_PASSWORD}\n`);
    expect(
      problemsOf({ ...valid, DATABASE_URL: URL_WITH_PASSWORD, DATABASE_URL_FILE: path }),
    ).toEqual(['Set DATABASE_URL or DATABASE_URL_FILE, not both']);
    const missing = join(folder(), 'not-there');
    expect(problemsOf({ ...valid, DATABASE_URL_FILE: missing })).toEqual([
      `DATABASE_URL_FILE: cannot read ${missing} (ENOENT)`,
    ]);
    const empty = secretFile('empty', '\n');
    expect(problemsOf({ ...valid, DATABASE_URL_FILE: empty })).toEqual([
      `DATABASE_URL_FILE: ${empty} is empty`,
    ]);
  });

  it('checks a URL read from a file like one set directly, without echoing it', () => {
    const path = secretFile('wrong', 'mysql://u:pa55-w0rd-secret@h/db\n');
    const problems = problemsOf({ ...valid, DATABASE_URL_FILE: path });
    expect(problems).toEqual([
      'DATABASE_URL is not usable: A PostgreSQL URL starts with postgres:// or postgresql://, not mysql://',
    ]);
    expect(problems.join('\n')).not.toContain('pa55-w0rd-secret');
  });
});
