import type { Incident, IncidentEvent, Severity } from './types.ts';

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
  title: string;
  severity: Severity | null;
  reporterId: string;
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
    title: input.title,
    severity: input.severity ?? DEFAULT_SEVERITY,
    status: 'declared',
    reporterId: input.reporterId,
    leadId: null,
    declaredAt: now,
    mitigatedAt: null,
    resolvedAt: null,
  };
  return {
    incident,
    event: {
      kind: 'declared',
      at: now,
      actorId: input.reporterId,
      text: input.title,
      subjectId: null,
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
    event: { kind: 'lead_changed', at: now, actorId, text: null, subjectId: leadId },
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
    event: { kind: 'status_update', at: now, actorId, text, subjectId: null },
  };
}

export function mitigate(
  incident: Incident,
  note: string | null,
  actorId: string,
  now: number,
): Transition | Refusal {
  if (incident.status === 'mitigated') {
    return {
      refused: 'The incident is already marked mitigated. Use `/incident resolve` to close it.',
    };
  }
  return {
    incident: { ...incident, status: 'mitigated', mitigatedAt: now },
    event: { kind: 'mitigated', at: now, actorId, text: note, subjectId: null },
  };
}

export function resolve(
  incident: Incident,
  note: string | null,
  actorId: string,
  now: number,
): Transition {
  return {
    incident: { ...incident, status: 'resolved', resolvedAt: now },
    event: { kind: 'resolved', at: now, actorId, text: note, subjectId: null },
  };
}
