import type { AppliedChange, StorableChange } from '../usecases/store-records.ts';
import { alertStateShown } from './alert-state.ts';
import type { Repositories } from './repositories.ts';

/**
 * Writes one interpreted message change for an incident. Synchronous: call it inside a
 * transaction. Live events, look-back, backfill and imports all come through here, so a message
 * seen twice by different paths is still stored once, keyed by (channel, ts).
 */
export function applyMessageChange(
  repos: Pick<Repositories, 'messages' | 'alertChanges'>,
  incidentId: number,
  change: StorableChange,
  now: number,
): AppliedChange {
  if (change.kind === 'deleted') {
    repos.messages.markDeleted(change.channelId, change.ts, change.at);
    return 'deleted';
  }
  let isNew = false;
  if (change.kind === 'posted') {
    isNew = repos.messages.insertIfNew(incidentId, change.message, change.raw, now);
  } else {
    repos.messages.upsertEdited(incidentId, change.message, change.raw, now);
  }
  const shown = alertStateShown(change);
  if (shown)
    repos.alertChanges.record(incidentId, shown.channelId, shown.ts, shown.at, shown.alert);
  if (change.kind === 'edited') return 'edited';
  return isNew ? 'recorded' : 'duplicate';
}
