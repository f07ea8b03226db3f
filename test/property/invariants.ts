import { expect } from 'vitest';

import { HTML_STYLE } from '../../src/domain/postmortem/html-style.ts';

/**
 * What "safe" means for each output, written as checks on the finished text. The property
 * tests feed hostile user text through the real renderers and run these over the result.
 */

// A broadcast word Slack (or a client auto-linking `@here`) could turn into a ping. The
// renderers break it with a zero-width space after the `@`. `_` counts as a boundary because
// `_@here_` is `@here` in italics.
const LIVE_BROADCAST = /(?:^|[^\p{L}\p{N}])@(?:channel|here|everyone)(?![\p{L}\p{N}])/iu;

// The only control sequences the bot itself writes into mrkdwn: localised dates and links.
const ALLOWED_CONTROL = /^(?:!date\^-?\d+\^[^|<>]*\|[^<>]*|(?:https?:\/\/|mailto:)[^<>]*)$/i;

/**
 * Slack mrkdwn in which nothing can notify anyone: every `<…>` is a date or an http(s)/mailto
 * link (never `<@U…>`, `<!here>`, `<!subteam^…>`, `<#C…>`), angle brackets never stray, every
 * `&` is one of Slack's three entities, and no bare `@channel`-style word is left live.
 */
export function expectSafeMrkdwn(text: string): void {
  const controls = [...text.matchAll(/<([^<>]*)>/g)];
  for (const [whole, body = ''] of controls) {
    check(ALLOWED_CONTROL.test(body), `control sequence ${whole} in ${show(text)}`);
    // A link's label is shown as text, so it must not ping either.
    const label = body.includes('|') ? body.slice(body.indexOf('|') + 1) : '';
    check(!LIVE_BROADCAST.test(label), `live broadcast in link label ${show(whole)}`);
  }
  const outside = text.replace(/<[^<>]*>/g, ' ');
  check(!/[<>]/.test(outside), `stray angle bracket in ${show(text)}`);
  check(!/&(?!(?:amp|lt|gt);)/.test(text), `bare & in ${show(text)}`);
  check(!LIVE_BROADCAST.test(outside), `live broadcast word in ${show(text)}`);
}

/** Block Kit plain_text: not parsed by Slack, but nothing in it may read as a live mention. */
export function expectSafePlainText(text: string): void {
  check(!/<[@!#]/.test(text), `mention-shaped text in ${show(text)}`);
  check(!LIVE_BROADCAST.test(text), `live broadcast word in ${show(text)}`);
}

/** Positions of `char` that CommonMark does not treat as escaped (not after an odd run of `\`). */
export function unescaped(text: string, char: string): number[] {
  const found: number[] = [];
  let backslashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === char && backslashes % 2 === 0) found.push(i);
    backslashes = c === '\\' ? backslashes + 1 : 0;
  }
  return found;
}

/** Cells of a Markdown table row, split where GFM splits them. */
export function cellsOf(row: string): string[] {
  const cuts = unescaped(row, '|');
  const cells: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    cells.push(row.slice((cuts[i] ?? 0) + 1, cuts[i + 1]).trim());
  }
  return cells;
}

