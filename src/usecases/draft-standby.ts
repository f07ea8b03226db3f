import type { Deps } from './ports.ts';
import { OFF_THREAD_FROM } from './publish-draft.ts';

/**
 * Has the draft composer keep a worker waiting while some open incident is long enough for its
 * draft to go to one (OFF_THREAD_FROM messages), and none otherwise: the wait costs memory, the
 * start it saves is a tenth of a second off the draft of a long incident. Returns whether one
 * is wanted.
 */
export async function keepDraftStandby(
  deps: Pick<Deps, 'store' | 'draftComposer'>,
): Promise<boolean> {
  const composer = deps.draftComposer;
  if (!composer?.standBy) return false;
  let wanted = false;
  for (const incident of await deps.store.incidents.listOpen()) {
    if ((await deps.store.messages.countForIncident(incident.id)) >= OFF_THREAD_FROM) {
      wanted = true;
      break;
    }
  }
  composer.standBy(wanted);
  return wanted;
}
