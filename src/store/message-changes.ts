import type { AppliedChange, StorableChange } from '../usecases/store-records.ts';
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
  switch (change.kind) {
    case 'posted': {
      const { message } = change;
      const isNew = repos.messages.insertIfNew(incidentId, message, change.raw, now);
      if (message.alert) {
        repos.alertChanges.record(
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
      repos.messages.upsertEdited(incidentId, message, change.raw, now);
      if (message.alert) {
        repos.alertChanges.record(
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
      repos.messages.markDeleted(change.channelId, change.ts, change.at);
      return 'deleted';
  }
}
