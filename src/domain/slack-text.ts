import type { PeopleDirectory } from './types.ts';

/**
 * Slack message text is entity-encoded (`&amp; &lt; &gt;`) and carries mentions, links and
 * dates as `<…>` control sequences. Recorded text is quoted back into drafts, and quoting it
 * verbatim into Slack would re-notify everyone it mentioned, so every path out of here either
 * produces plain text (for Markdown) or mrkdwn in which no mention can fire.
 */

type Control =
  | { kind: 'user'; id: string; label: string | null }
  | { kind: 'channel'; id: string; label: string | null }
  | { kind: 'group'; id: string; label: string | null }
  | { kind: 'broadcast'; name: string }
  | { kind: 'date'; fallback: string }
  | { kind: 'link'; url: string; label: string | null }
  | { kind: 'other'; text: string };

type Token = { kind: 'text'; text: string } | { kind: 'control'; control: Control };

const CONTROL = /<([^<>]*)>/g;
const ENTITY = /&(amp|lt|gt);/g;
const ENTITY_CHARS: Record<string, string> = { amp: '&', lt: '<', gt: '>' };
const LINK_SCHEME = /^(https?:\/\/|mailto:)/i;
const BROADCASTS = new Set(['channel', 'here', 'everyone']);
// Only a standalone word can be auto-linked into a broadcast, not `ops@here.example`. Letters
// and digits are the word; `_` is not, or `_@here_` (`@here` in italics) would stay live.
const BROADCAST_WORD = /(^|[^\p{L}\p{N}])@(channel|here|everyone)(?![\p{L}\p{N}])/giu;
const ZERO_WIDTH_SPACE = '\u200B';

/**
 * The last answer: a draft asks for each message's plain text three times in a row (the
 * timeline, the transcript, the blameless review). A directory is never changed once made (it
 * is read-only to all who get it), so the same text and directory give the same answer.
 */
let last: { text: string; people: PeopleDirectory; plain: string } | null = null;

export function slackToPlain(text: string, people: PeopleDirectory): string {
  // Most chat has no control sequence and no entity; a draft asks for every message's plain text,
  // so that case skips tokenising (the answer is the text itself).
  if (!text.includes('<')) return text.includes('&') ? decode(text) : text;
  if (last !== null && last.text === text && last.people === people) return last.plain;
  const plain = slackToPlainByTokens(text, people);
  last = { text, people, plain };
  return plain;
}

/** slackToPlain without its shortcut: the reference the shortcut is tested against. */
export function slackToPlainByTokens(text: string, people: PeopleDirectory): string {
  return tokenize(text)
    .map((token) =>
      token.kind === 'text' ? decode(token.text) : controlToPlain(token.control, people),
    )
    .join('');
}

export function slackToSafeMrkdwn(text: string, people: PeopleDirectory): string {
  return tokenize(text)
    .map((token) =>
      token.kind === 'text'
        ? neutraliseBroadcasts(escapeLoose(token.text))
        : controlToSafeMrkdwn(token.control, people),
    )
    .join('');
}

