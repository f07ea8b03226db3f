import { csvField } from '../domain/stats/stats-json.ts';

// The site's CSV downloads: RFC 4180 with CRLF line ends, and formula-safe, by the same field rule
// as `scribe stats --format csv` (a field a spreadsheet would run as a formula starts with `'`).

export type CsvValue = string | number | null;

/** A header row and the rows under it; null is an empty field. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
