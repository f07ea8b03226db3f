import { asc, eq } from 'drizzle-orm';
import type { IncidentSnapshot } from '../../usecases/store-records.ts';
import { toAction } from '../rows-actions.ts';
import type { PgDb } from './db.ts';
import { describeIn } from './descriptions.ts';
import { eventsOf, getIncident } from './incident-rows.ts';
import { messageAlertsOf, messagesOf } from './message-rows.ts';
import { actions, people } from './schema.ts';
import { sectionsOf } from './sections.ts';
import { webhookAlertsOf } from './webhook-alerts.ts';

/**
 * Everything a draft is composed from, read at one moment: READ COMMITTED would give each
 * statement its own snapshot, so a message recorded between two reads could show in the
 * messages but not in the alerts. REPEATABLE READ keeps one snapshot for the whole read, and
 * a read-only one never fails on a concurrent write.
 */
export function snapshot(db: PgDb, incidentId: number): Promise<IncidentSnapshot | null> {
  return db.transaction(
    async (tx) => {
      const incident = await getIncident(tx, incidentId);
      if (!incident) return null;
      const actionRows = await tx
        .select()
        .from(actions)
        .where(eq(actions.incidentId, incidentId))
        .orderBy(asc(actions.id));
      const directory = await tx
        .select({ id: people.id, name: people.name })
        .from(people)
        .orderBy(asc(people.id));
      return {
        incident,
        events: await eventsOf(tx, incidentId),
        messages: await messagesOf(tx, incidentId),
        actions: actionRows.map(toAction),
        messageAlerts: await messageAlertsOf(tx, incidentId),
        webhookAlerts: await webhookAlertsOf(tx, incidentId),
        sections: await sectionsOf(tx, incidentId),
        people: new Map(directory.map((p) => [p.id, p.name])),
        description: await describeIn(tx, incidentId),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
