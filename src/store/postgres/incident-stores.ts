import type { Store } from '../../usecases/store-port.ts';
import type { PgDb } from './db.ts';
import { createPgIncidentStore } from './incident-store.ts';
import { createPgKeyMarkStore } from './key-marks.ts';
import { createPgMessageStore } from './message-store.ts';
import { createPgSectionStore } from './sections.ts';
import { createPgWebhookAlertStore } from './webhook-alerts.ts';

/** The incident side of the PostgreSQL store: incidents and what is recorded about them. */
export function createPgIncidentStores(
  db: PgDb,
): Pick<Store, 'incidents' | 'messages' | 'keyMarks' | 'sections' | 'webhookAlerts'> {
  return {
    incidents: createPgIncidentStore(db),
    messages: createPgMessageStore(db),
    keyMarks: createPgKeyMarkStore(db),
    sections: createPgSectionStore(db),
    webhookAlerts: createPgWebhookAlertStore(db),
  };
}
