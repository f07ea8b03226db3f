import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfMonth } from 'date-fns/startOfMonth';
import { localDay } from '../reminders.ts';

// Calendar weeks (ISO, Monday first) and months in SCRIBE_TIMEZONE, cut to a window: the time
// axis of the insights charts.

export type BucketUnit = 'week' | 'month';

export interface Bucket {
  /** `2026-W05` for a week, `2026-02` for a month (in the zone). */
  key: string;
  /** [start, end) in epoch ms, cut to the window: the first and last may be partial. */
  start: number;
  end: number;
  /** First and last local day it covers, inclusive (`YYYY-MM-DD`), as the incident list's filter takes them. */
  from: string;
  to: string;
}

/** The weeks or months that [since, until) touches, oldest first; none when it is empty. */
export function bucketsOf(
  unit: BucketUnit,
  since: number,
  until: number,
  timeZone: string,
): Bucket[] {
  const out: Bucket[] = [];
  if (until <= since) return out;
  const local = new TZDate(since, timeZone);
  let start: TZDate = unit === 'week' ? startOfISOWeek(local) : startOfMonth(local);
  while (start.getTime() < until) {
    // Calendar steps in the zone, so a daylight-saving change keeps weeks starting at midnight.
    const next = unit === 'week' ? addDays(start, 7) : addMonths(start, 1);
    const from = Math.max(start.getTime(), since);
    const to = Math.min(next.getTime(), until);
    out.push({
      key: format(start, unit === 'week' ? "RRRR-'W'II" : 'yyyy-MM'),
      start: from,
      end: to,
      from: localDay(from, timeZone),
      to: localDay(to - 1, timeZone),
    });
    start = next;
  }
  return out;
}

/** The index of the bucket holding `at`; times outside are put in the first or last bucket. */
export function bucketIndex(buckets: readonly Bucket[], at: number): number {
  let low = 0;
  let high = buckets.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((buckets[mid] as Bucket).start <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}
