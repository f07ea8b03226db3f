import { renderPostmortemMarkdown } from '../domain/postmortem/markdown.ts';
import { buildPostmortem, type PostmortemDraft } from '../domain/postmortem/model.ts';
import { formatDay } from '../domain/time-format.ts';
import { postmortemBlocks } from '../slack/blocks/postmortem.ts';
import type { StoredPostmortem } from '../store/postmortems.ts';
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
 * Stores the draft first and delivers it second, so a Slack outage never loses it: a draft left
 * 'pending' is retried with backoff by the draft-delivery job. Returns a problem, or null.
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
  return deliverDraft(deps, stored, draft);
}

const MINUTE = 60_000;
const MAX_BACKOFF = 30 * MINUTE;

/** 1, 2, 4 … minutes between attempts, at most 30. */
export function nextAttemptDelay(attempts: number): number {
  return Math.min(MAX_BACKOFF, MINUTE * 2 ** Math.max(0, attempts));
}

/**
 * Uploads the full Markdown (once) and posts the summary. The summary is what must arrive: an
 * upload failure is reported inside it, a summary failure schedules another attempt.
 */
export async function deliverDraft(
  deps: Deps,
  stored: StoredPostmortem,
  draft: PostmortemDraft,
): Promise<string | null> {
  const incident = deps.store.incidents.get(stored.incidentId);
  if (!incident) return 'The incident no longer exists.';
  let file = stored.fileId ? { permalink: stored.filePermalink ?? '' } : null;
  let uploadFailed = false;
  if (!file) {
    try {
      const uploaded = await deps.notifier.uploadFile(incident.channelId, {
        filename: `postmortem-${incident.channelName ?? incident.channelId}-${formatDay(incident.declaredAt, deps.timeZone)}.md`,
        title: `Post-mortem draft: ${draft.title}`,
        content: stored.markdown,
      });
      deps.store.postmortems.markUploaded(stored.id, uploaded);
      file = { permalink: uploaded.permalink ?? '' };
    } catch (error) {
      uploadFailed = true;
      deps.logger.warn({ err: error, incidentId: incident.id }, 'uploading the full draft failed');
    }
  }
  const message = postmortemBlocks(draft, {
    incidentId: incident.id,
    file: file?.permalink ? { permalink: file.permalink } : null,
    uploadFailed,
  });
  try {
    const { ts } = await deps.notifier.post(incident.channelId, message);
    deps.store.postmortems.markPosted(stored.id, ts);
    return uploadFailed
      ? 'The draft is posted, but the full Markdown file could not be uploaded.'
      : null;
  } catch (error) {
    const code = slackErrorCode(error);
    const retryAt = deps.clock.now() + nextAttemptDelay(stored.attempts);
    deps.store.postmortems.markFailed(stored.id, code, retryAt);
    deps.logger.error(
      { err: error, incidentId: incident.id },
      'posting the draft failed; it is kept and retried',
    );
    return `The draft post-mortem is saved, but posting it failed (${code}); I will retry.`;
  }
}

/** Delivers every pending draft whose next attempt is due; returns how many were posted. */
export async function deliverDueDrafts(deps: Deps): Promise<number> {
  let posted = 0;
  for (const pending of deps.store.postmortems.due(deps.clock.now())) {
    const draft = composeDraft(deps, pending.incidentId);
    if (!draft) continue;
    // The stored Markdown is what was drafted at resolution; the summary is rebuilt from it.
    if ((await deliverDraft(deps, pending, draft)) === null) posted++;
  }
  return posted;
}

export type { StoredPostmortem };
