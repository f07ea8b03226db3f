import { zoneTimes } from './postmortem/zone-times.ts';
import { condense, plainToSafeMrkdwn } from './slack-text.ts';
import { formatClock, formatTime, formatZone } from './time-format.ts';

// Slack mrkdwn text (times every reader sees in their own zone, escaped user text, lines packed
// into bounded texts) for announcements, replies and Block Kit alike. Block structure is Slack's.

/**
 * `<!date^…>` makes Slack show each reader their own local time; the fallback (draft zone)
 * is what clients that cannot localise, and notifications, show instead.
 */
export function slackTime(at: number, timeZone: string, withDate: boolean): string {
  const unix = Math.floor(at / 1000);
  if (withDate) return `<!date^${unix}^{date_short} {time_secs}|${formatTime(at, timeZone)}>`;
  return `<!date^${unix}^{time_secs}|${formatClock(at, timeZone)} ${formatZone(at, timeZone)}>`;
}

/** slackTime and the day, for one zone, for callers that format many times (see zoneTimes). */
export interface SlackTimes {
  slackTime(at: number, withDate: boolean): string;
  dayOf(at: number): string;
}

export function slackTimes(timeZone: string): SlackTimes {
  const times = zoneTimes(timeZone);
  return {
    slackTime(at, withDate) {
      const unix = Math.floor(at / 1000);
      if (withDate) return `<!date^${unix}^{date_short} {time_secs}|${times.time(at)}>`;
      return `<!date^${unix}^{time_secs}|${times.clock(at)} ${times.zone(at)}>`;
    },
    dayOf: times.day,
  };
}

/**
 * Joins lines into as few texts of at most `max` characters as possible, never splitting a
 * line, and stops before exceeding `maxTexts`. `used` says how many lines made it in.
 */
export function packLines(
  lines: readonly string[],
  max: number,
  maxTexts: number,
): { texts: string[]; used: number } {
  const texts: string[] = [];
  let current: string | null = null;
  let used = 0;
  for (const line of lines) {
    if (current !== null && current.length + 1 + line.length <= max) {
      current = `${current}\n${line}`;
    } else {
      if (current !== null) texts.push(current);
      if (texts.length >= maxTexts || line.length > max) return { texts, used };
      current = line;
    }
    used++;
  }
  if (current !== null) texts.push(current);
  return { texts, used };
}

/** One line of user text, escaped; the plain cap keeps even an all-`&` line within bounds. */
export function safeLine(plain: string, max: number): string {
  return plainToSafeMrkdwn(condense(plain, max));
}

/**
 * Multi-line user text, escaped and cut so the escaped result fits `max`. Escaping can grow text
 * fivefold (`&` → `&amp;`), so the cut is made on the plain text until the result fits.
 */
export function safeWithin(plain: string, max: number): string {
  let keep = Math.min(plain.length, max);
  for (;;) {
    const out = plainToSafeMrkdwn(clip(plain, keep));
    if (out.length <= max || keep === 0) return out;
    keep = Math.max(0, Math.min(keep - 1, Math.floor((keep * max) / out.length)));
  }
}

/** Like `condense` but keeps line breaks, which are paragraphs here. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}
