import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.ts';
import { scribe } from '../helpers/run-scribe.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scribe-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a backup through a connection of its own, as a restore would. */
function inspect(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const all = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeyProblems: all('pragma foreign_key_check'),
      incidents: all('select id from incidents order by id'),
      withoutDeclaration: all(
        `select i.id from incidents i where not exists
           (select 1 from incident_events e where e.incident_id = i.id and e.kind = 'declared')`,
      ),
    };
  } finally {
    db.close();
  }
}

describe('scribe backup while the bot is writing', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('copies a consistent snapshot holding every row committed before it started', async () => {
    h = await startHarness();
    h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann' });
    let started = 0;
    const startIncident = async () => {
      const channelId = `CBACKUP${String(started).padStart(3, '0')}`;
      started += 1;
      h.slack.addChannel({ id: channelId, name: `inc-backup-${started}` });
      await h.command({ userId: 'UANN', channelId, command: '/incident', text: 'start Load' });
    };
    for (let i = 0; i < 5; i++) await startIncident();
    await h.slack.waitFor(() => h.count('incidents') === 5, 10_000);
    const committed = h.count('incidents');

    // The bot keeps declaring incidents (each one a row and its event, in one transaction)
    // for as long as the backup runs.
    const target = join(dir, 'live.db');
    const backup = scribe(['backup', target], { DATABASE_PATH: h.dbPath });
    let done = false;
    void backup.then(() => {
      done = true;
    });
    while (!done) await startIncident();
    const run = await backup;

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // No temporary file or SQLite side file is left beside the backup.
    expect(readdirSync(dir).filter((f) => f.includes('live'))).toEqual(['live.db']);
    const copy = inspect(target);
    expect(copy.integrity).toBe('ok');
    expect(copy.foreignKeyProblems).toEqual([]);
    expect(copy.withoutDeclaration).toEqual([]);
    expect(copy.incidents.length).toBeGreaterThanOrEqual(committed);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Backed up .*scribe\\.db to .*live\\.db: \\d+ bytes \\(\\d+ pages\\), ${copy.incidents.length} incidents; integrity check ok\\.\\n$`,
      ),
    );

    // The copy is a database the CLI reads like the original.
    const exported = await scribe(['export', '1'], { DATABASE_PATH: target });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('# Post-mortem (draft): Load');
  }, 60_000);
});

describe('scribe backup refusals write nothing', () => {
  let source: string;
  beforeAll(() => {
    source = join(dir, 'source.db');
    const db = new Database(source);
    db.exec('create table incidents (id integer primary key)');
    db.exec('insert into incidents default values');
    db.close();
  });

  /** Every file in the test folder, with its bytes, to show a refusal changed nothing. */
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(dir).map((f) => [f, readFileSync(join(dir, f)).toString('hex')]),
    );

  it.each([
    ['no database', ['backup', 'copy.db'], 'missing.db', 1, 'No database at '],
    ['no file named', ['backup'], 'source.db', 2, 'backup needs a file to write the copy to.'],
    ['two files', ['backup', 'a.db', 'b.db'], 'source.db', 2, 'Unexpected argument'],
    ['an unknown option', ['backup', 'a.db', '--overwrite'], 'source.db', 2, "'--overwrite'"],
    ['no such folder', ['backup', 'nowhere/a.db'], 'source.db', 1, 'the folder'],
    ['the database itself', ['backup', 'source.db'], 'source.db', 2, 'cannot be DATABASE_PATH'],
    ['a folder as database', ['backup', 'a.db'], '.', 1, 'is a folder, not the SQLite file'],
  ] as const)('refuses %s', async (_, args, database, code, message) => {
    const before = snapshot();
    const run = await scribe(
      args.map((a) => (a.endsWith('.db') ? join(dir, a) : a)),
      { DATABASE_PATH: join(dir, database) },
    );
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(snapshot()).toEqual(before);
  });

  it('refuses to overwrite a backup unless --force, and with --force replaces it', async () => {
    const target = join(dir, 'existing.db');
    writeFileSync(target, 'an older backup');
    const refused = await scribe(['backup', target], { DATABASE_PATH: source });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `${target} already exists; choose another name or add --force.`,
    );
    expect(readFileSync(target, 'utf8')).toBe('an older backup');

    const forced = await scribe(['backup', target, '--force'], { DATABASE_PATH: source });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('1 incident;');
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('select count(*) as n from incidents').get()).toEqual({ n: 1 });
    copy.close();
  });

  it('refuses a file that is not a database and leaves no partial copy', async () => {
    const notDb = join(dir, 'notes.txt');
    writeFileSync(notDb, 'not a database at all, just some notes');
    const before = snapshot();
    const run = await scribe(['backup', join(dir, 'from-notes.db')], { DATABASE_PATH: notDb });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not a database');
    expect(snapshot()).toEqual(before);
  });
});
