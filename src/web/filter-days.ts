import { instantsOf } from '../domain/wall-time.ts';

// Calendar days typed into a filter (`from=2026-03-01`): checked, and turned into instants in the
// bot's zone so a day means the same hours the pages show.

export interface Day {
  year: number;
  month: number;
  day: number;
}

export function isCalendarDay(d: Day): boolean {
  // The pattern gives four-digit years, and from 1970 Date.UTC reads them as written.
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return (
    d.year >= 1970 &&
    date.getUTCFullYear() === d.year &&
    date.getUTCMonth() === d.month - 1 &&
    date.getUTCDate() === d.day
  );
}

export function nextDay(d: Day): Day {
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The first instant of a day in the zone: midnight, or when midnight falls in a clock change's
 * gap (some zones spring forward at 00:00), the first hour that exists.
 */
export function startOfDay(d: Day, timeZone: string): number {
  for (let hour = 0; hour < 24; hour++) {
    const [first] = instantsOf({ ...d, hour, minute: 0, second: 0 }, timeZone);
    if (first !== undefined) return first;
  }
  throw new Error(`no hour of ${dayText(d)} exists in ${timeZone}`);
}

export function dayText(d: Day): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;
}
