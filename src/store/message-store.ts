import type { MessageStore } from '../usecases/store-port.ts';
import type { Db } from './db.ts';
import { applyMessageChange } from './message-changes.ts';
import type { Repositories } from './repositories.ts';
import { immediate, promised } from './transact.ts';

/** The messages side of the Store port over SQLite: the record paths are one transaction each. */
export function createMessageStore(db: Db, repos: Repositories): MessageStore {
  const { messages, incidents } = repos;
  return {
    // The hot path of every Slack message event: prepared statements, one transaction.
    async recordEvent({ channelId, eventId, change, now }) {
      return immediate(db, () => {
        const incident = incidents.findOpenInChannel(channelId);
        if (!incident) return 'no-incident';
        if (eventId && !messages.claimEvent(eventId, now)) return 'duplicate';
        return applyMessageChange(repos, incident.id, change, now);
      });
    },

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
