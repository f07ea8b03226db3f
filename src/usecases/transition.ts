import { isRefusal, type Refusal, type Transition } from '../domain/incident.ts';
import type { Incident } from '../domain/types.ts';
import { type Deps, NO_OPEN_INCIDENT } from './ports.ts';

export type Applied = { ok: true; incident: Incident } | { ok: false; reply: string };

/**
 * Reads the channel's open incident, lets the domain decide, and stores the new state and its
 * timeline event in one transaction. Refusals come back as the reply for the caller.
 */
export function transitionOpenIncident(
  deps: Pick<Deps, 'store'>,
  channelId: string,
  decide: (incident: Incident) => Transition | Refusal,
): Applied {
  const { store } = deps;
  return store.transaction((): Applied => {
    const open = store.incidents.findOpenInChannel(channelId);
    if (!open) return { ok: false, reply: NO_OPEN_INCIDENT };
    const result = decide(open);
    if (isRefusal(result)) return { ok: false, reply: result.refused };
    if (result.incident !== open) store.incidents.update(result.incident);
    store.incidents.addEvent({ ...result.event, incidentId: open.id });
    return { ok: true, incident: result.incident };
  });
}
