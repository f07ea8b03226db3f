/*
 * Everything user-written reaches the HTML page through this file. The page is meant to be
 * published as is, so one missed escape would be an injection into a public site: text is
 * escaped exactly once here, and only http(s) URLs ever become links.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// Quotes and angle brackets end a URL so a crafted one cannot leave the href attribute.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** Plain text as HTML, with each http(s) URL turned into a link that carries no referrer. */
export function textWithLinks(plain: string): string {
  let html = '';
  let last = 0;
  for (const match of plain.matchAll(URL_IN_TEXT)) {
    const url = trimTrailing(match[0]);
    if (!isWebUrl(url)) continue;
    html += escapeHtml(plain.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(plain.slice(last));
}

/** Punctuation that ends a sentence, or the `)` of `label (url)`, is not part of the URL. */
function trimTrailing(url: string): string {
  let out = url;
  for (;;) {
    const last = out.at(-1);
    const unbalanced =
      last === ')' && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0);
    if (last === undefined || !('.,;:!?'.includes(last) || unbalanced)) return out;
    out = out.slice(0, -1);
  }
}

function isWebUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}

const LINK_IN_PARENS = /\s*\((?:https?:\/\/|mailto:)[^\s)]*\)/gi;
const BARE_LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
const NOT_WORD = '(?<![\\p{L}\\p{N}_])';
const END_WORD = '(?![\\p{L}\\p{N}_])';
// Slack ids always mix capitals and digits (U024BE7LH, C0123ABC); requiring a digit spares words
// written in capitals such as CRITICAL.
const SLACK_ID = new RegExp(`${NOT_WORD}[@#]?([UWBCGD][A-Z0-9]{6,})${END_WORD}`, 'gu');

/**
 * A rewriter of plain text for a public page: links are dropped (a labelled link keeps its
 * label), the names of the people involved become their roles, and Slack ids disappear. `roles`
 * maps a display name to the role shown instead, e.g. "the incident lead".
 */
export function publicRedactor(roles: ReadonlyMap<string, string>): (plain: string) => string {
  return publicRedactorOf(roles.keys())(roles);
}

/**
 * `publicRedactor` with the names' pattern compiled once for many texts whose roles differ, such
 * as the titles of a page of reports (each with its own lead): the pattern of a whole workspace's
 * names costs far more to build than to run. A name found but not in `roles` is "a responder".
 */
export function publicRedactorOf(
  allNames: Iterable<string>,
): (roles: ReadonlyMap<string, string>) => (plain: string) => string {
  // A name is found as the text shows it by the time names are replaced: links already removed,
  // its edges trimmed, any run of spaces ("Ann  Lee") matching any other.
  const keysOf = (name: string) => [spacesOf(name), spacesOf(withoutLinks(name))];
  const names = [...new Set([...allNames].flatMap(keysOf))]
    .filter((n) => n.length >= 2)
    .sort((a, b) => b.length - a.length);
  // Case-sensitive: display names are written as Slack shows them, while a lower-case match
  // would also hit ordinary words for names such as Will or May.
  const pattern = (name: string) => escapeRegExp(name).replace(/ /g, '\\s+');
  const any = `(?:${names.map(pattern).join('|')})`;
  // After `@` it is a mention, whatever follows it (`<@U1>s` reads "@Ann" + "s").
  const people =
    names.length === 0 ? null : new RegExp(`@\\s*${any}|${NOT_WORD}${any}${END_WORD}`, 'gu');
  const asRole = (role: string, offset: number, whole: string) =>
    atSentenceStart(whole, offset) ? capitalize(role) : role;
  return (roles) => {
    const byName = new Map<string, string>();
    for (const [name, role] of roles) {
      for (const key of keysOf(name)) if (!byName.has(key)) byName.set(key, role);
    }
    return (plain) => {
      let text = withoutLinks(plain);
      if (people !== null) {
        text = text.replace(people, (match, offset: number, whole: string) =>
          asRole(byName.get(spacesOf(match.replace(/^@/, ''))) ?? 'a responder', offset, whole),
        );
      }
      return text.replace(SLACK_ID, (match, id: string, offset: number, whole: string) => {
        if (!/\d/.test(id)) return match;
        const role = /^[UW]/.test(id) ? 'a responder' : /^B/.test(id) ? 'a bot' : 'a channel';
        return asRole(role, offset, whole);
      });
    };
  };
}

function withoutLinks(plain: string): string {
  return plain
    .replace(LINK_IN_PARENS, '')
    .replace(BARE_LINK, (link) => `[link removed]${link.slice(trimTrailing(link).length)}`);
}

function spacesOf(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function atSentenceStart(text: string, offset: number): boolean {
  return offset === 0 || /[.!?]\s+$/.test(text.slice(0, offset));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
