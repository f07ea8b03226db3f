import type { CsvValue } from '../csv.ts';
import { attr, esc, tableBox } from './html.ts';

// One chart's numbers as data: drawn as a table on the page and written as its CSV, so the two
// can never disagree.

export interface Cell {
  text: string;
  /** The incidents behind the number; null when no list selects exactly them. */
  href: string | null;
}

export interface DataRow {
  head: string;
  cells: Cell[];
  /** The same row in the CSV: raw numbers (milliseconds, not "1h 5m"), dates apart. */
  csv: CsvValue[];
}

export interface DataTable {
  caption: string;
  /** The row heads' column first, then one per cell. */
  columns: string[];
  rows: DataRow[];
  /** The whole window's numbers (those of `scribe stats`), under the rows. */
  total: DataRow | null;
  csvHeader: string[];
}

export function cell(value: string | number, href: string | null = null): Cell {
  return { text: String(value), href };
}

function rowHtml(row: DataRow): string {
  const cells = row.cells
    .map(
      (c) =>
        `<td class="num">${c.href === null ? esc(c.text) : `<a href="${attr(c.href)}">${esc(c.text)}</a>`}</td>`,
    )
    .join('');
  return `<tr><th scope="row">${esc(row.head)}</th>${cells}</tr>`;
}

export function tableHtml(table: DataTable): string {
  const [first = '', ...rest] = table.columns;
  const head = `<tr><th scope="col">${esc(first)}</th>${rest.map((c) => `<th scope="col" class="num">${esc(c)}</th>`).join('')}</tr>`;
  const body =
    table.rows.length === 0
      ? `<tr><td colspan="${table.columns.length}">No incidents in this window.</td></tr>`
      : table.rows.map(rowHtml).join('');
  const foot = table.total === null ? '' : `<tfoot>${rowHtml(table.total)}</tfoot>`;
  return `${tableBox(table.caption)}<table><caption>${esc(table.caption)}</caption><thead>${head}</thead><tbody>${body}</tbody>${foot}</table></div>`;
}

/** The table's CSV rows (the window's total last). */
export function tableCsvRows(table: DataTable): CsvValue[][] {
  return [...table.rows, ...(table.total === null ? [] : [table.total])].map((r) => r.csv);
}
