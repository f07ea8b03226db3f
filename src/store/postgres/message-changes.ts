import type { AppliedChange, StorableChange } from '../../usecases/store-records.ts';
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
  switch (change.kind) {
    case 'posted': {
      const { message } = change;
      const isNew = await insertIfNew(tx, incidentId, message, change.raw, now);
      if (message.alert) {
        await recordAlertChange(
          tx,
          incidentId,
          message.channelId,
          message.ts,
          message.postedAt,
          message.alert,
        );
      }
      return isNew ? 'recorded' : 'duplicate';
    }
    case 'edited': {
      const { message } = change;
      await upsertEdited(tx, incidentId, message, change.raw, now);
      if (message.alert) {
        await recordAlertChange(
          tx,
          incidentId,
          message.channelId,
          message.ts,
          change.at,
          message.alert,
        );
      }
      return 'edited';
    }
    case 'deleted':
      await markDeleted(tx, change.channelId, change.ts, change.at);
      return 'deleted';
  }
}
