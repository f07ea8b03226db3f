import { isRefusal, reopen } from '../domain/incident.ts';
import type { Incident } from '../domain/types.ts';
import { announce } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';

/** Opens the channel's most recent incident again; recording resumes. */
export async function reopenIncident(
  deps: Deps,
  input: { channelId: string; userId: string },
): Promise<CommandOutcome> {
  const { store } = deps;
  const now = deps.clock.now();
  const result = store.transaction((): Incident | string => {
    if (store.incidents.findOpenInChannel(input.channelId)) {
      return 'This channel already has an open incident.';
    }
    const latest = store.incidents.findLatestInChannel(input.channelId);
    if (!latest) return 'There is no incident in this channel to reopen.';
    const transition = reopen(latest, input.userId, now);
    if (isRefusal(transition)) return transition.refused;
    store.incidents.update(transition.incident);
    store.incidents.addEvent({ ...transition.event, incidentId: latest.id });
    return transition.incident;
  });
  if (typeof result === 'string') return { reply: result };
  return {
    reply: await announce(deps, input.channelId, {
      text: `:repeat: *Incident reopened* by <@${input.userId}>. Recording has resumed; resolve again to get an updated draft.`,
    }),
  };
}
