import { eq } from 'drizzle-orm';
import type { ActionStore } from '../usecases/store-port.ts';
import type { Db } from './db.ts';
import type { Repositories } from './repositories.ts';
import { actions as actionRows } from './schema.ts';
import { immediate, promised } from './transact.ts';

/** The action items side of the Store port over SQLite. */
export function createActionStore(db: Db, repos: Repositories): ActionStore {
  const { actions, incidents } = repos;
  return {
    ...promised(actions, ['get', 'forIncident', 'openForOwner']),

    // The id comes from the table's own sequence, inside the same transaction as the event.
    async add(channelId, decide) {
      return immediate(db, () => {
        const incident = incidents.findLatestInChannel(channelId);
        if (!incident) return null;
        const { action, event, purpose } = decide(incident);
        const saved = actions.insert({ ...action, incidentId: incident.id });
        if (purpose) {
          db.update(actionRows).set({ purpose }).where(eq(actionRows.id, saved.id)).run();
        }
        incidents.addEvent({ ...event, incidentId: incident.id });
        return saved;
      });
    },

    async change(id, decide) {
      return immediate(db, () => {
        const before = actions.get(id);
        if (!before) return null;
        const change = decide(before);
        if (!change.ok) return change;
        actions.update(change.action);
        return {
          ok: true as const,
          action: change.action,
          before,
          incidentActions: actions.forIncident(before.incidentId),
        };
      });
    },
  };
}
