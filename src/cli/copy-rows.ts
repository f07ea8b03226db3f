import { and, type Column, eq, getTableColumns, gt, or, type SQL } from 'drizzle-orm';
import type { QueryDb, Row } from './copy-ends.ts';
import type { PlannedTable } from './copy-plan.ts';
import { CliError } from './usage.ts';

/**
 * Copies one table a page at a time in primary-key order (keyset paging: each page starts after
 * the last key seen), so that no more than one page is ever held in memory. Ids are kept.
 */
export async function copyTable(
  source: QueryDb,
  target: QueryDb,
  from: PlannedTable,
  to: PlannedTable,
): Promise<number> {
  const rename = renaming(from, to);
  const keyProperties = from.key.map((column) => propertyOf(from, column));
  let after: unknown[] | null = null;
  let copied = 0;
  for (;;) {
    const page = await source
      .select()
      .from(from.table)
      .where(after === null ? undefined : keysetAfter(from.key, after))
      .orderBy(...from.key)
      .limit(from.batch);
    if (page.length === 0) return copied;
    await target.insert(to.table).values(page.map(rename));
    copied += page.length;
    if (page.length < from.batch) return copied;
    const last = page[page.length - 1] as Row;
    after = keyProperties.map((property) => last[property]);
  }
}

/** Rows come keyed by the source schema's property names; matched to the target's by column. */
function renaming(from: PlannedTable, to: PlannedTable): (row: Row) => Row {
  const targetByColumn = new Map(
    Object.entries(getTableColumns(to.table)).map(([property, column]) => [column.name, property]),
  );
  const pairs = Object.entries(getTableColumns(from.table)).map(([property, column]) => {
    const target = targetByColumn.get(column.name);
    if (target === undefined) {
      throw new CliError(`${from.name}.${column.name} has no column to go to in the target.`, 1);
    }
    return [property, target] as const;
  });
  if (pairs.length !== targetByColumn.size) {
    throw new CliError(`${from.name} has columns in the target that the source lacks.`, 1);
  }
  return (row) => Object.fromEntries(pairs.map(([source, target]) => [target, row[source]]));
}

function propertyOf(planned: PlannedTable, column: Column): string {
  const found = Object.entries(getTableColumns(planned.table)).find(([, c]) => c === column);
  if (found === undefined) throw new CliError(`${planned.name} lost its key column.`, 1);
  return found[0];
}

/** (k1, k2, …) > (v1, v2, …), spelled out: both engines then use the key's index. */
function keysetAfter(key: readonly Column[], values: readonly unknown[]): SQL {
  const [first, ...rest] = key;
  const [value, ...more] = values;
  if (first === undefined) throw new CliError('A table without a key cannot be paged.', 1);
  if (rest.length === 0) return gt(first, value);
  return or(gt(first, value), and(eq(first, value), keysetAfter(rest, more))) as SQL;
}
