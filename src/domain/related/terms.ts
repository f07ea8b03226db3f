// The words a full-text search for related incidents looks for. Both engines get the same plain
// words (letters and digits only), so no user text can reach FTS5's or tsquery's own syntax.

/** Words nearly every incident says: matching on them would relate everything to everything. */
const COMMON = new Set(
  (
    'the and for with from that this are was were has have had not but its into our out over ' +
    'all any can could after before when then than been being also just more most some such ' +
    'incident incidents issue issues problem problems outage error errors failing failed fail ' +
    'failure failures down high low users user customers customer service services alert ' +
    'alerts firing resolved today now still again very seems looks broken slow'
  ).split(' '),
);

const MAX_TERMS = 16;
const MIN_LENGTH = 3;
const MAX_LENGTH = 40;

/**
 * Distinct significant words of `texts`, first seen first, at most 16: lower case, Slack markup
 * (mentions, links, channel names) left out, words of 3–40 letters or digits.
 */
export function searchTerms(texts: readonly string[]): string[] {
  const terms: string[] = [];
  for (const text of texts) {
    // `<@U123>`, `<#C1|name>`, `<!channel>`, `<https://…|label>`: ids and URLs are no words.
    const plain = text.replaceAll(/<[^>]*>/g, ' ').toLowerCase();
    for (const word of plain.split(/[^\p{L}\p{N}]+/u)) {
      if (word.length < MIN_LENGTH || word.length > MAX_LENGTH) continue;
      if (/^\d+$/.test(word) || COMMON.has(word) || terms.includes(word)) continue;
      terms.push(word);
      if (terms.length === MAX_TERMS) return terms;
    }
  }
  return terms;
}
