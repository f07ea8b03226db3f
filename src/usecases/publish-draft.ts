import { renderPostmortemMarkdown } from '../domain/postmortem/markdown.ts';
import type { PostmortemDraft } from '../domain/postmortem/model.ts';
import { formatDay } from '../domain/time-format.ts';
import { composeDraft } from './compose-draft.ts';
import { draftFingerprint } from './draft-fingerprint.ts';
import { type Deps, failureCode, metricsOf } from './ports.ts';
import { rememberPeople } from './remember-people.ts';
import type { StoredPostmortem } from './store-records.ts';

// Other callers (the timeline command, the CLI export) import it from here.
export { composeDraft, summaryOf } from './compose-draft.ts';

async function peopleInvolved(deps: Deps, incidentId: number): Promise<string[]> {
  const { store } = deps;
  const ids = new Set<string>();
  for (const e of await store.incidents.events(incidentId)) {
    ids.add(e.actorId);
    if (e.subjectId) ids.add(e.subjectId);
  }
  for (const id of await store.messages.authorsOf(incidentId)) ids.add(id);
  for (const a of await store.actions.forIncident(incidentId)) if (a.ownerId) ids.add(a.ownerId);
  return [...ids];
}

/**
 * From this many messages a draft is composed in a worker thread, whose start-up (a fresh thread
 * loading the TypeScript loader and the domain, about half a second) only pays off for long
 * incidents; below it composing in-process blocks the loop for at most about 100 ms.
 */
const OFF_THREAD_FROM = 10_000;

/**
 * The draft and its Markdown. A long incident's draft takes seconds of CPU, so it goes to the
 * draft composer (then `draft` is its summaryOf); a failing composer falls back to composing here.
 */
export function draftWithMarkdown(
  deps: Pick<Deps, 'store' | 'timeZone' | 'clock' | 'logger' | 'metrics' | 'draftComposer'>,
  incidentId: number,
  offThreadFrom = OFF_THREAD_FROM,
): Promise<{ draft: PostmortemDraft; markdown: string } | null> {
  return metricsOf(deps).timeDraft(() => composeWithMarkdown(deps, incidentId, offThreadFrom));
}

async function composeWithMarkdown(
  deps: Pick<Deps, 'store' | 'timeZone' | 'clock' | 'logger' | 'draftComposer'>,
  incidentId: number,
  offThreadFrom: number,
): Promise<{ draft: PostmortemDraft; markdown: string } | null> {
  const { store, draftComposer } = deps;
  if (draftComposer && (await store.messages.countForIncident(incidentId)) >= offThreadFrom) {
    try {
      const job = { incidentId, timeZone: deps.timeZone, generatedAt: deps.clock.now() };
      const result = await draftComposer.compose(job);
      return result && { draft: result.summary, markdown: result.markdown };
    } catch (error) {
      deps.logger.warn({ err: error, incidentId }, 'draft worker failed; composing in-process');
    }
  }
  const draft = await composeDraft(deps, incidentId);
  return draft && { draft, markdown: renderPostmortemMarkdown(draft) };
}

export interface ComposedDraft {
  draft: PostmortemDraft;
  markdown: string;
  fingerprint: string;
}

/** The draft as of now, with the people in it looked up first so it shows their names. */
export async function composeForPublishing(
  deps: Deps,
  incidentId: number,
): Promise<ComposedDraft | null> {
  await rememberPeople(deps, await peopleInvolved(deps, incidentId));
  const composed = await draftWithMarkdown(deps, incidentId);
  return composed && { ...composed, fingerprint: draftFingerprint(composed.markdown) };
}

/** Said instead of publishing when `unless` found the latest draft to be the same one. */
export const SKIPPED = Symbol('skipped');

/**
 * Stores the draft first and delivers it second, so a Slack outage never loses it: a draft left
 * 'pending' is retried with backoff by the draft-delivery job. Returns a problem, or null.
 * `unless` (pure) sees the incident's latest draft in the same store step as the new row.
 */
export async function publishComposed(
  deps: Deps,
  incidentId: number,
  composed: ComposedDraft,
  unless?: (latest: StoredPostmortem | null) => boolean,
): Promise<string | null | typeof SKIPPED> {
  // Written a part at a time: a long draft's Markdown in one write would block for ~100 ms.
  const stored = await deps.store.postmortems.storePending(
    incidentId,
    composed.markdown,
    deps.clock.now(),
    { fingerprint: composed.fingerprint, ...(unless ? { unless } : {}) },
  );
  if (stored === null) return SKIPPED;
  return deliverDraft(deps, stored, composed.draft, composed.markdown);
}

