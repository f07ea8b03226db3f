import type { MessageChange } from '../domain/message-event.ts';
import type { Store } from '../store/index.ts';

export type Applied = 'recorded' | 'edited' | 'deleted' | 'duplicate';

/**
 * Writes one interpreted message change for an incident. Synchronous: call it inside the
 * caller's transaction. Live events, look-back and backfill all come through here, so a message
 * seen twice by different paths is still stored once.
 */
export function applyMessageChange(
  store: Store,
  incidentId: number,
  change: Exclude<MessageChange, { kind: 'ignored' }>,
  now: number,
): Applied {
  switch (change.kind) {
    case 'posted': {
      const { message } = change;
      const isNew = store.messages.insertIfNew(incidentId, message, change.raw, now);
      if (message.alert) {
        store.alertChanges.record(
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
      store.messages.upsertEdited(incidentId, message, change.raw, now);
      if (message.alert) {
        store.alertChanges.record(
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
      store.messages.markDeleted(change.channelId, change.ts, change.at);
      return 'deleted';
  }
}
