import type { ArgReader } from './method-kit.ts';
import { tsToMicros } from './timestamps.ts';

export interface Window {
  oldest: number;
  latest: number;
  inclusive: boolean;
}

/** oldest/latest/inclusive as Slack reads them; inclusive only matters at a given bound. */
export function readWindow(args: ArgReader): Window | { error: string } {
  const oldestArg = args.string('oldest');
  const latestArg = args.string('latest');
  const oldest = oldestArg === undefined ? 0 : tsToMicros(oldestArg);
  const latest = latestArg === undefined ? Number.POSITIVE_INFINITY : tsToMicros(latestArg);
  if (Number.isNaN(oldest)) return { error: 'invalid_ts_oldest' };
  if (Number.isNaN(latest)) return { error: 'invalid_ts_latest' };
  return { oldest, latest, inclusive: args.bool('inclusive') };
}

export function inWindow(ts: string, window: Window): boolean {
  const at = tsToMicros(ts);
  if (window.inclusive) return at >= window.oldest && at <= window.latest;
  return at > window.oldest && at < window.latest;
}

/** Missing or zero means the default; anything else is held to 1..max. */
export function readLimit(args: ArgReader, defaultLimit: number, max: number): number {
  const limit = args.int('limit');
  if (limit === undefined || limit === 0) return defaultLimit;
  return Math.min(Math.max(limit, 1), max);
}

// Cursors name the timestamp the next page starts at (as Slack's own `next_ts:` cursors do), so
// messages posted between two page requests do not shift the pages.
const CURSOR_PREFIX = 'next_ts:';

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  nextCursor: string;
}

/**
 * One page of `items`, which must already be in delivery order. `direction` says which way that
 * order runs, so a cursor can find its place again.
 */
export function paginate<T extends { ts: string }>(
  items: T[],
  cursor: string | undefined,
  limit: number,
  direction: 'newest-first' | 'oldest-first',
): Page<T> | { error: string } {
  let start = 0;
  if (cursor !== undefined) {
    const at = decodeCursor(cursor);
    if (at === undefined) return { error: 'invalid_cursor' };
    start = items.findIndex((item) => {
      const micros = tsToMicros(item.ts);
      return direction === 'newest-first' ? micros <= at : micros >= at;
    });
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + limit);
  const next = items[start + limit];
  return {
    items: page,
    hasMore: next !== undefined,
    nextCursor: next === undefined ? '' : Buffer.from(CURSOR_PREFIX + next.ts).toString('base64'),
  };
}

function decodeCursor(cursor: string): number | undefined {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return undefined;
  const micros = tsToMicros(text.slice(CURSOR_PREFIX.length));
  return Number.isNaN(micros) ? undefined : micros;
}
