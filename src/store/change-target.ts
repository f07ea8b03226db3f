import type { Incident } from '../domain/types.ts';
import type { ChannelIncidents } from '../usecases/store-records.ts';

/**
 * Which of the incidents `change` read a decision changed, in both engines alike: the very object
 * when `decide` returned it unchanged, else the one with the same id. A decision about any other
 * incident is a bug in the caller, so it throws and the transaction writes nothing.
 */
export function changedFrom(found: ChannelIncidents, changed: Incident): Incident {
  const read = [found.open, found.latest];
  const before =
    read.find((i) => i === changed) ?? read.find((i): i is Incident => i?.id === changed.id);
  if (!before) throw new Error(`a change must be to the channel's open or latest incident`);
  return before;
}
