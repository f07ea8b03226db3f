import type { CommandOutcome, Deps } from './ports.ts';
import { composeForPublishing, publishComposed, SKIPPED } from './publish-draft.ts';

// A double click on "Regenerate" should not post two identical drafts.
const DEBOUNCE_MS = 20_000;

/**
 * `/incident postmortem` or the Regenerate button: a fresh draft, posted again. A repeat is
 * dropped only when it comes quickly AND the draft would say exactly what the last one says: a
 * learning added a second before still gets its draft.
 */
export async function regenerateDraft(
  deps: Deps,
  input: { channelId?: string; incidentId?: number },
): Promise<CommandOutcome> {
  const { store } = deps;
  const incident =
    input.incidentId !== undefined
      ? await store.incidents.get(input.incidentId)
      : await store.incidents.findLatestInChannel(input.channelId ?? '');
  if (!incident) return { reply: 'There is no incident in this channel yet.' };
  const composed = await composeForPublishing(deps, incident.id);
  if (!composed) return { reply: 'The incident no longer exists.' };
  // Compared after composing, in the same store step that stores the new row: of two clicks
  // composing at the same time, the second sees the first one's draft.
  const now = deps.clock.now();
  const problem = await publishComposed(
    deps,
    incident.id,
    composed,
    (latest) =>
      latest !== null &&
      latest.fingerprint === composed.fingerprint &&
      now - latest.createdAt < DEBOUNCE_MS,
  );
  if (problem === SKIPPED) return { reply: 'The draft was just regenerated; it is on its way.' };
  return { reply: problem ?? 'Posted a fresh draft post-mortem.' };
}