/** For plain strings the bot composes (titles, names) before they go into Slack text. */
export function escapeMrkdwn(plain: string): string {
  return plain.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text that came from users (decoded already) on its way back into Slack: escaped, and
 * `@channel`-style words broken so a client that auto-links them still cannot broadcast.
 */
export function plainToSafeMrkdwn(plain: string): string {
  return neutraliseBroadcasts(escapeMrkdwn(plain));
}

/**
 * For Block Kit `plain_text` (headers). Slack does not parse mentions there, but a title that
 * reads like one is still alarming, and any copy-paste into mrkdwn would make it live.
 */
export function plainToSafePlainText(plain: string): string {
  return neutraliseBroadcasts(plain.replace(/<(?=[@!#])/g, `<${ZERO_WIDTH_SPACE}`));
}

/** One line, at most `max` characters, ending in `…` when cut. */
export function condense(text: string, max: number): string {
  const flat = flatten(text);
  if (flat.length <= max) return flat;
  if (max <= 0) return '';
  let cut = max - 1;
  // Never leave half of a surrogate pair (emoji) behind.
  const last = flat.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${flat.slice(0, cut).trimEnd()}…`;
}

// Whitespace that flattening changes: any but a plain space, two spaces in a row, or a space at
// either end. Most lines have none, and are then kept as they are (no copy for each message).
const UNFLAT = /[^\S ]| {2}|^ | $/;

/** Whether `text` has whitespace but single spaces between words: flatten would change it. */
export function hasLooseWhitespace(text: string): boolean {
  return UNFLAT.test(text);
}

/** `text` on one line: runs of whitespace become one space, none at either end. */
export function flatten(text: string): string {
  return hasLooseWhitespace(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(CONTROL)) {
    if (match.index > last) tokens.push({ kind: 'text', text: text.slice(last, match.index) });
    tokens.push({ kind: 'control', control: parseControl(match[1] ?? '') });
    last = match.index + match[0].length;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}

function parseControl(body: string): Control {
  const bar = body.indexOf('|');
  const head = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? null : body.slice(bar + 1);
  if (head.startsWith('@')) return { kind: 'user', id: head.slice(1), label };
  if (head.startsWith('#')) return { kind: 'channel', id: head.slice(1), label };
  if (head.startsWith('!subteam^')) return { kind: 'group', id: head.slice(9), label };
  if (head.startsWith('!date^')) return { kind: 'date', fallback: label ?? '' };
  if (head.startsWith('!') && BROADCASTS.has(head.slice(1).toLowerCase())) {
    return { kind: 'broadcast', name: head.slice(1).toLowerCase() };
  }
  if (LINK_SCHEME.test(head)) return { kind: 'link', url: head, label };
  return { kind: 'other', text: label ?? head.replace(/^!/, '') };
}

function controlToPlain(control: Control, people: PeopleDirectory): string {
  switch (control.kind) {
    case 'user':
      return `@${people.get(control.id) ?? (control.label === null ? control.id : decode(control.label))}`;
    case 'channel':
      return `#${decode(control.label ?? control.id)}`;
    case 'group':
      return withAt(decode(control.label ?? control.id));
    case 'broadcast':
      return `@${control.name}`;
    case 'date':
      return decode(control.fallback);
    case 'link':
      return linkToPlain(
        decode(control.url),
        control.label === null ? null : decode(control.label),
      );
    case 'other':
      return decode(control.text);
  }
}

function controlToSafeMrkdwn(control: Control, people: PeopleDirectory): string {
  switch (control.kind) {
    case 'user': {
      const name = people.get(control.id);
      if (name !== undefined) return neutraliseBroadcasts(`@${escapeMrkdwn(name)}`);
      return neutraliseBroadcasts(`@${escapeLoose(control.label ?? control.id)}`);
    }
    case 'channel':
      return neutraliseBroadcasts(`#${escapeLoose(control.label ?? control.id)}`);
    case 'group':
      return neutraliseBroadcasts(withAt(escapeLoose(control.label ?? control.id)));
    case 'broadcast':
      return `@${ZERO_WIDTH_SPACE}${control.name}`;
    case 'date':
      return neutraliseBroadcasts(escapeLoose(control.fallback));
    case 'link': {
      const url = escapeLoose(control.url);
      // The label is shown as text, so it is neutralised like any other text.
      return control.label === null
        ? `<${url}>`
        : `<${url}|${neutraliseBroadcasts(escapeLoose(control.label))}>`;
    }
    case 'other':
      return neutraliseBroadcasts(escapeLoose(control.text));
  }
}

function linkToPlain(url: string, label: string | null): string {
  if (label === null || label === url) return url;
  const bare = url.replace(LINK_SCHEME, '');
  if (label === bare) return url.toLowerCase().startsWith('mailto:') ? label : url;
  return `${label} (${url})`;
}

function withAt(name: string): string {
  return name.startsWith('@') ? name : `@${name}`;
}

function decode(text: string): string {
  return text.replace(ENTITY, (_, name: string) => ENTITY_CHARS[name] ?? '');
}

/** Keeps Slack's own entities as they are and escapes any stray `&`, `<`, `>`. */
function escapeLoose(text: string): string {
  return text
    .replace(/&(?!(amp|lt|gt);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function neutraliseBroadcasts(mrkdwn: string): string {
  return mrkdwn.replace(BROADCAST_WORD, `$1@${ZERO_WIDTH_SPACE}$2`);
}
