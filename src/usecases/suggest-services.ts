import { planSuggestions } from '../domain/description/plan.ts';
import {
  serviceFromChannelName,
  servicesFromDatadogText,
  servicesFromWebhookAlert,
} from '../domain/description/suggest.ts';
import type { SuggestedTag } from '../domain/description/types.ts';
import { findRelatedQuietly, type RelatedDeps } from './find-related.ts';
import type { Deps } from './ports.ts';

// Alerts suggest the services an incident affects. A suggestion never brings back a tag that was
// removed (the store sees removed rows too), and a failure here never fails the alert's storing.

type SuggestDeps = Pick<Deps, 'store' | 'clock' | 'logger'>;

export async function suggestTags(
  deps: SuggestDeps,
  incidentId: number,
  suggested: readonly SuggestedTag[],
): Promise<SuggestedTag[]> {
  if (suggested.length === 0) return [];
  try {
    return await deps.store.descriptions.suggest(
      incidentId,
      (seen, liveCount) => planSuggestions(seen, liveCount, suggested),
      deps.clock.now(),
    );
  } catch (error) {
    deps.logger.warn({ err: error, incidentId }, 'could not store suggested services');
    return [];
  }
}

/** Services named by the labels of webhook alerts just stored for the channel's open incident. */
export async function suggestFromWebhookAlerts(
  deps: SuggestDeps,
  channelId: string,
  raws: readonly unknown[],
): Promise<SuggestedTag[]> {
  const suggested = raws.flatMap(servicesFromWebhookAlert);
  if (suggested.length === 0) return [];
  const incident = await deps.store.incidents.findOpenInChannel(channelId);
  return incident ? suggestTags(deps, incident.id, suggested) : [];
}

/** The channel name, when it names a service known from earlier incidents. */
export async function suggestFromChannelName(
  deps: SuggestDeps,
  incidentId: number,
  channelName: string | null,
): Promise<SuggestedTag[]> {
  if (channelName === null) return [];
  const known = await deps.store.descriptions.knownServices();
  return suggestTags(deps, incidentId, serviceFromChannelName(channelName, known));
}

/** A Datadog notification recorded in the channel: its `service:` tags, for the open incident. */
export async function suggestFromDatadogMessage(
  deps: RelatedDeps,
  channelId: string,
  texts: readonly string[],
): Promise<SuggestedTag[]> {
  const suggested = servicesFromDatadogText(texts);
  if (suggested.length === 0) return [];
  const incident = await deps.store.incidents.findOpenInChannel(channelId);
  if (!incident) return [];
  const added = await suggestTags(deps, incident.id, suggested);
  // Services can relate it to past incidents: looked for again once they are stored.
  if (added.length > 0) await findRelatedQuietly(deps, { incidentId: incident.id });
  return added;
}
