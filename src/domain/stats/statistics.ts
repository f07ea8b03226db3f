/** A metric's statistics over the incidents where it is known; null values are left out. */
export interface Summary {
  median: number | null;
  p90: number | null;
  /** How many incidents the metric is known for. */
  n: number;
}

/** Median and p90 as docs/stats.md defines them: an even count's median is the middle two's mean. */
export function summarize(values: ReadonlyArray<number | null>): Summary {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = known.length;
  if (n === 0) return { median: null, p90: null, n };
  const mid = Math.floor(n / 2);
  const median =
    n % 2 === 1
      ? (known[mid] as number)
      : ((known[mid - 1] as number) + (known[mid] as number)) / 2;
  return { median, p90: nearestRank(known, 90), n };
}

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}
