import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';

describe('SQLite migrations in migrations/sqlite/', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scribe-migrations-folder-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('open a database migrated when they sat at migrations/, applying nothing twice', () => {
    // The files moved unchanged; this lays them out as before the move (migrations/*.sql,
    // migrations/meta/) and migrates a file the way the bot did then.
    const before = join(dir, 'migrations');
    cpSync(new URL('../../migrations/sqlite', import.meta.url), before, { recursive: true });
    const path = join(dir, 'scribe.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: before });
    old
      .prepare(
        `insert into incidents (channel_id, title, severity, status, reporter_id, declared_at)
           values ('C0INC', 'Checkout down', 'sev2', 'declared', 'U0A', 1767225600000)`,
      )
      .run();
    const applied = old.prepare('select * from __drizzle_migrations order by id').all();
    old.close();
    const journal = JSON.parse(readFileSync(join(before, 'meta', '_journal.json'), 'utf8'));
    expect(applied).toHaveLength(journal.entries.length);

    const reopened = openDatabase(path);
    try {
      const now = reopened.sqlite.prepare('select * from __drizzle_migrations order by id').all();
      expect(now).toEqual(applied);
      const titles = reopened.sqlite.prepare('select title from incidents').all();
      expect(titles).toEqual([{ title: 'Checkout down' }]);
    } finally {
      reopened.close();
    }
  });
});
