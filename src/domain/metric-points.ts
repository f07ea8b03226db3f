import type { MetricsInput } from './metrics.ts';
import { toolName } from './tool-names.ts';
import {
  type AlertOccurrence,
  type Detection,
  IMPORT_ACTOR_ID,
  type IncidentEvent,
  type MetricPoint,
} from './types.ts';

// Each point says where it came from. A person's explicit override always wins over what the
// bot inferred, and the latest override wins over earlier ones.

function latest(
  events: readonly IncidentEvent[],
  kind: IncidentEvent['kind'],
): IncidentEvent | null {
  let found: IncidentEvent | null = null;
  for (const e of events) if (e.kind === kind && (found === null || e.at >= found.at)) found = e;
  return found;
}

function nameOf(input: MetricsInput, id: string | null): string {
  return id === null ? 'someone' : (input.people.get(id) ?? id);
}

/** "/incident resolve by Ana", or where an import read the time from. */
function how(
  input: MetricsInput,
  event: IncidentEvent | null,
  command: string,
  fromExport: string,
): string {
  if (event?.actorId === IMPORT_ACTOR_ID) return `from the Slack export: ${fromExport}`;
  const by = event ? ` by ${nameOf(input, event.actorId)}` : '';
  const claimed = event?.valueAt != null ? ' (time given)' : '';
  return `${command}${by}${claimed}`;
}

function firing(input: MetricsInput): AlertOccurrence[] {
  return input.alerts.filter((o) => o.alert.state === 'firing');
}

function describeAlert(o: AlertOccurrence): string {
  const via =
    o.origin === 'webhook' ? `${toolName(o.alert.source)} webhook` : toolName(o.alert.source);
  return `first firing alert "${o.alert.title}" (${via})`;
}

export function detectedPoint(input: MetricsInput): MetricPoint {
  const override = latest(input.events, 'detected_set');
  if (override?.valueAt != null) {
    return {
      at: override.valueAt,
      source: 'override',
      detail:
        override.actorId === IMPORT_ACTOR_ID
          ? 'from the Slack export: the first report by a person'
          : `set by ${nameOf(input, override.actorId)} with /incident detected`,
    };
  }
  const declared = input.incident.declaredAt;
  const first = firing(input).reduce<AlertOccurrence | null>(
    (best, o) => (best === null || o.at < best.at ? o : best),
    null,
  );
  // Declaring is itself detection: an alert that fires after we already knew detected nothing.
  if (first !== null && first.at <= declared) {
    return { at: first.at, source: 'alert', detail: describeAlert(first) };
  }
  return { at: declared, source: 'declaration', detail: 'declared by /incident start' };
}

export function impactStartPoint(input: MetricsInput, detected: MetricPoint): MetricPoint {
  const override = latest(input.events, 'impact_start_set');
  if (override?.valueAt != null) {
    return {
      at: override.valueAt,
      source: 'override',
      detail: `set by ${nameOf(input, override.actorId)} with /incident started`,
    };
  }
  // An alert's own start time (Alertmanager's startsAt, a "since" in the message) is when the
  // condition began, which can be well before the notification reached the channel.
  let earliest: { at: number; o: AlertOccurrence } | null = null;
  for (const o of firing(input)) {
    const began = o.alert.firedAt ?? o.at;
    if (began <= detected.at && (earliest === null || began < earliest.at))
      earliest = { at: began, o };
  }
  if (earliest === null) return detected;
  const how = earliest.o.alert.firedAt !== null ? 'start time stated by' : 'first firing alert';
  return {
    at: earliest.at,
    source: 'alert',
    detail: `${how} "${earliest.o.alert.title}" (${toolName(earliest.o.alert.source)})`,
  };
}

export function mitigatedPoint(input: MetricsInput): MetricPoint | null {
  const { incident } = input;
  if (incident.mitigatedAt !== null) {
    const event = latest(input.events, 'mitigated');
    return {
      at: incident.mitigatedAt,
      source: 'command',
      detail: how(input, event, '/incident mitigated', 'every alert had resolved'),
    };
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

export function resolvedPoint(input: MetricsInput): MetricPoint | null {
  const { incident } = input;
  if (incident.resolvedAt === null) return null;
  const event = latest(input.events, 'resolved');
  const detail = how(input, event, '/incident resolve', 'the last message');
  return { at: incident.resolvedAt, source: 'command', detail };
}

export function detectionOf(input: MetricsInput, detected: MetricPoint): Detection {
  const override = latest(input.events, 'detected_set');
  if (override?.valueAt != null && override.text !== null) {
    if (override.text === 'customer') {
      return { source: 'customer', tool: null, by: null, summary: 'A customer told us.' };
    }
    if (override.text === 'monitoring') {
      return { source: 'monitoring', tool: null, by: null, summary: 'Our monitoring found it.' };
    }
    const by = nameOf(input, override.subjectId ?? override.actorId);
    return { source: 'person', tool: null, by, summary: `${by} noticed it.` };
  }
  if (detected.source === 'alert') {
    const first = firing(input).find((o) => o.at === detected.at);
    const tool = first?.alert.source ?? null;
    return {
      source: 'monitoring',
      tool,
      by: null,
      summary: `Our monitoring found it (${toolName(tool ?? 'generic')}).`,
    };
  }
  const by = nameOf(input, input.incident.reporterId);
  return {
    source: 'person',
    tool: null,
    by,
    summary: `${by} noticed it and declared the incident.`,
  };
}
