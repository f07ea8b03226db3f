import { isExists } from 'date-fns/isExists';
import { quote } from './commands/mentions.ts';
import { formatTime } from './time-format.ts';
import { isValidTimeZone } from './time-zone.ts';
import {
  type CalendarDay,
  instantsOf,
  naiveMs,
  previousDay,
  type WallTime,
  wallTimeAt,
} from './wall-time.ts';

export type TimeResult = { ok: true; at: number } | { ok: false; error: string };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

// People type times to the minute and clocks drift, so "14:06" typed at 14:05:30 is not future.
const FUTURE_TOLERANCE_MS = MINUTE;
// An incident milestone older than this is almost certainly a mistyped date.
const MAX_AGE_DAYS = 30;
// Longer text is never a time; the cap also keeps the patterns below cheap on hostile input.
const MAX_INPUT_LENGTH = 64;
// Date.prototype's own range; beyond it nothing can be formatted or compared.
const MAX_EPOCH_MS = 8.64e15;

const ACCEPTED_FORMS =
  'Use a clock time (`14:05`, `14:05:30`, `2:05pm`, `14:05 UTC`), ' +
  'a date and time (`2026-11-21 14:05`), ' +
  'an ISO time with an offset (`2026-11-21T14:05:00Z`) or a relative time ' +
  '(`15m ago`, `1h 30m ago`, `now`).';

interface Clock {
  hour: number;
  minute: number;
  second: number;
  meridiem: 'am' | 'pm' | null;
}

/** What the text says, before any range or zone checks. */
type Form =
  | { kind: 'now' }
  | { kind: 'ago'; ms: number }
  | { kind: 'clock'; clock: Clock; inUtc: boolean }
  | { kind: 'wall'; day: CalendarDay; clock: Clock; inUtc: boolean }
  | { kind: 'offset'; day: CalendarDay; clock: Clock; offsetMinutes: number | null };

const CLOCK_24 = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const CLOCK_12 = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?)? ?([ap])m$/;
const DATE_THEN_REST = /^(\d{4})-(\d{2})-(\d{2})[t ](.+)$/;
const OFFSET_SUFFIX = /^(.+?)(z|[+-](\d{2}):?(\d{2})?)$/;
// People quoting log or dashboard times often add the zone; UTC is the one that comes up.
const UTC_SUFFIX = /^(.+?) ?(?:utc|gmt)$/;
const AGO = /^((?:\d+ ?[a-z]+ ?)+)ago$/;
const AGO_PART = /(\d+) ?([a-z]+)/g;

const UNIT_MS: ReadonlyMap<string, number> = new Map(
  (
    [
      [SECOND, ['s', 'sec', 'secs', 'second', 'seconds']],
      [MINUTE, ['m', 'min', 'mins', 'minute', 'minutes']],
      [60 * MINUTE, ['h', 'hr', 'hrs', 'hour', 'hours']],
      [DAY, ['d', 'day', 'days']],
    ] as const
  ).flatMap(([ms, names]) => names.map((name): [string, number] => [name, ms])),
);

/**
 * Reads the time someone typed for an incident milestone. `exactNow` is epoch ms. Input without
 * an offset or a `UTC` suffix is wall time in `timeZone`. The result is whole seconds: as typed,
 * or counted back from now floored to the second.
 *
 * A bare clock time (`14:05`, `2pm`) means today in `timeZone`, unless that is more than a
 * minute after `now`: then it means yesterday. Milestones are reported after the fact, so
 * `14:05` typed at 00:10 is the afternoon that just ended, not one still to come.
 *
 * A wall time that never happened (skipped by a spring-forward change) is an error; one that
 * happened twice (fall-back) is the earlier of the two, the first time the clock showed it.
 */
export function parseIncidentTime(raw: string, exactNow: number, timeZone: string): TimeResult {
  if (!isValidTimeZone(timeZone)) return fail(`Unknown time zone ${quote(timeZone)}.`);
  if (!(Math.abs(exactNow) <= MAX_EPOCH_MS)) return fail('The current time is out of range.');
  // Results are whole seconds, so every comparison with now is made at that precision too.
  const now = Math.floor(exactNow / SECOND) * SECOND;
  const shown = raw.trim().split(/\s+/).join(' ');
  if (shown === '') return fail(`Say when. ${ACCEPTED_FORMS}`);
  const form = scan(shown.toLowerCase());
  if (form === null) return fail(`I couldn't read the time ${quote(shown)}. ${ACCEPTED_FORMS}`);
  const at = resolve(form, shown, now, timeZone);
  if (typeof at !== 'number') return fail(at.error);
  if (at - now > FUTURE_TOLERANCE_MS) {
    return fail(
      `That time is in the future (${formatTime(at, timeZone)}; ` +
        `it is now ${formatTime(now, timeZone)}).`,
    );
  }
  if (now - at > MAX_AGE_DAYS * DAY) {
    return fail(`${quote(shown)} is more than ${MAX_AGE_DAYS} days ago; check the date.`);
  }
  return { ok: true, at };
}

/**
 * True when `raw` has the shape of a time `parseIncidentTime` reads, even one it would reject
 * (`25:00`, `2026-02-30 10:00`): the command parser then reports the bad time instead of
 * quietly treating it as the start of a note.
 */
export function looksLikeTime(raw: string): boolean {
  return scan(raw.trim().split(/\s+/).join(' ').toLowerCase()) !== null;
}

