import type { DetectionSource, Incident, IncidentEvent, Severity } from './types.ts';

// The incident state machine: declared → mitigated → resolved. Every transition returns the
// new incident and the timeline event to store with it, or a refusal the adapter shows the user.

export interface Refusal {
  refused: string;
}

export interface Transition {
  incident: Incident;
  event: Omit<IncidentEvent, 'incidentId'>;
}

export const DEFAULT_SEVERITY: Severity = 'sev3';

export interface Declaration {
  channelId: string;
  channelName: string | null;
  title: string;
  severity: Severity | null;
  reporterId: string;
  /** Whether the channel is private; `/incident start` says true until Slack says otherwise. */
  isPrivate?: boolean;
}

export function isRefusal<T extends object>(value: T | Refusal): value is Refusal {
  return 'refused' in value;
}

/** Declares an incident; `open` is the channel's open incident, if any. */
export function declareIncident(
  open: Incident | null,
  input: Declaration,
  now: number,
): Transition | Refusal {
  if (open) {
    return {
      refused: `This channel already has an open incident: *${open.title}*. Resolve it before starting another.`,
    };
  }
  const incident: Incident = {
    id: 0,
    channelId: input.channelId,
    channelName: input.channelName,
    title: input.title,
    severity: input.severity ?? DEFAULT_SEVERITY,
    status: 'declared',
    reporterId: input.reporterId,
    leadId: null,
    declaredAt: now,
    mitigatedAt: null,
    resolvedAt: null,
    isPrivate: input.isPrivate ?? false,
  };
  return {
    incident,
    event: {
      kind: 'declared',
      at: now,
      actorId: input.reporterId,
      text: input.title,
      subjectId: null,
      valueAt: null,
    },
  };
}

export function assignLead(
  incident: Incident,
  leadId: string,
  actorId: string,
  now: number,
): Transition | Refusal {
  if (incident.leadId === leadId) return { refused: `<@${leadId}> is already the lead.` };
  return {
    incident: { ...incident, leadId },
    event: { kind: 'lead_changed', at: now, actorId, text: null, subjectId: leadId, valueAt: null },
  };
}

export function postStatus(
  incident: Incident,
  text: string,
  actorId: string,
  now: number,
): Transition {
  return {
    incident,
    event: { kind: 'status_update', at: now, actorId, text, subjectId: null, valueAt: null },
  };
}

/** `at` is the time the caller claims (e.g. `/incident mitigated 14:05`), else now. */
export function mitigate(
  incident: Incident,
  note: string | null,
  actorId: string,
  now: number,
  at: number | null = null,
): Transition | Refusal {
  // Re-running with a time corrects the recorded mitigation; without one it is a mistake.
  if (incident.status === 'mitigated' && at === null) {
    return {
      refused:
        'The incident is already marked mitigated. Give a time to correct it (`/incident mitigated 14:05`), or close it with `/incident resolve`.',
    };
  }
  return {
    incident: { ...incident, status: 'mitigated', mitigatedAt: at ?? now },
    event: { kind: 'mitigated', at: now, actorId, text: note, subjectId: null, valueAt: at },
  };
}

export function resolve(
  incident: Incident,
  note: string | null,
  actorId: string,
  now: number,
  at: number | null = null,
): Transition {
  return {
    incident: { ...incident, status: 'resolved', resolvedAt: at ?? now },
    event: { kind: 'resolved', at: now, actorId, text: note, subjectId: null, valueAt: at },
  };
}

/** Opens a resolved incident again; the earlier mitigation and resolution stay in the timeline. */
export function reopen(incident: Incident, actorId: string, now: number): Transition | Refusal {
  if (incident.status !== 'resolved') return { refused: 'The incident is still open.' };
  return {
    incident: { ...incident, status: 'declared', mitigatedAt: null, resolvedAt: null },
    event: { kind: 'reopened', at: now, actorId, text: null, subjectId: null, valueAt: null },
  };
}

export function changeSeverity(
  incident: Incident,
  severity: Severity,
  actorId: string,
  now: number,
): Transition | Refusal {
  if (incident.severity === severity) return { refused: `The severity is already ${severity}.` };
  return {
    incident: { ...incident, severity },
    event: {
      kind: 'severity_changed',
      at: now,
      actorId,
      text: severity,
      subjectId: null,
      valueAt: null,
    },
  };
}

export function addNote(
  incident: Incident,
  text: string,
  actorId: string,
  now: number,
): Transition {
  return {
    incident,
    event: { kind: 'note', at: now, actorId, text, subjectId: null, valueAt: null },
  };
}

export function setImpactStart(
  incident: Incident,
  at: number,
  actorId: string,
  now: number,
): Transition {
  return {
    incident,
    event: { kind: 'impact_start_set', at: now, actorId, text: null, subjectId: null, valueAt: at },
  };
}

export interface DetectionClaim {
  at: number;
  source: DetectionSource | null;
  /** The person who noticed, when `source` is 'person'. */
  personId: string | null;
}

export function setDetected(
  incident: Incident,
  claim: DetectionClaim,
  actorId: string,
  now: number,
): Transition {
  return {
    incident,
    event: {
      kind: 'detected_set',
      at: now,
      actorId,
      text: claim.source,
      subjectId: claim.personId,
      valueAt: claim.at,
    },
  };
}
