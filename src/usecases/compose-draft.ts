import { buildPostmortem, type PostmortemDraft } from '../domain/postmortem/model.ts';
import { incidentAlerts } from './incident-alerts.ts';
import type { Deps } from './ports.ts';

// Kept apart from publishing (Slack, people) so the draft worker thread loads only this.

/** Builds the draft from everything stored for the incident, as of now. */
export function composeDraft(
  deps: Pick<Deps, 'store' | 'timeZone' | 'clock'>,
  incidentId: number,
): PostmortemDraft | null {
  const { store } = deps;
  const incident = store.incidents.get(incidentId);
  if (!incident) return null;
  return buildPostmortem({
    incident,
    events: store.incidents.events(incidentId),
    messages: store.messages.forIncident(incidentId),
    actions: store.actions.forIncident(incidentId),
    alerts: incidentAlerts(store, incidentId),
    sections: store.sections.forIncident(incidentId),
    people: store.people.directory(),
    timeZone: deps.timeZone,
    generatedAt: deps.clock.now(),
  });
}

/**
 * What the Slack summary (postmortemBlocks) reads: everything but the transcript, and of the
 * timeline only the key events (replies lifted out in order), which is all it shows.
 */
export function summaryOf(draft: PostmortemDraft): PostmortemDraft {
  const keys = draft.timeline
    .flatMap((e) => [e, ...e.replies])
    .filter((e) => e.key)
    .map((e) => ({ ...e, replies: [] }));
  return { ...draft, timeline: keys, transcript: [] };
}
