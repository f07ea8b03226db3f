import { alertAnnouncement } from '../domain/webhooks/announcement.ts';
import { rawPerAlert } from '../domain/webhooks/raw.ts';
import type { WebhookAlert } from '../domain/webhooks/types.ts';
import { announce } from './announce.ts';
import { findRelatedQuietly } from './find-related.ts';
import { type Deps, metricsOf } from './ports.ts';
import { suggestFromWebhookAlerts } from './suggest-services.ts';

/** Only what ingesting touches, so callers and tests need not build the whole of `Deps`. */
export type IngestDeps = Pick<
  Deps,
  'store' | 'notifier' | 'clock' | 'logger' | 'timeZone' | 'metrics' | 'replica'
>;

export type IngestResult =
  | {
      status: 'stored';
      stored: number;
      duplicates: number;
      /** The channel post; senders are answered without waiting for Slack. */
      announced: Promise<void>;
    }
  | { status: 'no-incident' };

/**
 * Records alerts a monitoring tool sent straight to us into the channel's open incident, then
 * tells the channel about the new ones. Tools re-send a firing alert every repeat interval and
 * retry failed deliveries, so a notification already stored is counted, not stored or posted
 * again.
 */
export async function ingestWebhookAlerts(
  deps: IngestDeps,
  input: { channelId: string; alerts: WebhookAlert[]; raw: unknown },
): Promise<IngestResult> {
  const now = deps.clock.now();
  const raws = rawPerAlert(input.raw, input.alerts.length);
  const incoming = input.alerts.map((alert, i) => ({ alert, raw: raws[i] ?? input.raw }));
  const fresh = await deps.store.webhookAlerts.ingest(input.channelId, incoming, now);
  countAlerts(deps, input.alerts, fresh);
  if (fresh === null) return { status: 'no-incident' };
  // Labels (`service`, `app`, `job`) suggest affected services; before the related search reads them.
  await suggestFromWebhookAlerts(deps, input.channelId, raws);

  // announce logs and swallows Slack failures: the alerts are stored either way, and a slow or
  // retrying Slack must not hold the monitoring tool's request open.
  const announced =
    fresh.length === 0
      ? Promise.resolve()
      : announce(deps, input.channelId, {
          text: alertAnnouncement(fresh, { timeZone: deps.timeZone, now }),
        })
          // New alert names can relate the incident to past ones; posted after the alerts. A new
          // notification of a name the incident already had is not looked again.
          .then(() =>
            findRelatedQuietly(deps, { channelId: input.channelId }, { onlyIfChanged: true }),
          )
          .then(() => undefined);
  return {
    status: 'stored',
    stored: fresh.length,
    duplicates: input.alerts.length - fresh.length,
    announced,
  };
}

function countAlerts(deps: IngestDeps, alerts: WebhookAlert[], fresh: WebhookAlert[] | null) {
  const metrics = metricsOf(deps);
  const stored = new Set(fresh);
  const bySource = new Map<string, { stored: number; received: number }>();
  for (const alert of alerts) {
    const counts = bySource.get(alert.source) ?? { stored: 0, received: 0 };
    counts.received++;
    if (stored.has(alert)) counts.stored++;
    bySource.set(alert.source, counts);
  }
  for (const [source, counts] of bySource) {
    if (fresh === null) metrics.webhookAlerts(source, 'no_incident', counts.received);
    metrics.webhookAlerts(source, 'stored', counts.stored);
    metrics.webhookAlerts(
      source,
      'duplicate',
      fresh === null ? 0 : counts.received - counts.stored,
    );
  }
}
