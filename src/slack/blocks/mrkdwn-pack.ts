import { formatClock, formatDay, formatTime, formatZone } from '../../domain/time-format.ts';

/** Slack's documented Block Kit limits; a message over any of them is rejected outright. */
export const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  fallbackText: 3000,
} as const;

/**
 * `<!date^…>` makes Slack show each reader their own local time; the fallback (draft zone)
 * is what clients that cannot localise, and notifications, show instead.
 */
export function slackTime(at: number, timeZone: string, withDate: boolean): string {
  const unix = Math.floor(at / 1000);
  if (withDate) return `<!date^${unix}^{date_short} {time_secs}|${formatTime(at, timeZone)}>`;
  return `<!date^${unix}^{time_secs}|${formatClock(at, timeZone)} ${formatZone(at, timeZone)}>`;
}

export function dayOf(at: number, timeZone: string): string {
  return formatDay(at, timeZone);
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
