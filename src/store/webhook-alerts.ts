import { asc, eq } from 'drizzle-orm';
import type { AlertSource, AlertState } from '../domain/types.ts';
import type { WebhookAlert } from '../domain/webhooks/types.ts';
import type { StoredWebhookAlert } from '../usecases/store-records.ts';
import type { Db } from './db.ts';
import { webhookAlerts } from './schema.ts';

type WebhookAlertRow = typeof webhookAlerts.$inferSelect;

function toAlert(row: WebhookAlertRow): StoredWebhookAlert {
  return {
    source: row.source as AlertSource,
    fingerprint: row.fingerprint,
    name: row.name,
    state: row.state as AlertState,
    severity: row.severity,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    summary: row.summary,
    url: row.url,
    // Routing is decided before storing; the row belongs to its incident's channel.
    channelHint: null,
    receivedAt: row.receivedAt,
  };
}

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
        .values({
          incidentId,
          source: alert.source,
          fingerprint: alert.fingerprint,
          name: alert.name,
          state: alert.state,
          severity: alert.severity,
          startsAt: alert.startsAt ?? now,
          endsAt: alert.endsAt,
          summary: alert.summary,
          url: alert.url,
          receivedAt: now,
          raw: JSON.stringify(raw) ?? 'null',
        })
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
        .map(toAlert);
    },
  };
}

export type WebhookAlertRepository = ReturnType<typeof createWebhookAlertRepository>;
