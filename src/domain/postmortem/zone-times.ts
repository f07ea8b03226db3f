import { formatClock, formatDay, formatZone } from '../time-format.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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

/**
 * formatClock and friends go through Intl and cost tens of microseconds a call; a long draft asks
 * for hundreds of thousands of stamps that fall into a few thousand minutes. Zone offsets are
 * whole minutes (every rule since 1972), so one answer per minute serves all of its seconds.
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
  const hourMinute = perMinute((at, zone) => formatClock(at, zone).slice(0, 5));
  const clock = (at: number) => {
    const seconds = Math.floor((at - Math.floor(at / MINUTE) * MINUTE) / 1000);
    return `${hourMinute(at)}:${String(seconds).padStart(2, '0')}`;
  };
  const day = perMinute(formatDay);
  const zoneByMinute = perMinute(formatZone);
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
    return name ?? zoneByMinute(at);
  };
  return { clock, day, zone, time: (at) => `${day(at)} ${clock(at)} ${zone(at)}` };
}
