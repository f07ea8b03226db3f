import type { Deps } from './ports.ts';
import { OFF_THREAD_FROM } from './publish-draft.ts';

/**
 * Has the draft composer keep a worker waiting while some open incident is long enough for its
 * draft to go to one (OFF_THREAD_FROM messages), and none otherwise: the wait costs memory; the
 * start it saves and the warm-up it does beforehand take a quarter of a second off the draft of
 * a long incident. Returns whether one is wanted.
 */
export async function keepDraftStandby(
  deps: Pick<Deps, 'store' | 'draftComposer' | 'timeZone' | 'clock'>,
): Promise<boolean> {
  const composer = deps.draftComposer;
  if (!composer?.standBy) return false;
  let longest: { id: number; messages: number } | null = null;
  for (const incident of await deps.store.incidents.listOpen()) {
    const messages = await deps.store.messages.countForIncident(incident.id);
    if (messages >= OFF_THREAD_FROM && messages > (longest?.messages ?? 0)) {
      longest = { id: incident.id, messages };
    }
  }
  // Warmed up on the longest one's draft: the likeliest to be the slow one next.
  composer.standBy(
    longest && { incidentId: longest.id, timeZone: deps.timeZone, generatedAt: deps.clock.now() },
  );
  return longest !== null;
}
