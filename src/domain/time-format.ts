import { TZDate, tzName } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** `2026-11-21 14:05:09 UTC`, `2026-11-21 09:05:09 EST`, `2026-11-21 15:05:09 GMT+1`. */
export function formatTime(at: number, timeZone: string): string {
  const date = new TZDate(at, timeZone);
  return `${format(date, 'yyyy-MM-dd HH:mm:ss')} ${tzName(timeZone, date, 'short')}`;
}

/** Wall-clock time only, `14:05:09`; callers show the zone once elsewhere. */
export function formatClock(at: number, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'HH:mm:ss');
}

/** Calendar day in the zone, `2026-11-21`, used to group a timeline by day. */
export function formatDay(at: number, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd');
}

/** Short zone label for the given instant, e.g. `UTC`, `EST`, `GMT+1`. */
export function formatZone(at: number, timeZone: string): string {
  return tzName(timeZone, new TZDate(at, timeZone), 'short');
}
