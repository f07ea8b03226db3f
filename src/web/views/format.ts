import type { ActionPurpose } from '../../domain/description/types.ts';
import { formatDuration } from '../../domain/durations.ts';
import { describeState, type PostmortemState } from '../../domain/postmortem-life.ts';
import { formatTime } from '../../domain/time-format.ts';
import type {
  ActionKind,
  ActionStatus,
  DetectionSource,
  IncidentStatus,
  Severity,
} from '../../domain/types.ts';
import { attr, esc } from './html.ts';

// Small formatters every page of the site shares, so a severity or a duration reads the same on
// the list, an incident's page, the insights and the follow-ups. Each returns HTML-safe text.

/** `1h 5m` as the post-mortem writes it; an em dash when there is no value yet. */
export function duration(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : esc(formatDuration(ms));
}

/** An instant in the bot's zone, the zone named: `<time datetime="…">2026-03-01 14:05:09 UTC</time>`. */
export function time(at: number, timeZone: string): string {
  return `<time datetime="${attr(new Date(at).toISOString())}">${esc(formatTime(at, timeZone))}</time>`;
}

/** A calendar day as written (`YYYY-MM-DD`, a due date): no zone to name. */
export function day(date: string): string {
  return `<time datetime="${attr(date)}">${esc(date)}</time>`;
}

/** `SEV1` in the severity's colour; the word carries the meaning, the colour only helps. */
export function severityBadge(severity: Severity): string {
  return `<span class="sev sev-${attr(severity)}">${esc(severity.toUpperCase())}</span>`;
}

const STATUS_LABELS: Record<IncidentStatus, string> = {
  declared: 'Open',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** An incident's status: a declared incident reads "Open". */
export function statusLabel(status: IncidentStatus): string {
  return STATUS_LABELS[status];
}

/** `Draft`, `In review`, `Published`, `Skipped`, as `/incident postmortem` names them. */
export function postmortemLabel(state: PostmortemState): string {
  const words = describeState(state);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DETECTION_LABELS: Record<DetectionSource, string> = {
  monitoring: 'Monitoring',
  customer: 'A customer',
  person: 'A person',
};

export function detectionLabel(source: DetectionSource): string {
  return DETECTION_LABELS[source];
}

const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  done: 'Done',
  dropped: 'Dropped',
};

export function actionStatusLabel(status: ActionStatus): string {
  return ACTION_STATUS_LABELS[status];
}

export function actionKindLabel(kind: ActionKind): string {
  return kind === 'follow_up' ? 'Follow-up' : 'Task';
}

const PURPOSE_LABELS: Record<ActionPurpose, string> = {
  detect: 'Detect',
  mitigate: 'Mitigate',
  prevent: 'Prevent',
};

/** What a follow-up is for; an em dash when nobody said. */
export function purposeLabel(purpose: ActionPurpose | null): string {
  return purpose === null ? '—' : PURPOSE_LABELS[purpose];
}

/** `3 incidents`, `1 incident`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
