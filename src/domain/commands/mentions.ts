// Slack-encoded tokens in slash-command text. Slack sends mentions as `<@U123|alice>` only when
// the person was picked from autocomplete; anything else is plain text we cannot resolve to an id.

const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>$/;
const CHANNEL_REF = /^<#C[A-Z0-9]+(?:\|[^<>]*)?>$/;
const SPECIAL_MENTION = /^<!(?:here|channel|everyone|subteam\^[A-Z0-9]+)(?:\|[^<>]*)?>$/;

/** `<@U123|alice>` or `<@U123>` → `U123`; anything else → null. */
export function parseUserMention(token: string): string | null {
  return USER_MENTION.exec(token.trim())?.[1] ?? null;
}

export type LeadMention = { ok: true; userId: string } | { ok: false; error: string };

/** The argument of `/lead` and `/incident lead`: exactly one linked user mention, nothing else. */
export function parseLeadMention(text: string, example: string): LeadMention {
  const tokens = words(text).map((w) => w.text);
  const first = tokens[0];
  if (first === undefined) {
    return { ok: false, error: `Say who should lead, e.g. \`${example}\`.` };
  }
  const ids = tokens.map(parseUserMention);
  const mentioned = ids.filter((id): id is string => id !== null);
  if (mentioned.length > 1) {
    return { ok: false, error: 'Name exactly one person; an incident has a single lead.' };
  }
  const userId = mentioned[0];
  if (userId !== undefined && tokens.length === 1) return { ok: true, userId };
  const offending = tokens.find((t) => parseUserMention(t) === null) ?? first;
  return { ok: false, error: explainNotAMention(offending, example) };
}

function explainNotAMention(token: string, example: string): string {
  if (CHANNEL_REF.test(token)) {
    return `${quote(token)} is a channel, not a person. Mention a person, e.g. \`${example}\`.`;
  }
  if (SPECIAL_MENTION.test(token)) {
    return `${quote(token)} is a group mention. Mention one person, e.g. \`${example}\`.`;
  }
  if (token.startsWith('@')) {
    return (
      `${quote(token)} is not a linked mention. Type \`@\` and pick the person from ` +
      "Slack's autocomplete list so the mention is linked (it turns blue)."
    );
  }
  return `Expected a single @mention of a person, e.g. \`${example}\`; got ${quote(token)}.`;
}

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** Whitespace-separated words with their offsets, so callers can slice the original text. */
export function words(text: string): Word[] {
  return Array.from(text.matchAll(/\S+/g), (m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Length as the user typed it: `&amp;` is one character, an emoji is one character. */
export function visibleLength(slackText: string): number {
  const decoded = slackText.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return Array.from(decoded).length;
}

/** Echoes user input inside an error without letting it break the mrkdwn or flood the reply. */
export function quote(input: string): string {
  const chars = Array.from(input.replace(/[`\p{Cc}]/gu, ''));
  const shown = chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
  return `\`${shown.length > 0 ? shown : ' '}\``;
}