function scan(text: string): Form | null {
  if (text.length > MAX_INPUT_LENGTH) return null;
  if (text === 'now') return { kind: 'now' };
  const utc = UTC_SUFFIX.exec(text);
  if (utc) {
    const inner = scan(utc[1] ?? '');
    const zoneless = (inner?.kind === 'clock' || inner?.kind === 'wall') && !inner.inUtc;
    return zoneless ? { ...inner, inUtc: true } : null;
  }
  const ago = AGO.exec(text);
  if (ago) return scanAgo(ago[1] ?? '');
  const clock = scanClock(text);
  if (clock !== null) return { kind: 'clock', clock, inUtc: false };
  const dated = DATE_THEN_REST.exec(text);
  if (!dated) return null;
  const day = { year: Number(dated[1]), month: Number(dated[2]), day: Number(dated[3]) };
  const rest = dated[4] ?? '';
  const wallClock = scanClock(rest);
  if (wallClock !== null) return { kind: 'wall', day, clock: wallClock, inUtc: false };
  const offset = OFFSET_SUFFIX.exec(rest);
  const offsetClock = offset ? scanClock(offset[1] ?? '') : null;
  // A 12-hour clock with an offset is no ISO form anyone copies from a log or a tool.
  if (!offset || offsetClock === null || offsetClock.meridiem !== null) return null;
  return { kind: 'offset', day, clock: offsetClock, offsetMinutes: offsetOf(offset) };
}

function scanAgo(body: string): Form | null {
  let ms = 0;
  for (const [, count, unit] of body.matchAll(AGO_PART)) {
    const unitMs = UNIT_MS.get(unit ?? '');
    if (unitMs === undefined) return null;
    ms += Number(count) * unitMs;
  }
  return { kind: 'ago', ms };
}

function scanClock(text: string): Clock | null {
  const h24 = CLOCK_24.exec(text);
  if (h24) return { hour: num(h24[1]), minute: num(h24[2]), second: num(h24[3]), meridiem: null };
  const h12 = CLOCK_12.exec(text);
  if (!h12) return null;
  const meridiem = h12[4] === 'p' ? 'pm' : 'am';
  return { hour: num(h12[1]), minute: num(h12[2]), second: num(h12[3]), meridiem };
}

function num(digits: string | undefined): number {
  return Number(digits ?? 0);
}

/** Offset in minutes east of UTC, or null when it names no real offset (`+25:00`). */
function offsetOf(match: RegExpExecArray): number | null {
  if (match[2] === 'z') return 0;
  const hours = Number(match[3]);
  const minutes = Number(match[4] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return (match[2]?.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function resolve(form: Form, shown: string, now: number, zone: string): number | { error: string } {
  switch (form.kind) {
    case 'now':
      return now;
    case 'ago':
      return now - form.ms;
    case 'clock':
      return resolveClock(form.clock, shown, now, form.inUtc ? 'UTC' : zone);
    case 'wall': {
      const wall = toWallTime(form.day, form.clock, shown);
      return 'error' in wall ? wall : atWallTime(wall, shown, form.inUtc ? 'UTC' : zone);
    }
    case 'offset': {
      const wall = toWallTime(form.day, form.clock, shown);
      if ('error' in wall) return wall;
      if (form.offsetMinutes === null) return { error: `${quote(shown)} has no real UTC offset.` };
      return naiveMs(wall) - form.offsetMinutes * MINUTE;
    }
  }
}

function resolveClock(
  clock: Clock,
  shown: string,
  now: number,
  zone: string,
): number | { error: string } {
  const time = toHms(clock, shown);
  if ('error' in time) return time;
  const current = wallTimeAt(now, zone);
  const today = { ...current, ...time };
  const earliest = instantsOf(today, zone)[0];
  // A time skipped today has no instant to compare, so it is compared as the clock reads.
  const isFuture =
    earliest === undefined
      ? naiveMs(today) - naiveMs(current) > FUTURE_TOLERANCE_MS
      : earliest - now > FUTURE_TOLERANCE_MS;
  return atWallTime(isFuture ? { ...previousDay(current), ...time } : today, shown, zone);
}

function atWallTime(wall: WallTime, shown: string, zone: string): number | { error: string } {
  const earliest = instantsOf(wall, zone)[0];
  if (earliest !== undefined) return earliest;
  const date = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
  return {
    error: `${quote(shown)} did not exist on ${date} in ${zone}: the clocks jumped forward past it.`,
  };
}

function toWallTime(day: CalendarDay, clock: Clock, shown: string): WallTime | { error: string } {
  if (!isExists(day.year, day.month - 1, day.day)) {
    return { error: `${quote(shown)} is not a real date.` };
  }
  const time = toHms(clock, shown);
  return 'error' in time ? time : { ...day, ...time };
}

type Hms = Pick<WallTime, 'hour' | 'minute' | 'second'>;

function toHms(clock: Clock, shown: string): Hms | { error: string } {
  const { hour, minute, second, meridiem } = clock;
  const hourOk = meridiem === null ? hour <= 23 : hour >= 1 && hour <= 12;
  if (!hourOk || minute > 59 || second > 59) {
    return { error: `${quote(shown)} is not a real time.` };
  }
  if (meridiem === null) return { hour, minute, second };
  // 12am is midnight and 12pm is noon.
  return { hour: (hour % 12) + (meridiem === 'pm' ? 12 : 0), minute, second };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function fail(error: string): TimeResult {
  return { ok: false, error };
}
