import { SERVICE_KEY, type TagInput } from './types.ts';

// Tags are compared across incidents, so they are normalised (lowercase) and kept to a plain
// charset: no Slack markup, mentions or links can hide in one and ping or link from a draft.

export const TAG_KEY_MAX_LENGTH = 32;
export const TAG_VALUE_MAX_LENGTH = 64;
/** Tags in one `/incident tag`. */
export const TAGS_PER_COMMAND_MAX = 10;
/** Live tags on one incident, suggestions included. */
export const TAGS_PER_INCIDENT_MAX = 30;

const KEY = /^[a-z][a-z0-9_-]*$/;
const VALUE = /^[a-z0-9][a-z0-9._/-]*$/;

export type TagParse = { ok: true; tags: TagInput[] } | { ok: false; error: string };

/** `flaky service:checkout region:eu` (spaces or commas between tags) → normalised tags. */
export function parseTags(text: string): TagParse {
  const tokens = text.split(/[\s,]+/).filter((t) => t !== '');
  if (tokens.length === 0) {
    return { ok: false, error: 'Say which tags, e.g. `/incident tag service:checkout flaky`.' };
  }
  if (tokens.length > TAGS_PER_COMMAND_MAX) {
    return {
      ok: false,
      error: `Give at most ${TAGS_PER_COMMAND_MAX} tags at once (got ${tokens.length}).`,
    };
  }
  const tags: TagInput[] = [];
  for (const token of tokens) {
    const tag = parseTag(token);
    if (!tag.ok) return tag;
    if (!tags.some((t) => t.key === tag.tag.key && t.value === tag.tag.value)) tags.push(tag.tag);
  }
  return { ok: true, tags };
}

/** Exactly one tag, as `/incident untag` takes. */
export function parseOneTag(
  text: string,
): { ok: true; tag: TagInput } | { ok: false; error: string } {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only === undefined) {
    return {
      ok: false,
      error:
        tokens.length === 0
          ? 'Say which tag to remove, e.g. `/incident untag service:checkout`.'
          : 'Remove one tag at a time, e.g. `/incident untag service:checkout`.',
    };
  }
  return parseTag(only);
}

export function parseTag(
  token: string,
): { ok: true; tag: TagInput } | { ok: false; error: string } {
  const markup = markupProblem(token);
  if (markup !== null) return { ok: false, error: markup };
  const shown = `\`${Array.from(token).slice(0, 40).join('')}\``;
  const colon = token.indexOf(':');
  const key = colon === -1 ? '' : token.slice(0, colon).toLowerCase();
  const value = (colon === -1 ? token : token.slice(colon + 1)).toLowerCase();
  if (colon !== -1 && !KEY.test(key)) {
    return {
      ok: false,
      error: `${shown}: a tag key is a letter then letters, digits, \`-\` or \`_\`, e.g. \`service:checkout\`.`,
    };
  }
  if (key.length > TAG_KEY_MAX_LENGTH) {
    return { ok: false, error: `${shown}: keep a tag key to ${TAG_KEY_MAX_LENGTH} characters.` };
  }
  if (!VALUE.test(value)) {
    return {
      ok: false,
      error: `${shown}: a tag is letters, digits, \`.\`, \`-\`, \`_\` or \`/\`, starting with a letter or digit, e.g. \`flaky\` or \`region:eu-west-1\`.`,
    };
  }
  if (Array.from(value).length > TAG_VALUE_MAX_LENGTH) {
    return {
      ok: false,
      error: `${shown}: keep a tag to ${TAG_VALUE_MAX_LENGTH} characters or fewer.`,
    };
  }
  return { ok: true, tag: { key, value } };
}

/** A name from an alert or a channel as a service tag, or null when it cannot be one. */
export function serviceTag(name: string): TagInput | null {
  const value = name.trim().toLowerCase();
  if (!VALUE.test(value) || value.length > TAG_VALUE_MAX_LENGTH) return null;
  return { key: SERVICE_KEY, value };
}

function markupProblem(token: string): string | null {
  if (/<@[UW]/i.test(token)) return 'Tags cannot be mentions of people; tag with plain words.';
  if (/<!/.test(token)) {
    return 'Tags cannot hold `@here`, `@channel` or group mentions; tag with plain words.';
  }
  if (/<#C/i.test(token)) return 'Tags cannot be channels; tag with plain words.';
  if (/<|>|&(?:lt|gt|amp);|:\/\//.test(token)) {
    return 'Tags cannot hold links or Slack markup; tag with plain words.';
  }
  if (token.startsWith('@')) return 'Tags cannot be mentions; tag with plain words.';
  return null;
}
