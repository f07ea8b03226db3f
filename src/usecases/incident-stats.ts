import type { Clock } from '../clock.ts';
import { computeMetrics } from '../domain/metrics.ts';
import { computeStats, type StatsRequest } from '../domain/stats/compute.ts';
import type { IncidentStats, PostmortemState, StatsIncident } from '../domain/stats/model.ts';
import { POSTMORTEM_STATES } from '../domain/stats/model.ts';
import { statsLines } from '../domain/stats/stats-text.ts';
import { MRKDWN } from '../domain/stats/text-style.ts';
import { type StatsWindow, windowBounds } from '../domain/stats/window.ts';
import { incidentAlerts } from './incident-alerts.ts';
import type { CommandOutcome } from './ports.ts';
import type { StatsRecord } from './stats-port.ts';
import type { Store } from './store-port.ts';

type StatsDeps = { store: Store; clock: Clock; timeZone: string };

/** One incident's inputs to the numbers: its metrics exactly as its draft computes them. */
export function statsIncidentOf(record: StatsRecord): StatsIncident {
  const { incident } = record;
  const alerts = incidentAlerts(record.messageAlerts, record.webhookAlerts);
  // Messages only feed TTA, which the numbers do not use: not read for hundreds of incidents.
  const metrics = computeMetrics({
    incident,
    events: record.events,
    messages: [],
    alerts,
    people: new Map(),
  });
  const state = POSTMORTEM_STATES.find((s) => s === record.postmortemState) ?? 'draft';
  return {
    id: incident.id,
    channelId: incident.channelId,
    channelName: incident.channelName,
    title: incident.title,
    severity: incident.severity,
    isPrivate: incident.isPrivate === true,
    declaredAt: incident.declaredAt,
    ttdMs: metrics.ttdMs,
    ttmMs: metrics.ttmMs,
    ttrMs: metrics.ttrMs,
    detectedBy: metrics.detection.source,
    category: record.category,
    services: record.services,
    alertNames: [...new Set(alerts.map((o) => o.alert.name))],
    postmortemState: state as PostmortemState,
    followUps: record.followUps,
  };
}

export type StatsAnswer = { ok: true; stats: IncidentStats } | { ok: false; error: string };

/** What the numbers of a window are computed from: the insights page reads the same. */
export type StatsInputs =
  | { ok: true; incidents: StatsIncident[]; request: StatsRequest }
  | { ok: false; error: string };

/** The incidents read for a window, optionally of one service; an unknown service is refused. */
export async function readStatsInputs(
  deps: StatsDeps,
  input: { window: StatsWindow; service: string | null },
): Promise<StatsInputs> {
  const service = input.service?.toLowerCase() ?? null;
  if (service !== null && !(await deps.store.stats.knownServices()).includes(service)) {
    return {
      ok: false,
      error: `No incident is tagged with service \`${service}\`. Tag one with \`/incident tag service:${service}\`, or leave the service out.`,
    };
  }
  const now = deps.clock.now();
  const { since, until } = windowBounds(input.window, now);
  const records = await deps.store.stats.declaredIn(since, until);
  return {
    ok: true,
    incidents: records.map(statsIncidentOf),
    request: { window: input.window.label, since, until, service, now, timeZone: deps.timeZone },
  };
}

/** The numbers of a window, optionally of one service; an unknown service is refused. */
export async function readStats(
  deps: StatsDeps,
  input: { window: StatsWindow; service: string | null },
): Promise<StatsAnswer> {
  const inputs = await readStatsInputs(deps, input);
  if (!inputs.ok) return inputs;
  return { ok: true, stats: computeStats(inputs.incidents, inputs.request) };
}

/** `/incident stats [window] [service:<name>]`: the numbers, privately, from any channel. */
export async function showStats(
  deps: StatsDeps,
  input: { window: StatsWindow; service: string | null },
): Promise<CommandOutcome> {
  const answer = await readStats(deps, input);
  if (!answer.ok) return { reply: answer.error };
  return { reply: statsLines(answer.stats, MRKDWN, deps.timeZone).join('\n') };
}
