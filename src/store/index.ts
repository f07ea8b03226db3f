import { createActionIssueRepository } from './action-issues.ts';
import { createActionRepository } from './actions.ts';
import { createAlertChangeRepository } from './alert-changes.ts';
import type { Db } from './db.ts';
import { createIncidentRepository } from './incidents.ts';
import { createKeyMarkRepository } from './key-marks.ts';
import { createMessageRepository } from './messages.ts';
import { createPeopleRepository } from './people.ts';
import { createPostmortemRepository } from './postmortems.ts';
import { createReminderRepository } from './reminders.ts';
import { createSectionRepository } from './sections.ts';
import { createWebhookAlertRepository } from './webhook-alerts.ts';

/** Every repository over one connection, plus `transaction` to group synchronous writes. */
export function createStore(db: Db) {
  return {
    incidents: createIncidentRepository(db),
    messages: createMessageRepository(db),
    actions: createActionRepository(db),
    people: createPeopleRepository(db),
    postmortems: createPostmortemRepository(db),
    keyMarks: createKeyMarkRepository(db),
    alertChanges: createAlertChangeRepository(db),
    sections: createSectionRepository(db),
    reminders: createReminderRepository(db),
    actionIssues: createActionIssueRepository(db),
    webhookAlerts: createWebhookAlertRepository(db),
    /** The database file, for work done on another connection (a worker); null in memory. */
    databaseFile: db.$client.memory ? null : db.$client.name,
    /**
     * better-sqlite3 is synchronous: `work` must not await, or the rollback guarantee is lost.
     * IMMEDIATE takes the write lock up front: a deferred transaction that reads first and then
     * writes fails at once with SQLITE_BUSY when another connection holds the lock, without
     * waiting for busy_timeout.
     */
    transaction<T>(work: () => T): T {
      return db.transaction(() => work(), { behavior: 'immediate' });
    },
  };
}

export type Store = ReturnType<typeof createStore>;
