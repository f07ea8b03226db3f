import { expect } from 'vitest';
import { escapeHtml } from '../../src/domain/postmortem/html-text.ts';
import { xmlProblems } from '../helpers/well-formed-xml.ts';
import { FORMULA_START } from './invariants.ts';

/**
 * What "safe" means for a page of the site, checked on the finished text as invariants.ts checks
 * the HTML export: only our own tags and attributes, every element closed in order, links that
 * stay on the site (or go to http(s), where the page links out), and no text that opens markup.
 * The SVG charts inside a page must also be well-formed XML, as SVG is.
 */

const SITE_TAGS = new Set(
  (
    'html head meta title link body a header main footer section nav div h1 h2 h3 h4 h5 h6 p ' +
    'ul ol li span strong em code abbr time br table caption thead tbody tfoot tr th td dl dt dd ' +
    'form input select option label fieldset legend button datalist figure figcaption article ' +
    'blockquote svg g rect line text polygon polyline path circle desc'
  ).split(' '),
);
const SITE_ATTRIBUTES = new Set(
  (
    'lang charset name content rel href type title class id tabindex scope datetime colspan ' +
    'role method action value selected checked list for aria-label aria-current ' +
    'aria-labelledby aria-hidden aria-describedby xmlns viewbox width height x y x1 x2 y1 y2 ' +
    'points cx cy r fill fill-opacity stroke stroke-width stroke-dasharray text-anchor font-family ' +
    'font-size font-weight'
  ).split(' '),
);
/** Elements that have no end tag in HTML. */
const VOID = new Set(['meta', 'link', 'input', 'br']);
/** Inside `<svg>` an element may close itself (`<rect …/>`), as XML allows. */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:="[^"<>]*")?)*)\s*(\/?)>/g;
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|#39);)/;
const SITE_HREF = /^(?:\/(?!\/)|#)[^\s"'<>`\\]*$/;
// A link out of the site: http(s) only. Its value is escaped like any attribute (checked above),
// so an odd character in a stored issue URL cannot leave the attribute.
const WEB_HREF = /^https?:\/\/\S/i;

export interface SitePageOptions {
  /** Links out of the site (http(s) only) are allowed: the team's pages link issues and URLs. */
  externalLinks?: boolean;
}

/** A whole page of the site, from its doctype. */
export function expectSafeSitePage(html: string, options: SitePageOptions = {}): void {
  check(html.startsWith('<!doctype html>\n'), 'doctype first');
  check(html.includes('<link rel="stylesheet" href="/assets/site.css">'), 'our stylesheet');
  expectSafeSiteMarkup(html.slice('<!doctype html>\n'.length), options);
}

/** A fragment of the site's markup (a chart, a section): tags balanced, text escaped. */
export function expectSafeSiteMarkup(html: string, options: SitePageOptions = {}): void {
  const open: string[] = [];
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    expectPlainText(html.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, closing = '', tag = '', attributes = '', selfClosing = ''] = match;
    check(SITE_TAGS.has(tag.toLowerCase()), `tag <${tag}>`);
    // HTML lets an `<option>`'s end tag be left out (a datalist's options are written so).
    if (open.at(-1) === 'option' && (closing === '/') !== (tag === 'option')) {
      open.pop();
    }
    if (closing === '/') {
      const expected = open.pop();
      check(expected === tag, `</${tag}> closes <${expected}>: ${show(around(html, match.index))}`);
      continue;
    }
    for (const [, name = '', value = ''] of attributes.matchAll(
      /([a-zA-Z][a-zA-Z0-9-]*)(?:="([^"]*)")?/g,
    )) {
      check(SITE_ATTRIBUTES.has(name.toLowerCase()), `attribute ${name} on <${tag}>`);
      check(!BARE_AMPERSAND.test(value), `bare & in ${show(value)}`);
      if (name === 'href' || name === 'action') {
        const decoded = decodeHtml(value);
        check(
          SITE_HREF.test(decoded) || (options.externalLinks === true && WEB_HREF.test(decoded)),
          `${name} ${show(value)} in ${show(whole)}`,
        );
      }
    }
    if (selfClosing === '/') {
      check(open.includes('svg') || tag === 'svg', `<${tag}/> outside an SVG`);
    } else if (!VOID.has(tag)) {
      open.push(tag);
    }
  }
  expectPlainText(html.slice(last));
  check(open.length === 0, `left open: ${open.join(' ')}`);
  for (const svg of html.match(/<svg[\s>][\s\S]*?<\/svg>/g) ?? []) expectWellFormedSvg(svg);
}

/**
 * An SVG is XML: well-formed, every `&` an entity. Characters XML cannot carry (a NUL someone
 * typed) are left to the HTML parser, which replaces them; a chart embedded in a page is parsed
 * as HTML, never as a standalone XML document.
 */
export function expectWellFormedSvg(svg: string): void {
  const problems = xmlProblems(`<?xml version="1.0" encoding="utf-8"?>\n${svg}`).filter(
    (p) => p !== 'a character XML 1.0 cannot carry',
  );
  check(problems.length === 0, `SVG not well-formed: ${problems.join('; ')}`);
}

function expectPlainText(text: string): void {
  check(!/[<>]/.test(text), `markup outside our own: ${show(text)}`);
  check(!BARE_AMPERSAND.test(text), `bare & in ${show(text)}`);
}

/**
 * The value as our pages write text and attribute values: escaped once, present in the output
 * (a renderer that drops what people wrote is not a safe renderer, only a useless one).
 */
export function expectShown(html: string, value: string, what: string): void {
  check(html.includes(escapeHtml(value)), `${what} ${show(value)} not shown (escaped) on the page`);
}

/** RFC 4180 read back: fields split on commas and CRLF, quoted fields with `""` for a quote. */
export function parseCsv(csv: string): string[][] {
  check(csv.endsWith('\r\n'), 'CSV ends with CRLF');
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (csv[i] === '"') {
      i++;
      for (;;) {
        const quote = csv.indexOf('"', i);
        check(quote !== -1, 'unclosed quoted field');
        field += csv.slice(i, quote);
        i = quote + 1;
        if (csv[i] !== '"') break;
        field += '"';
        i++;
      }
    } else {
      const end = csv.slice(i).search(/[,\r\n"]/);
      const stop = end === -1 ? csv.length : i + end;
      check(csv[stop] !== '"', `a quote inside an unquoted field at ${stop}`);
      check(csv[stop] !== '\n', `a bare LF at ${stop}`);
      field = csv.slice(i, stop);
      i = stop;
    }
    row.push(field);
    if (csv[i] === ',') {
      i++;
      continue;
    }
    check(csv.startsWith('\r\n', i), `field not followed by , or CRLF at ${i}`);
    rows.push(row);
    row = [];
    i += 2;
    if (i === csv.length) return rows;
  }
}

/** No field a spreadsheet would run as a formula (a negative number is a number, not one). */
export function expectNoFormulas(rows: readonly string[][]): void {
  for (const field of rows.flat()) {
    if (/^-\d+(?:\.\d+)?$/.test(field)) continue;
    check(!FORMULA_START.test(field), `formula ${show(field)}`);
  }
}

function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function around(text: string, index: number): string {
  return text.slice(Math.max(0, index - 60), index + 60);
}

function check(condition: boolean, message: string): void {
  if (!condition) expect.fail(message);
}

function show(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
