import { formatZone } from '../../domain/time-format.ts';
import { instantsOf, naiveMs, type WallTime, wallTimeAt } from '../../domain/wall-time.ts';

// Ticks on a time axis, on round wall-clock times in the bot's zone (SCRIBE_TIMEZONE), so a
// reader in that zone sees 14:00, 14:15, 14:30 rather than whatever the UTC offset makes of them.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 1970-01-05, the first Monday after the epoch: week ticks fall on Mondays. */
const FIRST_MONDAY = 4 * DAY;

const STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  28 * DAY,
];

export interface Tick {
  at: number;
  /** `14:30`, or the day `2026-11-21` for ticks a day or more apart. */
  label: string;
  /** The day, on the first tick and wherever the day changes (sub-day steps only); else null. */
  day: string | null;
}

/** The smallest round step that gives at most `maxTicks` ticks over the span. */
export function tickStep(spanMs: number, maxTicks: number): number {
  const fits = STEPS.find((step) => spanMs / step <= maxTicks);
  return fits ?? Math.ceil(spanMs / maxTicks / (28 * DAY)) * 28 * DAY;
}

/** Ticks within [from, to] at round wall times of `timeZone`, at most about `maxTicks`. */
export function timeTicks(from: number, to: number, timeZone: string, maxTicks = 8): Tick[] {
  if (!(to > from)) return [];
  const step = tickStep(to - from, maxTicks);
  const anchor = step >= 7 * DAY ? FIRST_MONDAY : 0;
  const localFrom = naiveMs(wallTimeAt(from, timeZone));
  const localTo = naiveMs(wallTimeAt(to, timeZone));
  const ticks: Tick[] = [];
  let previousDay: string | null = null;
  for (
    let local = Math.ceil((localFrom - anchor) / step) * step + anchor;
    local <= localTo;
    local += step
  ) {
    // A wall time skipped by a clock change has no instant; a repeated one takes its first.
    const at = instantsOf(wallOf(local), timeZone)[0];
    if (at === undefined || at < from || at > to) continue;
    const day = dayOf(local);
    if (step >= DAY) {
      ticks.push({ at, label: day, day: null });
    } else {
      ticks.push({ at, label: clockOf(local), day: day === previousDay ? null : day });
      previousDay = day;
    }
  }
  return ticks;
}

/** `UTC`, or `GMT+1/GMT+2` when a clock change falls inside the range. */
export function shortZoneLabel(from: number, to: number, timeZone: string): string {
  const first = formatZone(from, timeZone);
  const last = formatZone(to, timeZone);
  return first === last ? first : `${first}/${last}`;
}

/** The short label with the zone's name, `GMT+1 (Europe/Berlin)`, unless they are one. */
export function zoneLabel(from: number, to: number, timeZone: string): string {
  const short = shortZoneLabel(from, to, timeZone);
  return short === timeZone ? short : `${short} (${timeZone})`;
}

function wallOf(local: number): WallTime {
  const d = new Date(local);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: 0,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

function dayOf(local: number): string {
  const w = wallOf(local);
  return `${w.year}-${two(w.month)}-${two(w.day)}`;
}

function clockOf(local: number): string {
  const w = wallOf(local);
  return `${two(w.hour)}:${two(w.minute)}`;
}
