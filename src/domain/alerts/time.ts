import type { SlackMessageLike } from './shared.ts';

// Times as alert messages print them. A time without a zone is ambiguous, so it is not a time.

// ISO 8601 (`2026-11-21T13:51:00Z`), Go's default (`2026-11-21 13:51:00.5 +0000 UTC`, what
// `{{ .StartsAt }}` prints) and `2026-11-21 13:51:00 UTC` (Datadog's `{{last_triggered_at}}`).
const TIME =
  /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?/y;
const SLACK_DATE = /<!date\^(\d{9,11})\^/y;
const EPOCH = /(\d{13}|\d{10})(?!\d)/y;
const GAP = /[\s*_:=`>|-]{0,8}/y;

export const START_LABELS =
  /\b(?:started(?: at)?|starts ?at|start(?:ed)?[ _]time|since|fired at|firing since|(?:last[ _])?triggered[ _]at|first triggered|began|created at|opened at|first seen)\b/gi;

/** Epoch ms of the first time written right after one of `labels` (a global regex), or null. */
export function statedTime(texts: readonly string[], labels = START_LABELS): number | null {
  for (const text of texts) {
    for (const match of text.matchAll(labels)) {
      GAP.lastIndex = match.index + match[0].length;
      GAP.exec(text);
      const at = timeAt(text, GAP.lastIndex);
      if (at !== null) return at;
    }
  }
  return null;
}

function timeAt(text: string, index: number): number | null {
  SLACK_DATE.lastIndex = index;
  const slackDate = SLACK_DATE.exec(text);
  if (slackDate) return Number(slackDate[1]) * 1000;
  EPOCH.lastIndex = index;
  const epoch = EPOCH.exec(text)?.[1];
  if (epoch !== undefined) return epoch.length === 13 ? Number(epoch) : Number(epoch) * 1000;
  TIME.lastIndex = index;
  const m = TIME.exec(text);
  return m ? isoParts(m) : null;
}

function isoParts(m: RegExpExecArray): number | null {
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  if (zone === undefined) return null;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (year === undefined || month === undefined || day === undefined || hour === undefined) {
    return null;
  }
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute ?? 0, second ?? 0, ms);
  const check = new Date(utc);
  // Date.UTC rolls 31 November over into December; a calendar that does that is not a date.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23) return null;
  return utc - offsetMs(zone);
}

function offsetMs(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/** An attachment's `ts` (epoch seconds): when the tool sent it, which for a firing is its start. */
export function attachmentTime(m: SlackMessageLike): number | null {
  for (const { ts } of m.attachments ?? []) {
    const seconds = typeof ts === 'string' ? Number(ts) : ts;
    if (seconds !== undefined && Number.isFinite(seconds) && seconds > 0) {
      return Math.round(seconds * 1000);
    }
  }
  return null;
}
