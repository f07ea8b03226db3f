import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { getDay } from 'date-fns/getDay';
import { isExists } from 'date-fns/isExists';
import { nextMonday } from 'date-fns/nextMonday';
import { quote } from './commands/mentions.ts';

export type DueDateResult = { ok: true; date: string } | { ok: false; error: string };

const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].flatMap(
    (name, index): [string, number][] => [
      [name, index],
      [name.slice(0, 3), index],
    ],
  ),
);

const MAX_RELATIVE_COUNT = 365;
const MAX_YEARS_AHEAD = 2;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RELATIVE = /^in (\d+) ?(d|days?|w|weeks?)$/;

const ACCEPTED_FORMS =
  'Use `YYYY-MM-DD`, `today`, `tomorrow`, a weekday (`friday` or `fri`), `next week`, ' +
  'or `in N days` / `in N weeks` (e.g. `in 3d`, `in 2w`).';

/**
 * Turns what a person typed after `due` into a calendar date in their time zone.
 * `now` is epoch ms; "today" is the calendar day `now` falls on in `timeZone`.
 */
export function resolveDueDate(raw: string, now: number, timeZone: string): DueDateResult {
  const today = todayIn(now, timeZone);
  if ('error' in today) return { ok: false, error: today.error };
  const text = raw.trim().toLowerCase().split(/\s+/).join(' ');
  const date = resolve(text, today);
  if ('error' in date) return { ok: false, error: date.error };
  const iso = format(date, 'yyyy-MM-dd');
  // Zero-padded ISO dates order the same as strings, which sidesteps any zone arithmetic here.
  if (iso < format(today, 'yyyy-MM-dd')) {
    return { ok: false, error: 'That due date is in the past.' };
  }
  const latest = format(addYears(today, MAX_YEARS_AHEAD), 'yyyy-MM-dd');
  if (iso > latest) {
    return {
      ok: false,
      error: `That due date is more than ${MAX_YEARS_AHEAD} years away; pick a date up to ${latest}.`,
    };
  }
  return { ok: true, date: iso };
}

/**
 * True when `raw` has the shape of a due date (it may still be invalid, e.g. `2026-02-30`).
 * Lets the `/action` parser tell `… due friday` apart from text such as `… check the due date`.
 */
export function looksLikeDueDate(raw: string): boolean {
  const [first = '', second = ''] = raw.trim().toLowerCase().split(/\s+/);
  if (/^\d/.test(first) || WEEKDAYS.has(first)) return true;
  if (first === 'today' || first === 'tomorrow' || first === 'next') return true;
  return first === 'in' && /^\d/.test(second);
}

function resolve(text: string, today: TZDate): Date | { error: string } {
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!isExists(year, month - 1, day)) return { error: `${quote(text)} is not a real date.` };
    return new TZDate(year, month - 1, day, 12, today.timeZone);
  }
  if (text === 'today') return today;
  if (text === 'tomorrow') return addDays(today, 1);
  if (text === 'next week') return nextMonday(today);
  const weekday = WEEKDAYS.get(text);
  if (weekday !== undefined) {
    // Strictly after today: on a Friday, `friday` means a week from now.
    return addDays(today, (weekday - getDay(today) + 7) % 7 || 7);
  }
  const relative = RELATIVE.exec(text);
  if (relative) {
    const count = Number(relative[1]);
    if (count < 1 || count > MAX_RELATIVE_COUNT) {
      return { error: `Use a number from 1 to ${MAX_RELATIVE_COUNT} in ${quote(text)}.` };
    }
    return relative[2]?.startsWith('w') ? addWeeks(today, count) : addDays(today, count);
  }
  return { error: `I couldn't read the due date ${quote(text)}. ${ACCEPTED_FORMS}` };
}

// Noon rather than midnight: adding days then never lands on a skipped or repeated hour that
// could push the result across a date boundary.
function todayIn(now: number, timeZone: string): TZDate | { error: string } {
  // TZDate turns an unknown zone into an invalid date rather than throwing.
  if (Number.isNaN(new TZDate(0, timeZone).getTime())) {
    return { error: `Unknown time zone ${quote(timeZone)}.` };
  }
  const zoned = new TZDate(now, timeZone);
  const year = zoned.getFullYear();
  // Guards the formatting below, which throws on dates outside four-digit years.
  if (!(year >= 1000 && year <= 9000)) return { error: 'The current time is out of range.' };
  return new TZDate(year, zoned.getMonth(), zoned.getDate(), 12, timeZone);
}
