import type { MessageStore } from '../usecases/store-port.ts';
import type { Db } from './db.ts';
import { applyMessageChange } from './message-changes.ts';
import { groupCommit } from './record-batch.ts';
import type { Repositories } from './repositories.ts';
import { immediate, promised } from './transact.ts';

/** The messages side of the Store port over SQLite: the record paths are one transaction each. */
export function createMessageStore(db: Db, repos: Repositories): MessageStore {
  const { messages, incidents } = repos;
  // The hot path of every Slack message event: prepared statements, each event in a savepoint of
  // a transaction shared with the events arriving beside it (record-batch.ts).
  const recordEvent = groupCommit(
    db,
    ({ channelId, eventId, change, now }: Parameters<MessageStore['recordEvent']>[0]) => {
      const incident = incidents.findOpenInChannel(channelId);
      if (!incident) return 'no-incident' as const;
      if (eventId && !messages.claimEvent(eventId, now)) return 'duplicate' as const;
      return applyMessageChange(repos, incident.id, change, now);
    },
  );
  return {
    recordEvent,

    async recordChanges(incidentId, changes, now) {
      return immediate(db, () => changes.map((c) => applyMessageChange(repos, incidentId, c, now)));
    },

    ...promised(messages, [
      'find',
      'countForIncident',
      'authorsOf',
      'newestTs',
      'threadRoots',
      'forgetEventsBefore',
    ]),
  };
}
