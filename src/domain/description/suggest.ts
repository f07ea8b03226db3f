import { serviceTag } from './tags.ts';
import type { SuggestedTag } from './types.ts';

// Alerts and the channel name suggest which services an incident affects. A suggestion says
// where it came from, and one a person removed is never suggested again (the store's part).

/** Alertmanager/Grafana label names that name a service, in the order they are trusted. */
export const SERVICE_LABELS = ['service', 'app', 'job'] as const;

/**
 * Services named by the labels of one webhook alert: its raw JSON in any format, or the
 * envelope stored with it (`alerts` holding that one alert, see rawPerAlert).
 */
export function servicesFromWebhookAlert(raw: unknown): SuggestedTag[] {
  const inner =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).alerts : undefined;
  if (Array.isArray(inner)) return unique(inner.flatMap(servicesOfOne));
  return servicesOfOne(raw);
}

function servicesOfOne(raw: unknown): SuggestedTag[] {
  const labels = recordAt(raw, 'labels') ?? recordAt(raw, 'tags');
  if (labels === null) return [];
  const found: SuggestedTag[] = [];
  for (const label of SERVICE_LABELS) {
    const value = labels[label];
    if (typeof value !== 'string') continue;
    const tag = serviceTag(value);
    if (tag !== null) found.push({ ...tag, source: `alert:${label}` });
  }
  return unique(found);
}

/** `service:<name>` tags in a Datadog notification's text (its tag list). */
export function servicesFromDatadogText(texts: readonly string[]): SuggestedTag[] {
  const found: SuggestedTag[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(/(?:^|[\s,{([])service:([A-Za-z0-9][\w./-]*)/g)) {
      // A sentence's full stop (or a trailing slash or dash) is not part of the name.
      const tag = serviceTag((match[1] ?? '').replace(/[./-]+$/, ''));
      if (tag !== null) found.push({ ...tag, source: 'datadog' });
    }
  }
  return unique(found);
}

/**
 * `inc-checkout-latency` suggests `checkout` only when `checkout` is already known as a service
 * (tagged on an earlier incident): channel names hold many other words.
 */
export function serviceFromChannelName(
  channelName: string | null,
  knownServices: readonly string[],
): SuggestedTag[] {
  if (channelName === null) return [];
  const words = channelName.toLowerCase().split(/[-_]/);
  const known = new Set(knownServices);
  // The longest run of words that is a known service: `payment-gateway` before `payment`.
  for (let length = words.length; length >= 1; length--) {
    for (let start = 0; start + length <= words.length; start++) {
      const name = words.slice(start, start + length).join('-');
      if (known.has(name)) return [{ key: 'service', value: name, source: 'channel' }];
    }
  }
  return [];
}

function recordAt(raw: unknown, key: string): Record<string, unknown> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as Record<string, unknown>)[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function unique(tags: SuggestedTag[]): SuggestedTag[] {
  return tags.filter((t, i) => tags.findIndex((o) => o.value === t.value) === i);
}
