import type { AppliedChange, StorableChange } from '../../usecases/store-records.ts';
import { alertStateShown } from '../alert-state.ts';
import type { PgExec } from './incident-tx.ts';
import { insertIfNew, markDeleted, recordAlertChange, upsertEdited } from './message-rows.ts';

/**
 * Writes one interpreted message change for an incident, as ../message-changes.ts does for
 * SQLite: run it inside a transaction. Every path (live events, history, imports) comes through
 * here, so a message seen twice is still stored once, keyed by (channel, ts).
 */
export async function applyMessageChange(
  tx: PgExec,
  incidentId: number,
  change: StorableChange,
  now: number,
): Promise<AppliedChange> {
  if (change.kind === 'deleted') {
    await markDeleted(tx, change.channelId, change.ts, change.at);
    return 'deleted';
  }
  let isNew = false;
  if (change.kind === 'posted') {
    isNew = await insertIfNew(tx, incidentId, change.message, change.raw, now);
  } else {
    await upsertEdited(tx, incidentId, change.message, change.raw, now);
  }
  const shown = alertStateShown(change);
  if (shown) {
    await recordAlertChange(tx, incidentId, shown.channelId, shown.ts, shown.at, shown.alert);
  }
  if (change.kind === 'edited') return 'edited';
  return isNew ? 'recorded' : 'duplicate';
}
