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

/**
 * The SQLite engine's synchronous repositories over one connection: statements, without
 * transactions of their own (but storePending's first row). The Store (index.ts) composes them
 * into the port's atomic operations; tests and benchmarks use them to lay down rows directly.
 */
export function createRepositories(db: Db) {
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
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
