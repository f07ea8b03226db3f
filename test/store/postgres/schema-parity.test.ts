// The two engines' schemas, read back from each database's own catalogue after its migrations,
// must say the same thing: a column, key, default or index added to one engine only fails here.
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../src/store/postgres/db.ts';
import { type FreshDatabase, freshDatabase } from '../../helpers/postgres.ts';
import { type Catalogue, readPostgres, readSqlite } from './catalogue.ts';

const SQLITE_MIGRATIONS = fileURLToPath(new URL('../../../migrations/sqlite', import.meta.url));

/**
 * Tables only SQLite has: drizzle's bookkeeping (PostgreSQL keeps it in the `drizzle` schema) and
 * SQLite's own AUTOINCREMENT counters (PostgreSQL has identity sequences instead).
 */
const SQLITE_ONLY_TABLES = [
  '__drizzle_migrations',
  'sqlite_sequence',
  // Each engine's own full-text search (docs/related-incidents.md): SQLite's FTS5 table and its
  // shadow tables here, PostgreSQL's GIN expression indexes (SEARCH_INDEXES) there.
  ...['', '_data', '_idx', '_content', '_docsize', '_config'].map((s) => `incident_search${s}`),
  // Messages' FTS5 table keeps no copy of the text (content = 'messages'): no _content table.
  ...['', '_data', '_idx', '_docsize', '_config'].map((s) => `message_search${s}`),
];
const SEARCH_INDEXES = {
  incidents: 'incidents_search',
  sections: 'sections_search',
  messages: 'messages_search',
};

/** Where SQLite's INTEGER is a flag; PostgreSQL stores it as boolean. */
const BOOLEAN_COLUMNS = ['incidents.is_private', 'messages.is_bot'];
/** Counts that fit 32 bits; every other non-key integer (timestamps) must be bigint. */
const SMALL_INTEGER_COLUMNS = [
  'action_issues.number',
  'postmortems.attempts',
  'postmortem_documents.part',
  'incident_relations.score',
];

let database: FreshDatabase;
let sqliteSchema: Catalogue;
let postgresSchema: Catalogue;
let postgresTypes: Record<string, string>;

beforeAll(async () => {
  const sqlite = new Database(':memory:');
  migrate(drizzle(sqlite), { migrationsFolder: SQLITE_MIGRATIONS });
  sqliteSchema = readSqlite(sqlite);
  sqlite.close();

  database = await freshDatabase();
  const store = await openPostgres(database.url, { maxConnections: 1 });
  try {
    ({ catalogue: postgresSchema, types: postgresTypes } = await readPostgres(store.pool));
    for (const [table, index] of Object.entries(SEARCH_INDEXES)) {
      expect(postgresSchema[table]?.indexes[index]).toBeDefined();
      delete postgresSchema[table]?.indexes[index];
    }
  } finally {
    await store.close();
  }
});

afterAll(() => database?.drop());

describe('the PostgreSQL schema mirrors the SQLite one', () => {
  it('has the same tables', () => {
    const sqliteTables = Object.keys(sqliteSchema).filter((t) => !SQLITE_ONLY_TABLES.includes(t));
    expect(Object.keys(postgresSchema).sort()).toEqual(sqliteTables.sort());
  });

  it('has the same columns, nullability, defaults, keys and indexes in every table', () => {
    const shared = Object.entries(sqliteSchema).filter(([t]) => !SQLITE_ONLY_TABLES.includes(t));
    expect(postgresSchema).toEqual(Object.fromEntries(shared));
  });

  it('stores timestamps as bigint, flags as boolean, and 32-bit integers only for ids and counts', () => {
    const expected = Object.fromEntries(
      Object.entries(postgresTypes).map(([column, type]) => {
        if (type === 'text') return [column, 'text'];
        if (BOOLEAN_COLUMNS.includes(column)) return [column, 'boolean'];
        const key = /\.(\w+_)?id$/.test(column);
        return [column, key || SMALL_INTEGER_COLUMNS.includes(column) ? 'integer' : 'bigint'];
      }),
    );
    expect(postgresTypes).toEqual(expected);
  });
});
