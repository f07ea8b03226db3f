import { claimsOf } from './claims.ts';
import { deliverDraft } from './deliver-draft.ts';
import { type Deps, failureCode } from './ports.ts';
import { draftWithMarkdown, publishDraft } from './publish-draft.ts';
import { draftClaimKey, type StoredPostmortem } from './store-records.ts';

// The draft-delivery job's passes: drafts left half-written, and drafts whose delivery is due.

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
