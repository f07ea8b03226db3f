import { formatDuration } from './durations.ts';
import {
  detectedPoint,
  detectionOf,
  impactStartPoint,
  mitigatedPoint,
  resolvedPoint,
} from './metric-points.ts';
import type {
  AlertOccurrence,
  Incident,
  IncidentEvent,
  IncidentMetrics,
  MetricPoint,
  PeopleDirectory,
  RecordedMessage,
} from './types.ts';

export interface MetricsInput {
  incident: Incident;
  events: readonly IncidentEvent[];
  messages: readonly RecordedMessage[];
  /** Alert notifications from channel messages and webhooks (deleted messages already left out). */
  alerts: readonly AlertOccurrence[];
  people: PeopleDirectory;
}

/**
 * Definitions and reasoning: docs/metrics.md. Keep the two in step. `firstHuman` answers the
 * earliest human message at or after a time; given, `input.messages` is not read (a caller that
 * streams the messages folds it in one pass: detection does not depend on them).
 */
export function computeMetrics(
  input: MetricsInput,
  firstHuman?: (detectedAt: number) => number | null,
): IncidentMetrics {
  const { incident, events } = input;
  const detected = detectedPoint(input);
  const impactStart = impactStartPoint(input, detected);
  const mitigated = mitigatedPoint(input);
  const resolved = resolvedPoint(input);
  const firstOf = (kind: IncidentEvent['kind']) => events.find((e) => e.kind === kind)?.at ?? null;
  const since = (from: number, to: number | null) => (to === null ? null : to - from);

  return {
    impactStart,
    detected,
    mitigated,
    resolved,
    ttdMs: detected.at - impactStart.at,
    ttmMs: mitigated === null ? null : mitigated.at - detected.at,
    totalMs: mitigated === null ? null : mitigated.at - impactStart.at,
    timeToDeclareMs: incident.declaredAt - detected.at,
    ttaMs: since(detected.at, firstHumanResponse(input, detected.at, firstHuman)),
    timeToLeadMs: since(incident.declaredAt, firstOf('lead_changed')),
    timeToFirstActionMs: since(incident.declaredAt, firstOf('action_added')),
    ttrMs: resolved === null ? null : resolved.at - impactStart.at,
    detection: detectionOf(input, detected),
    warnings: orderingWarnings([
      ['Impact start', impactStart],
      ['Detected', detected],
      ['Mitigated', mitigated],
      ['Resolved', resolved],
    ]),
  };
}

/** A person reacting: their first message at or after detection, or the declaration itself. */
function firstHumanResponse(
  input: MetricsInput,
  detectedAt: number,
  firstHuman?: (detectedAt: number) => number | null,
): number | null {
  const folded = firstHuman?.(detectedAt);
  const candidates =
    firstHuman === undefined
      ? input.messages
          .filter((m) => !m.isBot && !m.deleted && m.userId !== null && m.postedAt >= detectedAt)
          .map((m) => m.postedAt)
      : folded == null
        ? []
        : [folded];
  if (input.incident.declaredAt >= detectedAt) candidates.push(input.incident.declaredAt);
  return candidates.length === 0 ? null : Math.min(...candidates);
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
