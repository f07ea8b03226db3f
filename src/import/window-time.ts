import { isExists } from 'date-fns/isExists';
import { instantsOf, naiveMs } from '../domain/wall-time.ts';

// --from and --to: ISO 8601 with an offset, or a wall time ("2026-03-12 14:05") in the zone.
// Bounds are inclusive to the precision typed: `--to 14:05` keeps a message at 14:05:40.

export type Edge = 'from' | 'to';
type BoundResult = { ok: true; at: number } | { ok: false; error: string };

const FORM =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const TIME_FORMS =
  'Use ISO 8601 (2026-03-12T14:05:00Z, 2026-03-12T15:05+01:00) or "YYYY-MM-DD HH:MM" in SCRIBE_TIMEZONE.';

export function parseBound(raw: string, edge: Edge, timeZone: string): BoundResult {
  const text = raw.trim();
  const m = FORM.exec(text);
  if (!m) return fail(`--${edge} "${text}" is not a time I can read. ${TIME_FORMS}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasClock = m[4] !== undefined;
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  if (!isExists(year, month - 1, day)) return fail(`--${edge} "${text}" is not a real date.`);
  if (hour > 23 || minute > 59 || second > 59) {
    return fail(`--${edge} "${text}" is not a real time.`);
  }
  const wall = { year, month, day, hour, minute, second };
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  // How long the typed time lasts: a whole day, minute or second, or the exact millisecond.
  const span = !hasClock ? DAY : m[6] === undefined ? MINUTE : m[7] === undefined ? 1000 : 1;
  const offset = m[8];
  let start: number;
  if (offset !== undefined) {
    const minutes = offsetMinutes(offset);
    if (minutes === null) return fail(`--${edge} "${text}" has no real UTC offset.`);
    start = naiveMs(wall) - minutes * MINUTE + fraction;
  } else {
    const instants = instantsOf(wall, timeZone);
    const first = instants[0];
    const last = instants.at(-1);
    if (first === undefined || last === undefined) {
      return fail(`--${edge} "${text}" did not exist in ${timeZone}: the clocks jumped past it.`);
    }
    start = (edge === 'from' ? first : last) + fraction;
  }
  return { ok: true, at: edge === 'from' ? start : start + span - 1 };
}

function offsetMinutes(offset: string): number | null {
  if (/^(?:z|utc)$/i.test(offset)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function fail(error: string): BoundResult {
  return { ok: false, error };
}
