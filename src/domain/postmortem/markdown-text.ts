import { condense } from '../slack-text.ts';

/**
 * User text inside the Markdown draft. It is already one line, so only inline HTML can break the
 * document's structure (an unclosed `<details>` swallows everything after it).
 */
export function mdText(text: string): string {
  return condense(text, Number.POSITIVE_INFINITY).replace(/</g, '\\<');
}

/** A table cell additionally must not contain a bare `|`, which would start a new column. */
export function mdCell(text: string): string {
  return mdText(text).replace(/\|/g, '\\|');
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
