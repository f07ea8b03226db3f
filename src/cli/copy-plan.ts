import { type Column, getTableName, is, type Table } from 'drizzle-orm';
import { PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import * as pgSchema from '../store/postgres/schema.ts';
import * as sqliteSchema from '../store/schema.ts';
import { CliError } from './usage.ts';

export type Engine = 'sqlite' | 'postgres';

export interface CopiedTable {
  name: string;
  /** Rows per page read and inserted: long drafts are stored in parts of up to 256k characters. */
  batch: number;
}

const ROWS_PER_BATCH = 500;

/**
 * Every table `scribe copy` copies, parents before children (foreign keys). Listed by hand, not
 * derived: a new table must be placed here or in SKIPPED_TABLES on purpose, and
 * test/cli/copy.test.ts fails until it is.
 */
export const COPIED_TABLES: readonly CopiedTable[] = [
  'incidents',
  'incident_events',
  'messages',
  // Dedupe claims are pruned within a day; copied so a Slack retry of an event the old store took
  // just before the move is still recognised by the new one.
  'processed_events',
  'alert_changes',
  'webhook_alerts',
  'key_marks',
  'sections',
  'people',
  'actions',
  'action_reminders',
  'reminder_dms',
  'action_issues',
  'postmortems',
  'postmortem_documents',
  'incident_tags',
  'incident_relations',
  'prevention_matches',
  'weekly_reviews',
].map((name) => ({ name, batch: name === 'postmortem_documents' ? 4 : ROWS_PER_BATCH }));

/** Tables left behind on purpose, with why. */
export const SKIPPED_TABLES: Readonly<Record<string, string>> = {
  // Leases of running replicas on periodic work: they belong to processes of the old install and
  // expire on their own; a copied live lease would only hold work back on the new one.
  job_claims: 'leases of running bot processes, ephemeral',
  // SQLite's full-text index of incidents (migration 0011) and the tables FTS5 keeps it in: not
  // in the schema module, and never copied, since its triggers index each incident and section
  // as the copy inserts them (PostgreSQL indexes the same expressions with GIN indexes).
  ...Object.fromEntries(
    ['', '_data', '_idx', '_content', '_docsize', '_config'].map((suffix) => [
      `incident_search${suffix}`,
      'full-text index, rebuilt from the copied incidents and sections as they arrive',
    ]),
  ),
  // The same for messages (migration 0012): an external-content FTS5 table, so it holds only the
  // index, which its triggers fill as the copied messages arrive.
  ...Object.fromEntries(
    ['', '_data', '_idx', '_docsize', '_config'].map((suffix) => [
      `message_search${suffix}`,
      'full-text index, rebuilt from the copied messages as they arrive',
    ]),
  ),
};

/** A table as one engine's schema declares it, with its primary key columns in key order. */
export interface PlannedTable extends CopiedTable {
  table: Table;
  key: Column[];
}

/** The drizzle tables of one engine's schema module, by name. */
export function schemaTables(engine: Engine): Map<string, Table> {
  const module: Record<string, unknown> = engine === 'sqlite' ? sqliteSchema : pgSchema;
  const kind = engine === 'sqlite' ? SQLiteTable : PgTable;
  const tables = new Map<string, Table>();
  for (const value of Object.values(module)) {
    if (is(value, kind)) tables.set(getTableName(value as Table), value as Table);
  }
  return tables;
}

/** Tables a schema has that copy neither copies nor skips: must be empty. */
export function unplannedTables(names: Iterable<string>): string[] {
  const planned = new Set([...COPIED_TABLES.map((t) => t.name), ...Object.keys(SKIPPED_TABLES)]);
  return [...names].filter((name) => !planned.has(name)).sort();
}

/** The copied tables of one engine's schema, in copy order; refuses a schema the plan misses. */
export function planFor(engine: Engine): PlannedTable[] {
  const tables = schemaTables(engine);
  const missing = unplannedTables(tables.keys());
  if (missing.length > 0) {
    // A developer's mistake, not the operator's: copying would silently leave data behind.
    throw new CliError(
      `copy does not know the table(s) ${missing.join(', ')}; nothing was copied.`,
      1,
    );
  }
  return COPIED_TABLES.map((copied) => {
    const table = tables.get(copied.name);
    if (table === undefined) {
      throw new CliError(`The ${engine} schema has no table ${copied.name} to copy.`, 1);
    }
    return { ...copied, table, key: keyOf(engine, table) };
  });
}

/** The primary key's columns: the composite key's, else the one column marked primary. */
function keyOf(engine: Engine, table: Table): Column[] {
  const config = tableConfig(engine, table);
  const composite = config.primaryKeys[0]?.columns;
  if (composite !== undefined && composite.length > 0) {
    // A composite key names copies of the columns (PostgreSQL's builder): use the table's own.
    const byName = new Map(config.columns.map((column) => [column.name, column as Column]));
    return composite.map((column) => byName.get(column.name) ?? column);
  }
  const single = config.columns.filter((column) => column.primary);
  if (single.length !== 1) {
    throw new CliError(`The table ${config.name} has no primary key to copy it by.`, 1);
  }
  return single;
}

/** Foreign keys of a table, as the names of the tables they point at (for the order's test). */
export function parentsOf(engine: Engine, table: Table): string[] {
  return tableConfig(engine, table).foreignKeys.map((key) =>
    getTableName(key.reference().foreignTable),
  );
}

function tableConfig(engine: Engine, table: Table) {
  return engine === 'sqlite'
    ? sqliteTableConfig(table as SQLiteTable)
    : pgTableConfig(table as PgTable);
}
