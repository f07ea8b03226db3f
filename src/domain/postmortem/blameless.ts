import { hasLooseWhitespace } from '../slack-text.ts';
import { BLAME_PATTERNS } from './blameless-patterns.ts';

export interface BlamelessFinding {
  /** Where it was found: "Bob's message at 14:05:09 UTC", "Summary". */
  where: string;
  /** The sentence or phrase as written (plain text, condensed). */
  quote: string;
  /** The blaming phrase matched. */
  phrase: string;
  /** A blameless way to say it. */
  suggestion: string;
}

const QUOTE_MAX = 200;
const ANY_HINT = new RegExp(BLAME_PATTERNS.map((p) => p.hint.source).join('|'), 'iu');

/** False when no pattern can match `text`: most messages, told cheaply. */
export function mayBlame(text: string): boolean {
  return ANY_HINT.test(text);
}
// A line break ends a sentence too: chat messages rarely punctuate their last line.
const SENTENCE_END = /([.!?]+)\s+|\n/g;

/**
 * Points at phrases that read as blame, with a question that leads back to the system. Only
 * points: what people wrote is the record and is never changed. One finding per source and
 * pattern, so a message that says "blame" three times is one thing to look at, not three.
 */
export function findBlamingLanguage(
  texts: ReadonlyArray<{ where: string; text: string }>,
): BlamelessFinding[] {
  return texts.flatMap(({ where, text }) =>
    mayBlame(text) ? findingsIn(where, normalise(text)) : [],
  );
}

/**
 * How many findings findBlamingLanguage makes of `text`, without making them: a long incident's
 * review lists only its first few, and quoting the thousands after them was most of its cost.
 */
export function countBlamingLanguage(text: string): number {
  return mayBlame(text) ? matchesIn(normalise(text)).length : 0;
}

function findingsIn(where: string, text: string): BlamelessFinding[] {
  return matchesIn(text)
    .sort((a, b) => a.start - b.start)
    .map(({ start, end, phrase, suggestion }) => ({
      where,
      quote: quoteAround(text, start, end),
      phrase,
      suggestion,
    }));
}

interface Match {
  start: number;
  end: number;
  phrase: string;
  suggestion: string;
}

/** Each pattern's first match in `text` that overlaps no earlier pattern's, in pattern order. */
function matchesIn(text: string): Match[] {
  const taken: Match[] = [];
  for (const { pattern, suggestion, hint } of BLAME_PATTERNS) {
    if (!hint.test(text)) continue;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some((t) => start < t.end && t.start < end)) continue;
      taken.push({ start, end, phrase: match[0], suggestion });
      break;
    }
  }
  return taken;
}

/** One space between words, one line break between lines: sentence ends stay findable. */
function normalise(text: string): string {
  // Most texts have no whitespace but single spaces between words: their own normal form.
  if (!hasLooseWhitespace(text)) return text;
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

function quoteAround(text: string, start: number, end: number): string {
  let from = 0;
  let to = text.length;
  for (const boundary of text.matchAll(SENTENCE_END)) {
    const after = boundary.index + boundary[0].length;
    if (after <= start) {
      from = after;
    } else if (boundary.index >= end) {
      to = boundary.index + (boundary[1]?.length ?? 0);
      break;
    }
  }
  return window(text.slice(from, to).replace(/\n/g, ' '), start - from, end - from);
}

/** A long sentence is cut around the phrase, so the quote always shows what was found. */
function window(sentence: string, start: number, end: number): string {
  if (sentence.length <= QUOTE_MAX) return sentence;
  const room = Math.max(0, QUOTE_MAX - 2 - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  const to = Math.min(sentence.length, from + QUOTE_MAX - 2);
  from = Math.max(0, to - (QUOTE_MAX - 2));
  const body = trimSurrogates(sentence.slice(from, to)).trim();
  return `${from > 0 ? '…' : ''}${body}${to < sentence.length ? '…' : ''}`;
}

/** A cut may split an emoji in two; half an emoji renders as a replacement box. */
function trimSurrogates(text: string): string {
  return text.replace(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/g, '');
}
