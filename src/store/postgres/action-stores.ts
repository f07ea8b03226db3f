import type { Store } from '../../usecases/store-port.ts';
import { createPgActionIssueStore } from './action-issues.ts';
import { createPgActionStore } from './action-items.ts';
import type { PgDb } from './db.ts';
import { createPgPeopleStore } from './people.ts';
import { createPgPostmortemStore } from './postmortem-store.ts';
import { createPgReminderStore } from './reminder-store.ts';

/** Actions, people, drafts, reminders and exported issues: their half of the PostgreSQL Store. */
export function createPgActionStores(
  db: PgDb,
): Pick<Store, 'actions' | 'people' | 'postmortems' | 'reminders' | 'actionIssues'> {
  return {
    actions: createPgActionStore(db),
    people: createPgPeopleStore(db),
    postmortems: createPgPostmortemStore(db),
    reminders: createPgReminderStore(db),
    actionIssues: createPgActionIssueStore(db),
  };
}
