import { asc, eq } from 'drizzle-orm';
import type { WebhookAlert } from '../domain/webhooks/types.ts';
import type { StoredWebhookAlert } from '../usecases/store-records.ts';
import type { Db } from './db.ts';
import { toStoredWebhookAlert, webhookAlertValues } from './rows-incidents.ts';
import { webhookAlerts } from './schema.ts';

export function createWebhookAlertRepository(db: Db) {
  return {
    /**
     * Stores an alert notification once: a repeat of the same state of the same alert episode
     * changes nothing. SQLite treats NULLs in a unique index as distinct, so a missing start time
     * is stored as the arrival time to keep the key complete.
     */
    insertIfNew(incidentId: number, alert: WebhookAlert, raw: unknown, now: number): boolean {
      const result = db
        .insert(webhookAlerts)
        .values(webhookAlertValues(incidentId, alert, raw, now))
        .onConflictDoNothing()
        .run();
      return result.changes > 0;
    },

    forIncident(incidentId: number): StoredWebhookAlert[] {
      return db
        .select()
        .from(webhookAlerts)
        .where(eq(webhookAlerts.incidentId, incidentId))
        .orderBy(asc(webhookAlerts.receivedAt), asc(webhookAlerts.id))
        .all()
        .map(toStoredWebhookAlert);
    },
  };
}

export type WebhookAlertRepository = ReturnType<typeof createWebhookAlertRepository>;
