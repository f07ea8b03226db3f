import { asc, eq } from 'drizzle-orm';
import type { WebhookAlertStore } from '../../usecases/store-port.ts';
import type { StoredWebhookAlert } from '../../usecases/store-records.ts';
import { toStoredWebhookAlert, webhookAlertValues } from '../rows-incidents.ts';
import type { PgDb } from './db.ts';
import { findOpenInChannel } from './incident-rows.ts';
import type { PgExec } from './incident-tx.ts';
import { webhookAlerts } from './schema.ts';

/**
 * Webhook alerts over PostgreSQL. A monitoring tool repeating a notification to two replicas at
 * once meets the unique key: the second insert waits for the first, then stores nothing.
 */
export function createPgWebhookAlertStore(db: PgDb): WebhookAlertStore {
  return {
    ingest(channelId, alerts, now) {
      return db.transaction(async (tx) => {
        const incident = await findOpenInChannel(tx, channelId);
        if (!incident) return null;
        const fresh = [];
        for (const incoming of alerts) {
          const inserted = await tx
            .insert(webhookAlerts)
            .values(webhookAlertValues(incident.id, incoming.alert, incoming.raw, now))
            .onConflictDoNothing()
            .returning({ id: webhookAlerts.id });
          if (inserted.length > 0) fresh.push(incoming.alert);
        }
        return fresh;
      });
    },
  };
}

export async function webhookAlertsOf(
  exec: PgExec,
  incidentId: number,
): Promise<StoredWebhookAlert[]> {
  const rows = await exec
    .select()
    .from(webhookAlerts)
    .where(eq(webhookAlerts.incidentId, incidentId))
    .orderBy(asc(webhookAlerts.receivedAt), asc(webhookAlerts.id));
  return rows.map(toStoredWebhookAlert);
}
