import type { Clock } from '../clock.ts';
import { computeStats, selectIncidents } from '../domain/stats/compute.ts';
import type { IncidentStats } from '../domain/stats/model.ts';
import { type InsightSeries, insightSeries } from '../domain/stats/series.ts';
import type { StatsWindow } from '../domain/stats/window.ts';
import { readStatsInputs } from './incident-stats.ts';
import type { Store } from './store-port.ts';

// The insights page and its CSVs (docs/site.md): the numbers of `scribe stats` for a window, read
// and computed by the same code, and the same incidents spread over weeks and months.

export interface Insights {
  stats: IncidentStats;
  series: InsightSeries;
  /** Services the form offers: those `service=` accepts. */
  services: string[];
}

export type InsightsAnswer =
  | { ok: true; insights: Insights }
  | { ok: false; error: string; services: string[] };

export async function readInsights(
  deps: { store: Store; clock: Clock; timeZone: string },
  input: { window: StatsWindow; service: string | null },
): Promise<InsightsAnswer> {
  const services = await deps.store.stats.knownServices();
  const inputs = await readStatsInputs(deps, input);
  if (!inputs.ok) return { ok: false, error: inputs.error, services };
  const { request } = inputs;
  return {
    ok: true,
    insights: {
      stats: computeStats(inputs.incidents, request),
      series: insightSeries(selectIncidents(inputs.incidents, request), request),
      services,
    },
  };
}
