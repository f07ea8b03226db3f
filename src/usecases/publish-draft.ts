import { renderMarkdownParts } from '../domain/postmortem/markdown.ts';
import { deletedCount } from '../domain/postmortem/markdown-transcript.ts';
import { type PostmortemSummary, summaryOf } from '../domain/postmortem/summary.ts';
import { claimsOf } from './claims.ts';
import { composeDraft } from './compose-draft.ts';
import { deliverDraft, sendDraftFile } from './deliver-draft.ts';
import { draftFingerprint } from './draft-fingerprint.ts';
import { type MarkdownBytes, utf8Parts } from './draft-markdown.ts';
import { type Deps, metricsOf } from './ports.ts';
import { rememberPeople } from './remember-people.ts';
import { draftClaimKey, type StoredPostmortem } from './store-records.ts';

// Other callers (the timeline command, the CLI export) import it from here.
export { composeDraft } from './compose-draft.ts';

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
export const OFF_THREAD_FROM = 10_000;

/** A draft's Slack summary with its Markdown as UTF-8 parts (never one string: see MarkdownBytes). */
export interface DraftWithMarkdown {
  draft: PostmortemSummary;
  markdown: MarkdownBytes;
  /** draftFingerprint of the Markdown (a long draft's is hashed by the composer, off the loop). */
  fingerprint: string;
}

/**
 * The draft's summary and its Markdown. A long incident's draft takes seconds of CPU, so it goes
 * to the draft composer; a failing composer falls back to composing here.
 */
export function draftWithMarkdown(
  deps: Pick<Deps, 'store' | 'timeZone' | 'clock' | 'logger' | 'metrics' | 'draftComposer'>,
  incidentId: number,
  offThreadFrom = OFF_THREAD_FROM,
): Promise<DraftWithMarkdown | null> {
  return metricsOf(deps).timeDraft(() => composeWithMarkdown(deps, incidentId, offThreadFrom));
}

async function composeWithMarkdown(
  deps: Pick<Deps, 'store' | 'timeZone' | 'clock' | 'logger' | 'draftComposer'>,
  incidentId: number,
  offThreadFrom: number,
): Promise<DraftWithMarkdown | null> {
  const { store, draftComposer } = deps;
  if (draftComposer && (await store.messages.countForIncident(incidentId)) >= offThreadFrom) {
    try {
      const job = { incidentId, timeZone: deps.timeZone, generatedAt: deps.clock.now() };
      const result = await draftComposer.compose(job);
      if (!result) return null;
      const { summary, markdown, fingerprint } = result;
      return { draft: summary, markdown, fingerprint };
    } catch (error) {
      deps.logger.warn({ err: error, incidentId }, 'draft worker failed; composing in-process');
    }
  }
  const draft = await composeDraft(deps, incidentId);
  if (!draft) return null;
  const transcript = { lines: draft.transcript, deleted: deletedCount(draft.transcript) };
  const markdown = utf8Parts(renderMarkdownParts(draft, transcript));
  return { draft: summaryOf(draft), markdown, fingerprint: draftFingerprint(markdown) };
}

/** The draft as of now, with the people in it looked up first so it shows their names. */
export async function composeForPublishing(
  deps: Deps,
  incidentId: number,
): Promise<DraftWithMarkdown | null> {
  await rememberPeople(deps, await peopleInvolved(deps, incidentId));
  return draftWithMarkdown(deps, incidentId);
}

/** Said instead of publishing when `unless` found the latest draft to be the same one. */
export const SKIPPED = Symbol('skipped');

/**
 * Stores the draft, then delivers it, so a Slack outage never loses it: a draft left 'pending' is
 * retried with backoff by the draft-delivery job. Its file's bytes go to Slack while it is stored
 * (storing and sending a long draft take ~70 and ~100 ms); the file is shared only once the draft
 * is stored, and a draft not stored (skipped, or the store failed) leaves its bytes unshared,
 * which Slack discards. Returns a problem, or null. `unless` (pure) sees the incident's latest
 * draft in the same store step as the new row.
 */
export async function publishComposed(
  deps: Deps,
  incidentId: number,
  composed: DraftWithMarkdown,
  unless?: (latest: StoredPostmortem | null) => boolean,
): Promise<string | null | typeof SKIPPED> {
  const claims = claimsOf(deps);
  const incident = await deps.store.incidents.get(incidentId);
  const sending = incident ? sendDraftFile(deps, incident, composed.markdown) : undefined;
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
    return await deliverDraft(deps, stored, composed.draft, sending);
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

export type { StoredPostmortem };
