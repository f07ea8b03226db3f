import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** `2026-11-21 14:05:09 UTC`, `2026-11-21 09:05:09 EST`, `2026-11-21 15:05:09 GMT+1`. */
export function formatTime(at: number, timeZone: string): string {
  const date = new TZDate(at, timeZone);
  return `${format(date, 'yyyy-MM-dd HH:mm:ss')} ${formatZone(at, timeZone)}`;
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
  // As @date-fns/tz's tzName words it: the hour and AM/PM, then the zone's name. tzName makes a
  // new Intl.DateTimeFormat per call (a tenth of a millisecond or more); one is kept per zone.
  return zoneNameFormat(timeZone).format(at).split(/\s/g).slice(2).join(' ');
}

/** Formats by zone: the zones in use are few (the bot's, its people's), but kept bounded. */
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();
const ZONE_FORMATS_KEPT = 64;

function zoneNameFormat(timeZone: string): Intl.DateTimeFormat {
  let made = zoneNameFormats.get(timeZone);
  if (made === undefined) {
    // Enforces the hour, as tzName does: without it JavaScriptCore leaves the time out.
    made = new Intl.DateTimeFormat('en-US', { hour: 'numeric', timeZone, timeZoneName: 'short' });
    if (zoneNameFormats.size >= ZONE_FORMATS_KEPT) zoneNameFormats.clear();
    zoneNameFormats.set(timeZone, made);
  }
  return made;
}
