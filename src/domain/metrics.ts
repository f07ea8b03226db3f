import { formatDuration } from './durations.ts';
import type { Incident, IncidentMetrics, MetricPoint, RecordedMessage } from './types.ts';

/** Definitions and reasoning: docs/metrics.md. Keep the two in step. */
export function computeMetrics(
  incident: Incident,
  messages: readonly RecordedMessage[],
): IncidentMetrics {
  const declaration: MetricPoint = {
    at: incident.declaredAt,
    source: 'declaration',
    detail: 'declared by /incident start',
  };
  const firstAlert = earliestFiringAlert(messages);
  // Declaring is itself detection: an alert that fires after we already knew detected nothing.
  const detected =
    firstAlert !== null && firstAlert.at <= declaration.at ? firstAlert : declaration;
  const impactStart = firstAlert !== null && firstAlert.at <= detected.at ? firstAlert : detected;
  const mitigated = mitigationPoint(incident);
  const resolved: MetricPoint | null =
    incident.resolvedAt === null
      ? null
      : { at: incident.resolvedAt, source: 'command', detail: '/incident resolve' };

  return {
    impactStart,
    detected,
    mitigated,
    resolved,
    ttdMs: detected.at - impactStart.at,
    ttmMs: mitigated === null ? null : mitigated.at - detected.at,
    totalMs: mitigated === null ? null : mitigated.at - impactStart.at,
    warnings: orderingWarnings([
      ['Impact start', impactStart],
      ['Detected', detected],
      ['Mitigated', mitigated],
      ['Resolved', resolved],
    ]),
  };
}

function earliestFiringAlert(messages: readonly RecordedMessage[]): MetricPoint | null {
  let first: RecordedMessage | null = null;
  for (const m of messages) {
    if (m.deleted || m.alert?.state !== 'firing') continue;
    if (first === null || m.postedAt < first.postedAt) first = m;
  }
  if (first === null || first.alert === null) return null;
  return {
    at: first.postedAt,
    source: 'alert',
    detail: `first firing alert "${first.alert.title}"`,
  };
}

function mitigationPoint(incident: Incident): MetricPoint | null {
  if (incident.mitigatedAt !== null) {
    return { at: incident.mitigatedAt, source: 'command', detail: '/incident mitigated' };
  }
  if (incident.resolvedAt !== null) {
    return {
      at: incident.resolvedAt,
      source: 'resolution',
      detail: 'resolution (no separate mitigation recorded)',
    };
  }
  return null;
}

/**
 * Points out-of-order times instead of adjusting them: a wrong time usually means a command
 * was run late or against the wrong incident, and only a person can tell which value is right.
 */
function orderingWarnings(points: Array<[string, MetricPoint | null]>): string[] {
  const present = points.filter((p): p is [string, MetricPoint] => p[1] !== null);
  const warnings: string[] = [];
  present.forEach(([laterName, later], i) => {
    const previous = present[i - 1];
    if (previous === undefined || later.at >= previous[1].at) return;
    const [earlierName, earlier] = previous;
    warnings.push(
      `${laterName} (${later.detail}) is recorded ${formatDuration(earlier.at - later.at)} ` +
        `before ${earlierName} (${earlier.detail}); check these times, the durations ` +
        'built on them are not meaningful until they are corrected.',
    );
  });
  return warnings;
}
