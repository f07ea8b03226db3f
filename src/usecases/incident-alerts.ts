import { condense } from '../domain/slack-text.ts';
import type { AlertOccurrence } from '../domain/types.ts';
import type { StoredWebhookAlert } from './store-records.ts';

/** Every alert notification of an incident, from channel messages and webhooks, oldest first. */
export function incidentAlerts(
  fromMessages: readonly AlertOccurrence[],
  webhookAlerts: readonly StoredWebhookAlert[],
): AlertOccurrence[] {
  const fromWebhooks = webhookAlerts.map(
    (w): AlertOccurrence => ({
      // A resolution's own end time is when the impact stopped, not when the webhook arrived.
      at: w.state === 'resolved' ? (w.endsAt ?? w.receivedAt) : w.receivedAt,
      origin: 'webhook',
      messageTs: null,
      alert: {
        state: w.state,
        title: condense(w.summary === w.name ? w.name : `${w.name}: ${w.summary}`, 150),
        source: w.source,
        name: w.name,
        severity: w.severity,
        firedAt: w.startsAt,
      },
    }),
  );
  return [...fromMessages, ...fromWebhooks].sort((a, b) => a.at - b.at);
}
