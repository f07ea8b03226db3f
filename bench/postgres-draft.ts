// The draft on PostgreSQL beside SQLite's: one incident seeded into SQLite through the bot's own
// write path (bench/seed.ts), copied row for row into PostgreSQL, then composed from each engine,
// every run in a fresh process (bench/draft-child.ts, on either engine).

import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { openDatabase } from '../src/store/db.ts';
import { openPostgres } from '../src/store/postgres/db.ts';
import * as pgSchema from '../src/store/postgres/schema.ts';
import * as sqliteSchema from '../src/store/schema.ts';
import { type DraftResult, measureInChildren } from './draft.ts';
import type { BenchPostgres } from './postgres-server.ts';
import { seedIncident } from './seed.ts';
import { tempDir } from './shared.ts';

/** What a seeded incident has rows in, parents first (foreign keys). */
const TABLES: Array<[SQLiteTable, PgTable, string]> = [
  [sqliteSchema.people, pgSchema.people, 'people'],
  [sqliteSchema.incidents, pgSchema.incidents, 'incidents'],
  [sqliteSchema.incidentEvents, pgSchema.incidentEvents, 'incident_events'],
  [sqliteSchema.messages, pgSchema.messages, 'messages'],
  [sqliteSchema.alertChanges, pgSchema.alertChanges, 'alert_changes'],
  [sqliteSchema.sections, pgSchema.sections, 'sections'],
  [sqliteSchema.keyMarks, pgSchema.keyMarks, 'key_marks'],
];
const BATCH = 1000;

/** Copies every row of the seeded tables from a SQLite file into a migrated, empty database. */
export async function copyToPostgres(dbPath: string, url: string): Promise<void> {
  const from = openDatabase(dbPath);
  const to = await openPostgres(url, { maxConnections: 1 });
  try {
    for (const [source, target, name] of TABLES) {
      const rows = from.db.select().from(source).all();
      for (let i = 0; i < rows.length; i += BATCH) {
        await to.db.insert(target).values(rows.slice(i, i + BATCH) as never);
      }
      // Ids came along; the identity continues after them, as SQLite's AUTOINCREMENT would
      // (people are keyed by their Slack id).
      if (rows.length > 0 && name !== 'people') {
        await to.db.execute(
          sql.raw(`select setval(pg_get_serial_sequence('${name}', 'id'), max(id)) from ${name}`),
        );
      }
    }
    await to.db.execute(sql`analyze`);
  } finally {
    from.close();
    await to.close();
  }
}

/** The same `messages`-message incident's draft from SQLite and from PostgreSQL. */
export async function measureDraftsOnBoth(
  postgres: BenchPostgres,
  messages: number,
  runs: number,
): Promise<{ sqlite: DraftResult; postgres: DraftResult }> {
  const dir = tempDir('scribe-bench-pg-draft-');
  try {
    const dbPath = join(dir.path, 'draft.db');
    const database = openDatabase(dbPath);
    const id = seedIncident(database.db, { channelId: 'CDRAFTPG', messages, resolved: true });
    database.close();
    const url = await postgres.database();
    await copyToPostgres(dbPath, url);
    return {
      sqlite: await measureInChildren('sqlite', [dbPath, String(id)], messages, runs),
      postgres: await measureInChildren('postgres', [url, String(id)], messages, runs),
    };
  } finally {
    dir.remove();
  }
}
