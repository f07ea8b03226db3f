import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';

// WEEKLY_REVIEW: a weekday and a time of day in SCRIBE_TIMEZONE, e.g. `mon 09:00`.

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const FULL = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export interface WeeklySchedule {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  isoDay: number;
  /** Minutes after local midnight. */
  minute: number;
  /** As configured, normalised: `mon 09:00`. */
  label: string;
}

export type ParsedSchedule = { ok: true; schedule: WeeklySchedule } | { ok: false; error: string };

export function parseWeeklySchedule(text: string): ParsedSchedule {
  const match = /^([a-z]+)\s+(\d{1,2}):(\d{2})$/.exec(text.trim().toLowerCase());
  const typed = match?.[1] ?? '';
  // `mon`, `monday` and the prefixes between (`tues`).
  const day = typed.length >= 3 ? FULL.findIndex((full) => full.startsWith(typed)) : -1;
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (!match || day < 0 || hour > 23 || minute > 59) {
    return {
      ok: false,
      error: `WEEKLY_REVIEW must be a weekday and a time, such as "mon 09:00" (got "${text}")`,
    };
  }
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return {
    ok: true,
    schedule: { isoDay: day + 1, minute: hour * 60 + minute, label: `${DAYS[day]} ${hh}:${mm}` },
  };
}

/** This ISO week's review (in the zone): when it is due, its key and the week it looks back on. */
export interface ReviewSlot {
  /** ISO week of the slot in the zone: `2026-W48`. */
  week: string;
  /** When it is due: the configured weekday and time of this week. */
  at: number;
  /** It reports on [since, at): the seven days before. */
  since: number;
}

/** The slot of the ISO week `now` falls in (it may still be ahead of `now`). */
export function slotOfWeek(schedule: WeeklySchedule, now: number, timeZone: string): ReviewSlot {
  const local = new TZDate(now, timeZone);
  const isoDay = ((local.getDay() + 6) % 7) + 1;
  const day = addDays(local, schedule.isoDay - isoDay);
  const at = new TZDate(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    Math.floor(schedule.minute / 60),
    schedule.minute % 60,
    0,
    timeZone,
  );
  // Seven calendar days back in the zone, so a daylight-saving change keeps the wall time.
  const since = addDays(at, -7).getTime();
  return { week: format(at, "RRRR-'W'II"), at: at.getTime(), since };
}

/** The slot that is due now: this week's once its time has come, else none. */
export function dueSlot(
  schedule: WeeklySchedule,
  now: number,
  timeZone: string,
): ReviewSlot | null {
  const slot = slotOfWeek(schedule, now, timeZone);
  return now >= slot.at ? slot : null;
}
