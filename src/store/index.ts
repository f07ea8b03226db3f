import type { Store } from '../usecases/store-port.ts';
import { createActionStore } from './action-store.ts';
import { createClaimStore } from './claims.ts';
import type { Db } from './db.ts';
import { createDescriptionStore } from './descriptions.ts';
import { createIncidentStore } from './incident-store.ts';
import { createLibraryStore } from './library-store.ts';
import { createMessageStore } from './message-store.ts';
import { createPostmortemStateStore } from './postmortem-states.ts';
import { createRelatedStore } from './related-store.ts';
import { createRepositories } from './repositories.ts';
import { createReviewStore } from './review-store.ts';
import { createStatsStore } from './stats-store.ts';
import { immediate, promised } from './transact.ts';

export type { Store };

/**
 * The Store port over one SQLite connection (ADR 0011). better-sqlite3 stays synchronous inside:
 * every operation runs to the end, in one transaction where it writes more than one statement,
 * before its promise settles; nothing is awaited inside a transaction.
 */
export function createStore(db: Db): Store {
  const repos = createRepositories(db);
  const { people, postmortems, reminders, sections, incidents, webhookAlerts } = repos;
  return {
    incidents: createIncidentStore(db, repos),
    messages: createMessageStore(db, repos),
    actions: createActionStore(db, repos),
    people: promised(people, ['upsert', 'unknown', 'timeZoneOf', 'directory']),
    postmortems: {
      // Written a part at a time with turns of the event loop between parts: never in a
      // transaction (see storePending), and each write on its own is atomic.
      storePending: (incidentId, markdown, now, options) =>
        postmortems.storePending(incidentId, markdown, now, options),
      discard: async (id) => immediate(db, () => postmortems.discard(id)),
      ...promised(postmortems, [
        'markdownOf',
        'get',
        'markUploaded',
        'markPosted',
        'markFailed',
        'interrupted',
        'due',
        'latestForIncident',
      ]),
    },
    keyMarks: promised(repos.keyMarks, ['add', 'remove']),
    sections: {
      async addToLatest(channelId, section) {
        return immediate(db, () => {
          const incident = incidents.findLatestInChannel(channelId);
          if (incident) sections.add(incident.id, section);
          return incident;
        });
      },
    },
    reminders: {
      ...promised(reminders, ['candidates', 'dmDays', 'hasDm', 'snoozedUntil']),
      recordDm: async (dm, actionIds, now) =>
        immediate(db, () => reminders.recordDm(dm, actionIds, now)),
      snooze: async (actionId, until) => immediate(db, () => reminders.snooze(actionId, until)),
    },
    actionIssues: promised(repos.actionIssues, [
      'get',
      'insert',
      'forIncident',
      'openToCheck',
      'recordCheck',
    ]),
    webhookAlerts: {
      async ingest(channelId, alerts, now) {
        return immediate(db, () => {
          const incident = incidents.findOpenInChannel(channelId);
          if (!incident) return null;
          return alerts
            .filter(({ alert, raw }) => webhookAlerts.insertIfNew(incident.id, alert, raw, now))
            .map(({ alert }) => alert);
        });
      },
    },
    claims: createClaimStore(db),
    stats: createStatsStore(db),
    reviews: createReviewStore(db),
    descriptions: createDescriptionStore(db, repos),
    related: createRelatedStore(db),
    library: createLibraryStore(db),
    postmortemStates: createPostmortemStateStore(db, repos),
  };
}
