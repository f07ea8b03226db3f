import { renderPostmortemMarkdown } from '../domain/postmortem/markdown.ts';
import { buildPostmortem, type PostmortemDraft } from '../domain/postmortem/model.ts';
import { postmortemBlocks } from '../slack/blocks/postmortem.ts';
import { slackErrorCode } from './announce.ts';
import { incidentAlerts } from './incident-alerts.ts';
import type { Deps } from './ports.ts';
import { rememberPeople } from './remember-people.ts';

function peopleInvolved(deps: Deps, incidentId: number): string[] {
  const { store } = deps;
  const ids = new Set<string>();
  for (const e of store.incidents.events(incidentId)) {
    ids.add(e.actorId);
    if (e.subjectId) ids.add(e.subjectId);
  }
  for (const m of store.messages.forIncident(incidentId)) if (m.userId) ids.add(m.userId);
  for (const a of store.actions.forIncident(incidentId)) if (a.ownerId) ids.add(a.ownerId);
  return [...ids];
}

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
 * Stores the draft first and posts it second, so a Slack outage never loses it: a draft left
 * 'pending' is posted by `retryPendingDrafts`. Returns a problem description, or null.
 */
export async function publishDraft(deps: Deps, incidentId: number): Promise<string | null> {
  await rememberPeople(deps, peopleInvolved(deps, incidentId));
  const draft = composeDraft(deps, incidentId);
  if (!draft) return 'The incident no longer exists.';
  const stored = deps.store.postmortems.insertPending(
    incidentId,
    renderPostmortemMarkdown(draft),
    deps.clock.now(),
  );
  return deliver(deps, stored.id, incidentId, draft);
}

async function deliver(
  deps: Deps,
  postmortemId: number,
  incidentId: number,
  draft: PostmortemDraft,
): Promise<string | null> {
  const incident = deps.store.incidents.get(incidentId);
  if (!incident) return 'The incident no longer exists.';
  const message = postmortemBlocks(draft, deps.store.people.directory());
  try {
    const { ts } = await deps.notifier.post(incident.channelId, message);
    deps.store.postmortems.markPosted(postmortemId, ts);
    return null;
  } catch (error) {
    const code = slackErrorCode(error);
    deps.store.postmortems.markFailed(postmortemId, code);
    deps.logger.error(
      { err: error, incidentId },
      'posting the draft failed; it is kept and retried',
    );
    return `The draft post-mortem is saved, but posting it failed (${code}); I will retry.`;
  }
}

/** Posts drafts that Slack did not accept earlier (run at start-up). */
export async function retryPendingDrafts(deps: Deps): Promise<number> {
  let posted = 0;
  for (const pending of deps.store.postmortems.pending()) {
    const draft = composeDraft(deps, pending.incidentId);
    if (draft && (await deliver(deps, pending.id, pending.incidentId, draft)) === null) posted++;
  }
  return posted;
}
