import { isRefusal, type Refusal, type Transition } from '../domain/incident.ts';
import type { Incident } from '../domain/types.ts';
import { type Deps, NO_OPEN_INCIDENT } from './ports.ts';

export type Applied =
  | { ok: true; incident: Incident; before: Incident }
  | { ok: false; reply: string };

/**
 * Lets the domain decide on the channel's open incident; the store keeps the new state and its
 * timeline event together (one atomic operation). Refusals come back as the reply for the
 * caller. `decide` runs inside the store's transaction: pure and synchronous.
 */
export async function transitionOpenIncident(
  deps: Pick<Deps, 'store'>,
  channelId: string,
  decide: (incident: Incident) => Transition | Refusal,
): Promise<Applied> {
  const result = await deps.store.incidents.change(channelId, ({ open }) =>
    open ? decide(open) : { refused: NO_OPEN_INCIDENT },
  );
  if (isRefusal(result)) return { ok: false, reply: result.refused };
  return { ok: true, ...result };
}
