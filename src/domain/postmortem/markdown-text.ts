import { condense } from '../slack-text.ts';

// A backslash before ASCII punctuation (or at the end, before the template's own text) is an
// escape in Markdown. Doubled, it is a literal backslash again, so user text cannot cancel the
// escapes added here: `\<b>` typed would otherwise become `\\<b>`, a backslash and then raw HTML.
const ESCAPING_BACKSLASH = /\\(?=[!-/:-@[-`{-~]|$)/g;
// `](`, `]:` and `][` make a link, an image or a link definition, and the template may follow
// user text with `:` or `(`. `[x](javascript:…)` or `![](https://tracker…)` typed in Slack must
// stay text in a rendered draft.
const LINK_BRACKET = /\](?=[(:[]|$)/g;
// A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP):
// tables get pasted into spreadsheets, and some tools import Markdown tables directly. Tab and
// CR cannot lead after `condense`, but are listed for completeness.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * User text inside the Markdown draft. It is already one line, so only inline HTML (an unclosed
 * `<details>` swallows everything after it) and links can break the document or reach outside it.
 */
export function mdText(text: string): string {
  return condense(text, Number.POSITIVE_INFINITY)
    .replace(ESCAPING_BACKSLASH, '\\\\')
    .replace(/</g, '\\<')
    .replace(LINK_BRACKET, '\\]');
}

/**
 * A table cell additionally must not contain a bare `|`, which would start a new column, nor
 * start like a formula: a leading `'`, the spreadsheets' own mark for text, keeps it text.
 */
export function mdCell(text: string): string {
  const cell = mdText(text).replace(/\|/g, '\\|');
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Columns padded to equal width: easier to read and edit as raw text, and already in the shape
 * Markdown formatters (Biome, Prettier) would give it.
 */
export function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(3, ...[h, ...rows.map((r) => r[i] ?? '')].map(width)));
  const line = (cells: string[], fill = ' ') =>
    `| ${widths.map((w, i) => pad(cells[i] ?? '', w, fill)).join(' | ')} |`;
  return [
    line(head),
    line(
      widths.map(() => ''),
      '-',
    ),
    ...rows.map((r) => line(r)),
  ];
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number, fill: string): string {
  return text + fill.repeat(Math.max(0, to - width(text)));
}

/**
 * Written sections as Markdown paragraphs, one per line. A line may not open a heading or a code
 * fence: either would take over the rest of the document's structure.
 */
export function mdParagraphs(text: string): string[] {
  return text
    .split('\n')
    .map(mdLine)
    .filter((line) => line !== '')
    .flatMap((line, i) => (i === 0 ? [line] : ['', line]));
}

/** One line of user text that starts a block (a paragraph or a list item's content). */
export function mdLine(text: string): string {
  return mdText(text).replace(/^(#|`{3}|~{3})/, '\\$1');
}