/** Composes the draft as of now and publishes it (publishComposed). */
export async function publishDraft(deps: Deps, incidentId: number): Promise<string | null> {
  const composed = await composeForPublishing(deps, incidentId);
  if (!composed) return 'The incident no longer exists.';
  const problem = await publishComposed(deps, incidentId, composed);
  return problem === SKIPPED ? null : problem;
}

/**
 * Drafts a previous process was still writing when it died (`interrupted`, taken at start-up,
 * before this process can begin one of its own): their partial rows go, and each incident's draft
 * is composed and published again, so a crash mid-write never loses a post-mortem.
 */
export async function republishInterrupted(
  deps: Deps,
  interrupted: readonly StoredPostmortem[],
): Promise<number> {
  let republished = 0;
  for (const draft of interrupted) {
    await deps.store.postmortems.discard(draft.id);
    deps.logger.warn(
      { incidentId: draft.incidentId, postmortemId: draft.id },
      'a draft was left half-written by a stopped process; publishing it again',
    );
    const problem = await publishDraft(deps, draft.incidentId);
    if (problem !== null) deps.logger.warn({ incidentId: draft.incidentId, problem }, 'republish');
    republished++;
  }
  return republished;
}

const MINUTE = 60_000;
const MAX_BACKOFF = 30 * MINUTE;

/** 1, 2, 4 … minutes between attempts, at most 30. */
function nextAttemptDelay(attempts: number): number {
  return Math.min(MAX_BACKOFF, MINUTE * 2 ** Math.max(0, attempts));
}

/**
 * Uploads the full Markdown (once) and posts the summary. The summary is what must arrive: an
 * upload failure is reported inside it, a summary failure schedules another attempt. `markdown`
 * is the stored Markdown when the caller has it at hand; otherwise it is read back.
 */
async function deliverDraft(
  deps: Deps,
  stored: StoredPostmortem,
  draft: PostmortemDraft,
  markdown?: string,
): Promise<string | null> {
  const incident = await deps.store.incidents.get(stored.incidentId);
  if (!incident) return 'The incident no longer exists.';
  let file = stored.fileId ? { permalink: stored.filePermalink ?? '' } : null;
  let uploadFailed = false;
  if (!file) {
    try {
      const content = markdown ?? (await deps.store.postmortems.markdownOf(stored.id));
      if (content === null) throw new Error(`draft ${stored.id} has no stored Markdown`);
      const uploaded = await deps.notifier.uploadFile(incident.channelId, {
        filename: `postmortem-${incident.channelName ?? incident.channelId}-${formatDay(incident.declaredAt, deps.timeZone)}.md`,
        title: `Post-mortem draft: ${draft.title}`,
        content,
      });
      await deps.store.postmortems.markUploaded(stored.id, uploaded);
      file = { permalink: uploaded.permalink ?? '' };
    } catch (error) {
      uploadFailed = true;
      deps.logger.warn({ err: error, incidentId: incident.id }, 'uploading the full draft failed');
    }
  }
  const summary = {
    draft,
    incidentId: incident.id,
    file: file?.permalink ? { permalink: file.permalink } : null,
    uploadFailed,
  };
  try {
    const { ts } = await deps.notifier.postDraftSummary(incident.channelId, summary);
    await deps.store.postmortems.markPosted(stored.id, ts);
    metricsOf(deps).draft(uploadFailed ? 'posted_without_file' : 'posted');
    return uploadFailed
      ? 'The draft is posted, but the full Markdown file could not be uploaded.'
      : null;
  } catch (error) {
    const code = failureCode(error);
    const retryAt = deps.clock.now() + nextAttemptDelay(stored.attempts);
    await deps.store.postmortems.markFailed(stored.id, code, retryAt);
    metricsOf(deps).draft('failed');
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
  for (const pending of await deps.store.postmortems.due(deps.clock.now())) {
    const composed = await draftWithMarkdown(deps, pending.incidentId);
    if (!composed) continue;
    // The stored Markdown is what was drafted at resolution; the summary is rebuilt from it.
    if ((await deliverDraft(deps, pending, composed.draft)) === null) posted++;
  }
  return posted;
}

export type { StoredPostmortem };
