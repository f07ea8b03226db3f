import { renderPostmortemMarkdown } from '../domain/postmortem/markdown.ts';
import type { PostmortemDraft } from '../domain/postmortem/model.ts';
import { formatDay } from '../domain/time-format.ts';
import { claimsOf } from './claims.ts';
import { composeDraft } from './compose-draft.ts';
import { draftFingerprint } from './draft-fingerprint.ts';
import { type Deps, failureCode, metricsOf } from './ports.ts';
import { rememberPeople } from './remember-people.ts';
import { draftClaimKey, type StoredPostmortem } from './store-records.ts';

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
  const claims = claimsOf(deps);
  // Written a part at a time: a long draft's Markdown in one write would block for ~100 ms.
  // Claimed with its row, so no other replica delivers it, or takes it for abandoned, meanwhile.
  const stored = await deps.store.postmortems.storePending(
    incidentId,
    composed.markdown,
    deps.clock.now(),
    {
      fingerprint: composed.fingerprint,
      claim: claims.forWriter(),
      ...(unless ? { unless } : {}),
    },
  );
  if (stored === null) return SKIPPED;
  try {
    return await deliverDraft(deps, stored, composed.draft, composed.markdown);
  } finally {
    await claims.release(draftClaimKey(stored.id));
  }
}

/** Composes the draft as of now and publishes it (publishComposed). */
export async function publishDraft(deps: Deps, incidentId: number): Promise<string | null> {
  const composed = await composeForPublishing(deps, incidentId);
  if (!composed) return 'The incident no longer exists.';
  const problem = await publishComposed(deps, incidentId, composed);
  return problem === SKIPPED ? null : problem;
}

/**
 * Drafts a stopped process was still writing (its claim on them lapsed; a live writer's claim
 * keeps them out of reach): their partial rows go, and each incident's draft is composed and
 * published again, so a crash mid-write never loses a post-mortem.
 */
export async function republishInterrupted(deps: Deps): Promise<number> {
  const claims = claimsOf(deps);
  let republished = 0;
  for (const draft of await deps.store.postmortems.interrupted()) {
    const key = draftClaimKey(draft.id);
    if (!(await claims.take(key))) continue;
    await deps.store.postmortems.discard(draft.id);
    await claims.release(key);
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
    postmortemId: stored.id,
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

/**
 * Delivers every pending draft whose next attempt is due and no other replica is delivering;
 * returns how many were posted.
 */
export async function deliverDueDrafts(deps: Deps): Promise<number> {
  const claims = claimsOf(deps);
  let posted = 0;
  for (const pending of await deps.store.postmortems.due(deps.clock.now())) {
    const key = draftClaimKey(pending.id);
    const taken = await claims.take(key);
    if (!taken) continue;
    // A previous attempt that died with its replica, or failed without a clear answer (a
    // timeout), may have reached Slack: look before posting again.
    const uncertain = taken.lapsedHolder !== null || pending.attempts > 0;
    const found = uncertain ? await alreadyPosted(deps, pending) : false;
    // Unable to look: the claim is left to lapse, and whoever takes it next looks again.
    if (found === null) continue;
    try {
      if (found) continue;
      const composed = await draftWithMarkdown(deps, pending.incidentId);
      // The stored Markdown is what was drafted at resolution; the summary is rebuilt from it.
      if (composed && (await deliverDraft(deps, pending, composed.draft)) === null) posted++;
    } finally {
      await claims.release(key);
    }
  }
  return posted;
}

/**
 * Looks for the draft's summary in its channel; found, the draft is marked posted. Null when
 * Slack could not be asked.
 */
async function alreadyPosted(deps: Deps, pending: StoredPostmortem): Promise<boolean | null> {
  const incident = await deps.store.incidents.get(pending.incidentId);
  if (!incident) return false;
  let ts: string | null;
  try {
    ts = await deps.notifier.findDraftSummary(incident.channelId, pending.id, pending.createdAt);
  } catch (error) {
    deps.logger.warn(
      { err: error, incidentId: incident.id, code: failureCode(error) },
      'could not check whether an interrupted draft was posted; trying later',
    );
    return null;
  }
  if (ts === null) return false;
  await deps.store.postmortems.markPosted(pending.id, ts);
  deps.logger.info(
    { incidentId: incident.id, postmortemId: pending.id },
    'a draft whose delivery was cut off had been posted; not posting it again',
  );
  return true;
}

export type { StoredPostmortem };
