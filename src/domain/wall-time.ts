import { TZDate, tzOffset } from '@date-fns/tz';

/** A reading of a wall clock and calendar, with no zone attached. Month is 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type CalendarDay = Pick<WallTime, 'year' | 'month' | 'day'>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every instant at which a clock in `timeZone` shows `wall`, earliest first: none when the time
 * falls in a spring-forward gap, two when it falls in a fall-back overlap.
 */
export function instantsOf(wall: WallTime, timeZone: string): number[] {
  const naive = naiveMs(wall);
  // Zone offsets stay within ±14h, so the offsets a day either side cover any transition
  // near this wall time; each candidate is kept only if the zone really shows `wall` then.
  const candidates = new Set(
    [naive - DAY_MS, naive, naive + DAY_MS].map(
      (probe) => naive - Math.round(tzOffset(timeZone, new Date(probe)) * 60_000),
    ),
  );
  return [...candidates]
    .filter((at) => Number.isFinite(at) && sameWallTime(wallTimeAt(at, timeZone), wall))
    .sort((a, b) => a - b);
}

/** What a clock in `timeZone` shows at the instant `at`. */
export function wallTimeAt(at: number, timeZone: string): WallTime {
  const zoned = new TZDate(at, timeZone);
  return {
    year: zoned.getFullYear(),
    month: zoned.getMonth() + 1,
    day: zoned.getDate(),
    hour: zoned.getHours(),
    minute: zoned.getMinutes(),
    second: zoned.getSeconds(),
  };
}

/**
 * The wall time read as if it were UTC. Only for ordering or shifting wall times against each
 * other; it is not an instant.
 */
export function naiveMs(wall: WallTime): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

export function previousDay(day: CalendarDay): CalendarDay {
  const date = new Date(naiveMs({ ...day, hour: 12, minute: 0, second: 0 }) - DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function sameWallTime(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}
