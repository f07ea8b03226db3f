// Arguments of the `/incident` subcommands that claim a time. Time text is only split off here;
// `parseIncidentTime` validates it later, against the clock and zone the caller knows.
import { looksLikeTime } from '../incident-time.ts';
import { parseUserMention, quote, type Word, words } from './mentions.ts';

export type DetectedBy =
  | { kind: 'monitoring' }
  | { kind: 'customer' }
  | { kind: 'person'; userId: string };

type Result<T> = ({ ok: true } & T) | { ok: false; error: string };

// The longest time forms are three words: `1h 30m ago`, `15 min ago`, `2026-11-21 2:05 pm`.
const MAX_TIME_WORDS = 3;

const DETECTED_EXAMPLE = '`/incident detected 13:52 by monitoring`';
const BY_FORMS = '`monitoring`, `customer` or one @person (e.g. `by @alice`)';

/**
 * `[<time>] [note]` after `mitigated` or `resolve`: the longest leading run of words that looks
 * like a time is the time, the rest (line breaks kept) is the note.
 */
export function splitLeadingTime(rest: string): { time: string | null; note: string | null } {
  const ws = words(rest);
  for (let count = Math.min(MAX_TIME_WORDS, ws.length); count >= 1; count--) {
    const timeWords = ws.slice(0, count);
    const time = joined(timeWords);
    if (!looksLikeTime(time)) continue;
    const note = rest.slice(timeWords.at(-1)?.end ?? 0).trim();
    // "now" is the default anyway, so before more text it is the note's first word
    // (`Now serving from eu-west`), not a time.
    if (count === 1 && time.toLowerCase() === 'now' && note !== '') break;
    return { time, note: note === '' ? null : note };
  }
  return { time: null, note: rest === '' ? null : rest };
}

/** `<time>`, required, after `started`. */
export function parseStartedTime(rest: string): Result<{ time: string }> {
  const ws = words(rest);
  if (ws.length === 0) {
    return { ok: false, error: 'Say when impact started, e.g. `/incident started 13:40`.' };
  }
  return { ok: true, time: joined(ws) };
}

/** `<time> [by monitoring|customer|@person]` after `detected`. */
export function parseDetectedArgs(rest: string): Result<{ time: string; by: DetectedBy | null }> {
  const ws = words(rest);
  const byAt = ws.findIndex((w) => w.text.toLowerCase() === 'by');
  const timeWords = byAt === -1 ? ws : ws.slice(0, byAt);
  if (timeWords.length === 0) {
    return { ok: false, error: `Say when it was detected, e.g. ${DETECTED_EXAMPLE}.` };
  }
  const time = joined(timeWords);
  if (byAt === -1) return { ok: true, time, by: null };
  const by = detectedBy(ws.slice(byAt + 1));
  return 'error' in by ? { ok: false, error: by.error } : { ok: true, time, by };
}

function detectedBy(ws: Word[]): DetectedBy | { error: string } {
  const said = joined(ws);
  const lower = said.toLowerCase();
  if (lower === 'monitoring') return { kind: 'monitoring' };
  if (lower === 'customer' || lower === 'customers' || lower === 'a customer') {
    return { kind: 'customer' };
  }
  const userId = ws.length === 1 ? parseUserMention(said) : null;
  if (userId !== null) return { kind: 'person', userId };
  if (said === '') return { error: `Say who or what detected it after \`by\`: ${BY_FORMS}.` };
  const linkHint = ws.some((w) => w.text.startsWith('@'))
    ? " Pick the person from Slack's autocomplete list so the mention is linked (it turns blue)."
    : '';
  return { error: `After \`by\`, use ${BY_FORMS}; got ${quote(said)}.${linkHint}` };
}

function joined(ws: Word[]): string {
  return ws.map((w) => w.text).join(' ');
}
