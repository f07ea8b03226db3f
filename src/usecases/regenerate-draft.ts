import type { CommandOutcome, Deps } from './ports.ts';
import { publishDraft } from './publish-draft.ts';

// A double click on "Regenerate" should not post two identical drafts.
const DEBOUNCE_MS = 20_000;

/** `/incident postmortem` or the Regenerate button: a fresh draft, posted again. */
export async function regenerateDraft(
  deps: Deps,
  input: { channelId?: string; incidentId?: number },
): Promise<CommandOutcome> {
  const { store } = deps;
  const incident =
    input.incidentId !== undefined
      ? store.incidents.get(input.incidentId)
      : store.incidents.findLatestInChannel(input.channelId ?? '');
  if (!incident) return { reply: 'There is no incident in this channel yet.' };
  const latest = store.postmortems.latestForIncident(incident.id);
  if (latest && deps.clock.now() - latest.createdAt < DEBOUNCE_MS) {
    return { reply: 'The draft was just regenerated; it is on its way.' };
  }
  const problem = await publishDraft(deps, incident.id);
  return { reply: problem ?? 'Posted a fresh draft post-mortem.' };
}
