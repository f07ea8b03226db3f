// Each engine's schema as its own catalogue describes it after migrations, in one shape, so that
// test/store/postgres/schema-parity.test.ts can compare the two.
import type Database from 'better-sqlite3';
import type pg from 'pg';

export interface Column {
  /** SQLite's affinity: PostgreSQL's integer, bigint and boolean are all 'integer'. */
  type: string;
  notNull: boolean;
  default: string | null;
  /** AUTOINCREMENT in SQLite, an identity column in PostgreSQL. */
  generated: boolean;
}
export interface Index {
  unique: boolean;
  columns: string[];
  where: string | null;
}
export interface Table {
  columns: Record<string, Column>;
  primaryKey: string[];
  foreignKeys: string[];
  indexes: Record<string, Index>;
}
export type Catalogue = Record<string, Table>;

/** What an index's WHERE says, without the quoting, casts and brackets each engine adds. */
function normalisePredicate(table: string, where: string | null): string | null {
  if (where === null) return null;
  return where
    .replaceAll(/["`]/g, '')
    .replaceAll(`${table}.`, '')
    .replaceAll(/::[a-z ]+/g, '')
    .replaceAll(/[()]/g, '')
    .replaceAll(/\s+/g, ' ')
    .trim();
}

export function readSqlite(db: Database.Database): Catalogue {
  const catalogue: Catalogue = {};
  const tables = db.prepare("select name, sql from sqlite_master where type = 'table'").all() as {
    name: string;
    sql: string;
  }[];
  for (const { name, sql } of tables) {
    const info = db.prepare(`pragma table_info(${name})`).all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const foreignKeys = db.prepare(`pragma foreign_key_list(${name})`).all() as {
      table: string;
      from: string;
      to: string;
    }[];
    const indexes = (
      db.prepare(`pragma index_list(${name})`).all() as {
        name: string;
        unique: number;
        origin: string;
      }[]
    )
      // 'pk': the index SQLite builds for a non-integer primary key; compared as the key itself.
      .filter((index) => index.origin !== 'pk')
      .map((index) => {
        const columns = (
          db.prepare(`pragma index_info(${index.name})`).all() as { name: string }[]
        ).map((c) => c.name);
        const create = db
          .prepare('select sql from sqlite_master where name = ?')
          .get(index.name) as {
          sql: string;
        };
        const where = / WHERE (.*)$/s.exec(create.sql)?.[1] ?? null;
        const entry: Index = {
          unique: index.unique === 1,
          columns,
          where: normalisePredicate(name, where),
        };
        return [index.name, entry] as const;
      });
    catalogue[name] = {
      columns: Object.fromEntries(
        info.map((c) => [
          c.name,
          {
            type: c.type.toLowerCase(),
            notNull: c.notnull === 1,
            default: c.dflt_value,
            generated: new RegExp(`\`${c.name}\` integer PRIMARY KEY AUTOINCREMENT`).test(sql),
          },
        ]),
      ),
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      foreignKeys: foreignKeys.map((fk) => `${fk.from} → ${fk.table}.${fk.to}`).sort(),
      indexes: Object.fromEntries(indexes),
    };
  }
  return catalogue;
}

export async function readPostgres(pool: pg.Pool) {
  const catalogue: Catalogue = {};
  const types: Record<string, string> = {};
  const tables = await pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  for (const { table_name: name } of tables.rows) {
    catalogue[name] = { columns: {}, primaryKey: [], foreignKeys: [], indexes: {} };
  }
  const columns = await pool.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
  }>(
    `select table_name, column_name, data_type, is_nullable, column_default, is_identity
       from information_schema.columns where table_schema = 'public'`,
  );
  for (const c of columns.rows) {
    const table = catalogue[c.table_name];
    if (!table) continue;
    types[`${c.table_name}.${c.column_name}`] = c.data_type;
    table.columns[c.column_name] = {
      type: c.data_type === 'text' ? 'text' : 'integer',
      notNull: c.is_nullable === 'NO',
      default: c.column_default?.replace(/::[a-z ]+$/, '') ?? null,
      generated: c.is_identity === 'YES',
    };
  }
  const keys = await pool.query<{ table_name: string; columns: string[] }>(
    `select t.relname as table_name,
            array(select a.attname from unnest(c.conkey) with ordinality k(attnum, n)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
                   order by k.n)::text[] as columns
       from pg_constraint c join pg_class t on t.oid = c.conrelid
      where c.contype = 'p' and t.relnamespace = 'public'::regnamespace`,
  );
  for (const key of keys.rows) {
    const table = catalogue[key.table_name];
    if (table) table.primaryKey = key.columns;
  }
  const foreignKeys = await pool.query<{ table_name: string; key: string }>(
    `select t.relname as table_name, a.attname || ' → ' || r.relname || '.' || ra.attname as key
       from pg_constraint c
       join pg_class t on t.oid = c.conrelid
       join pg_class r on r.oid = c.confrelid
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = c.confkey[1]
      where c.contype = 'f' and t.relnamespace = 'public'::regnamespace
        and cardinality(c.conkey) = 1`,
  );
  for (const fk of foreignKeys.rows) catalogue[fk.table_name]?.foreignKeys.push(fk.key);
  for (const table of Object.values(catalogue)) table.foreignKeys.sort();
  const indexes = await pool.query<{
    table_name: string;
    name: string;
    unique: boolean;
    columns: string[];
    predicate: string | null;
  }>(
    `select t.relname as table_name, i.relname as name, x.indisunique as unique,
            pg_get_expr(x.indpred, x.indrelid) as predicate,
            array(select a.attname from unnest(x.indkey) with ordinality k(attnum, n)
                    join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                   order by k.n)::text[] as columns
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
      where t.relnamespace = 'public'::regnamespace and not x.indisprimary`,
  );
  for (const index of indexes.rows) {
    const table = catalogue[index.table_name];
    if (!table) continue;
    table.indexes[index.name] = {
      unique: index.unique,
      columns: index.columns,
      where: normalisePredicate(index.table_name, index.predicate),
    };
  }
  return { catalogue, types };
}