// Headings the draft template writes; user text never starts a line with `#`.
const TEMPLATE_HEADING =
  /^(?:## [A-Z][A-Za-z ():,-]+|### (?:\d{4}-\d{2}-\d{2}|Alert episodes|Who did what|Follow-ups \(after mitigation\)|Tasks during the incident))$/;

// Spreadsheet formula starters (OWASP's CSV injection list, plus the full-width forms some
// spreadsheet locales also read as operators).
export const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/**
 * The Markdown draft keeps its structure whatever people wrote: no raw HTML (every unescaped `<`
 * is the template's own `<text>` placeholder), no link or image syntax, only the template's
 * headings, no code fences, every table row with its header's column count, and no table cell
 * a spreadsheet would run as a formula.
 */
export function expectSafeMarkdown(md: string): void {
  for (const i of unescaped(md, '<')) {
    check(md.slice(i, i + 7) === '<text>`', `raw < at ${i}: ${show(md.slice(i - 30, i + 30))}`);
  }
  // `](` and `]:` are what make a link, an image or a link definition; `][` a reference.
  for (const i of unescaped(md, ']')) {
    const next = md[i + 1];
    check(
      next !== '(' && next !== ':' && next !== '[',
      `link syntax: ${show(md.slice(i - 30, i + 30))}`,
    );
  }
  const lines = md.split('\n');
  check(lines[0]?.startsWith('# Post-mortem (draft): ') === true, 'title line');
  let columns: number | null = null;
  let rowInTable = 0;
  for (const line of lines.slice(1)) {
    if (line.startsWith('#'))
      check(TEMPLATE_HEADING.test(line), `heading not from the template: ${show(line)}`);
    check(!/^\s*(?:`{3}|~{3})/.test(line), `code fence: ${show(line)}`);
    if (!line.startsWith('|')) {
      columns = null;
      continue;
    }
    const cells = cellsOf(line);
    rowInTable = columns === null ? 0 : rowInTable + 1;
    columns ??= cells.length;
    check(cells.length === columns, `row with a different column count: ${show(line)}`);
    if (rowInTable === 1) continue; // the `| --- |` delimiter row
    for (const cell of cells) {
      check(!FORMULA_START.test(cell), `formula-like cell ${show(cell)}`);
    }
  }
}

const HTML_TAGS = new Set(
  (
    'html head meta title style body main header footer section div h1 h2 h3 p span strong ' +
    'dl dt dd table thead tbody tr th td ul ol li blockquote code time a'
  ).split(' '),
);
const HTML_ATTRIBUTES = new Set(
  (
    'lang charset http-equiv content name id class href rel datetime scope colspan aria-hidden role ' +
    'aria-label tabindex'
  ).split(' '),
);

/**
 * The HTML export: only the template's tags and attributes, attribute values quoted and free of
 * quotes, links only to http(s), the stylesheet exactly the template's, no stray `<`, `>` or
 * bare `&` in text. Checked on the raw text, so it holds for any parser a reader's browser uses.
 */
export function expectSafeHtml(html: string): void {
  const styles = html.split('<style>');
  check(styles.length === 2, 'exactly one <style>');
  const [, afterStyle = ''] = styles;
  check(afterStyle.startsWith(`\n${HTML_STYLE}\n</style>`), 'stylesheet untouched');
  const rest = html.replace(`<style>\n${HTML_STYLE}\n</style>`, '');
  check(rest.startsWith('<!DOCTYPE html>\n'), 'doctype first');
  const body = rest.slice('<!DOCTYPE html>\n'.length);
  const TAG = /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/g;
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    expectPlainHtmlText(body.slice(last, match.index));
    last = match.index + match[0].length;
    const [, , tag = '', attributes = ''] = match;
    check(HTML_TAGS.has(tag), `tag <${tag}>`);
    for (const [, name = '', value = ''] of attributes.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
      check(HTML_ATTRIBUTES.has(name), `attribute ${name} on <${tag}>`);
      if (name === 'href') {
        check(/^https?:\/\/[^\s"'<>`]+$/i.test(decodeHtml(value)), `href ${show(value)}`);
      }
      check(!/&(?!(?:amp|lt|gt|quot|#39);)/.test(value), `bare & in ${show(value)}`);
    }
  }
  expectPlainHtmlText(body.slice(last));
}

function expectPlainHtmlText(text: string): void {
  check(!/[<>]/.test(text), `markup outside the template: ${show(text)}`);
  check(!/&(?!(?:amp|lt|gt|quot|#39);)/.test(text), `bare & in ${show(text)}`);
}

function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** An assertion cheap enough to run thousands of times per document. */
function check(condition: boolean, message: string): void {
  if (!condition) expect.fail(message);
}

function show(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
