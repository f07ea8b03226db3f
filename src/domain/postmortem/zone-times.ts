import { tzOffset } from '@date-fns/tz';
import { formatClock, formatDay, formatZone } from '../time-format.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Offsets are whole minutes from 1972 on (before, some zones kept seconds, e.g. LMT); years
// past 9999 do not fit `yyyy`. Outside these bounds every answer comes from time-format itself,
// uncached.
const ARITHMETIC_FROM = Date.UTC(1972, 0, 1);
const ARITHMETIC_UNTIL = Date.UTC(9000, 0, 1);

/** The time-format functions, for one zone, at a fraction of their cost when called often. */
export interface ZoneTimes {
  /** `14:05:09`, as formatClock. */
  clock(at: number): string;
  /** `2026-11-21`, as formatDay. */
  day(at: number): string;
  /** `CET`, `GMT+1`, as formatZone. */
  zone(at: number): string;
  /** `2026-11-21 14:05:09 CET`, as formatTime. */
  time(at: number): string;
}

const inRange = (at: number) => at >= ARITHMETIC_FROM && at < ARITHMETIC_UNTIL;
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * formatClock and friends go through Intl and cost tens of microseconds a call; a long draft (or
 * its Slack summary) asks for hundreds of thousands of stamps. Within an hour whose first and last
 * minute have the same UTC offset (all but the hours of a daylight-saving change), the wall clock
 * is the instant plus that offset: plain arithmetic, one Intl call per hour. The hours of a change
 * fall back to one time-format answer per minute; instants outside 1972–9000 to time-format.
 */
export function zoneTimes(timeZone: string): ZoneTimes {
  const perMinute = (format: (at: number, timeZone: string) => string) => {
    const known = new Map<number, string>();
    return (at: number) => {
      const key = Math.floor(at / MINUTE);
      let text = known.get(key);
      if (text === undefined) {
        text = format(key * MINUTE, timeZone);
        known.set(key, text);
      }
      return text;
    };
  };
  const hourMinuteByMinute = perMinute((at, zone) => formatClock(at, zone).slice(0, 5));
  const dayByMinute = perMinute(formatDay);
  const zoneByMinute = perMinute(formatZone);

  // Per hour: its offset in ms when the same all hour long (and arithmetic applies), else null.
  const offsetByHour = new Map<number, number | null>();
  const offsetOf = (at: number): number | null => {
    const hour = Math.floor(at / HOUR);
    let offset = offsetByHour.get(hour);
    if (offset === undefined) {
      const first = tzOffset(timeZone, new Date(hour * HOUR));
      const last = tzOffset(timeZone, new Date(hour * HOUR + HOUR - MINUTE));
      offset = first === last && Number.isInteger(first) ? first * MINUTE : null;
      offsetByHour.set(hour, offset);
    }
    return offset;
  };

  const clock = (at: number) => {
    if (!inRange(at)) return formatClock(at, timeZone);
    const seconds = Math.floor((at - Math.floor(at / MINUTE) * MINUTE) / SECOND);
    const offset = offsetOf(at);
    if (offset === null) return `${hourMinuteByMinute(at)}:${two(seconds)}`;
    const ofDay = ((((at + offset) % DAY) + DAY) % DAY) / MINUTE;
    const minutes = Math.floor(ofDay);
    return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}:${two(seconds)}`;
  };
  const dayByHour = new Map<number, string>();
  const day = (at: number) => {
    if (!inRange(at)) return formatDay(at, timeZone);
    const offset = offsetOf(at);
    if (offset === null) return dayByMinute(at);
    // The local date, cached by local hour (a local hour never spans two dates).
    const localHour = Math.floor((at + offset) / HOUR);
    let text = dayByHour.get(localHour);
    if (text === undefined) {
      text = new Date(localHour * HOUR).toISOString().slice(0, 10);
      dayByHour.set(localHour, text);
    }
    return text;
  };
  // Zone names are the costliest and change at most once an hour: one answer per hour when its
  // first and last minute agree, else per minute.
  const zoneByHour = new Map<number, string | null>();
  const zone = (at: number) => {
    const hour = Math.floor(at / HOUR);
    let name = zoneByHour.get(hour);
    if (name === undefined) {
      const first = formatZone(hour * HOUR, timeZone);
      name = first === formatZone(hour * HOUR + HOUR - MINUTE, timeZone) ? first : null;
      zoneByHour.set(hour, name);
    }
    return name ?? (inRange(at) ? zoneByMinute(at) : formatZone(at, timeZone));
  };
  return { clock, day, zone, time: (at) => `${day(at)} ${clock(at)} ${zone(at)}` };
}
