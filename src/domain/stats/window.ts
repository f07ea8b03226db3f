// The period numbers are taken over: `7d`, `30d`, `90d`, `365d` (any whole number of days up to
// ten years) or `all`. An incident belongs to the window it was declared in.

const DAY_MS = 86_400_000;
export const MAX_WINDOW_DAYS = 3650;

export interface StatsWindow {
  /** As typed, normalised: `30d` or `all`. */
  label: string;
  /** Null for `all`. */
  days: number | null;
}

export type ParsedWindow = { ok: true; window: StatsWindow } | { ok: false; error: string };

export const DEFAULT_STATS_WINDOW: StatsWindow = { label: '30d', days: 30 };

export function parseStatsWindow(text: string): ParsedWindow {
  const typed = text.trim().toLowerCase();
  if (typed === 'all') return { ok: true, window: { label: 'all', days: null } };
  const match = /^(\d{1,4})d$/.exec(typed);
  const days = match ? Number(match[1]) : Number.NaN;
  if (!(days >= 1 && days <= MAX_WINDOW_DAYS)) {
    return {
      ok: false,
      error: `\`${text.trim().slice(0, 40)}\` is not a window: use 7d, 30d, 90d, 365d (any number of days from 1 to ${MAX_WINDOW_DAYS}) or all.`,
    };
  }
  return { ok: true, window: { label: `${days}d`, days } };
}

/** The window's bounds in epoch ms: [since, until); since is null for `all`. */
export function windowBounds(
  window: StatsWindow,
  now: number,
): { since: number | null; until: number } {
  return { since: window.days === null ? null : now - window.days * DAY_MS, until: now };
}
