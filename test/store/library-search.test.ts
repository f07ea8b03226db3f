import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { ANY_INCIDENT, type IncidentQuery } from '../../src/usecases/library-port.ts';
import { at } from '../domain/builders.ts';
import { storedIncident } from '../helpers/store.ts';
import { deleted, edited, posted } from './contract/incident-fixtures.ts';

// SQLite's message index (migration 0012, an FTS5 table over `messages`): filled from the messages
// already stored when it is added, and kept whole by its triggers through edits and deletions.

const ANY: IncidentQuery = ANY_INCIDENT;

describe('the message search index on SQLite', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scribe-library-search-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('indexes the messages stored before it existed', async () => {
    // The migrations as they were before 0012, applied to a file that then holds a message.
    const before = join(dir, 'migrations');
    cpSync(new URL('../../migrations/sqlite', import.meta.url), before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx < 12);
    writeFileSync(journalPath, JSON.stringify(journal));
    const path = join(dir, 'scribe.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: before });
    old
      .prepare(
        `insert into incidents (channel_id, title, severity, status, reporter_id, declared_at)
           values ('C0INC', 'Checkout down', 'sev2', 'declared', 'U0A', 1)`,
      )
      .run();
    old
      .prepare(
        `insert into messages (incident_id, channel_id, ts, posted_at, is_bot, text, raw, recorded_at)
           values (1, 'C0INC', '1.000100', 2, 0, 'the certificate expired', '{}', 2)`,
      )
      .run();
    old.close();

    const reopened = openDatabase(path);
    try {
      const store = createStore(reopened.db);
      expect(await store.library.matching({ ...ANY, text: 'certificate' })).toEqual([1]);
    } finally {
      reopened.close();
    }
  });

  it('stays whole through edits and deletions (FTS5 integrity check)', async () => {
    const opened = openDatabase(join(dir, 'scribe.db'));
    try {
      const store = createStore(opened.db);
      const incident = await storedIncident(store, { channelId: 'C0INC' });
      await store.messages.recordChanges(
        incident.id,
        [posted('1.000100', { text: 'kafka lag' }), posted('1.000200', { text: 'vault token' })],
        at(14, 0),
      );
      await store.messages.recordChanges(
        incident.id,
        [edited('1.000100', 'zookeeper it was', at(14, 1)), deleted('1.000200', at(14, 2))],
        at(14, 3),
      );
      const check = () =>
        opened.sqlite
          .prepare(
            `insert into message_search (message_search, rank) values ('integrity-check', 1)`,
          )
          .run();
      expect(check).not.toThrow();
      const found = (text: string) => store.library.matching({ ...ANY, text });
      expect([await found('kafka'), await found('zookeeper'), await found('vault')]).toEqual([
        [],
        [incident.id],
        [],
      ]);
    } finally {
      opened.close();
    }
  });
});
