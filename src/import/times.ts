import { buildAlertEpisodes } from '../domain/alerts/episodes.ts';
import type { AlertOccurrence } from '../domain/types.ts';
import type { ImportedTimes } from '../usecases/import-incident.ts';
import type { ImportedMessage } from './interpret.ts';

// Since nobody ran a command, the incident's own points are read from the messages; the metric
// rules (docs/metrics.md) then apply unchanged: detection and impact start come from alerts
// that fired no later than the declaration.

function alertOccurrences(items: readonly ImportedMessage[]): AlertOccurrence[] {
  return items.flatMap((item) =>
    item.changes.flatMap((change): AlertOccurrence[] => {
      if (change.kind === 'deleted' || change.message.alert === null) return [];
      const at = change.kind === 'edited' ? change.at : change.message.postedAt;
      return [{ at, alert: change.message.alert, origin: 'message', messageTs: change.message.ts }];
    }),
  );
}

/** `items` are the window's messages, oldest first; there is at least one. */
export function inferTimes(items: readonly ImportedMessage[]): ImportedTimes {
  const first = items[0];
  if (first === undefined) throw new Error('inferTimes needs at least one message');
  const report = items.find((i) => !i.message.isBot && i.message.userId !== null) ?? null;
  const declaredAt = report?.at ?? first.at;
  const occurrences = alertOccurrences(items);
  const firstFiring = occurrences.filter((o) => o.alert.state === 'firing').map((o) => o.at);
  const alertFirst = firstFiring.length > 0 && Math.min(...firstFiring) <= declaredAt;

  const episodes = buildAlertEpisodes(occurrences);
  const allResolved = episodes.length > 0 && episodes.every((e) => e.resolvedAt !== null);
  const lastResolved = allResolved
    ? episodes.reduce((a, b) => ((a.resolvedAt ?? 0) >= (b.resolvedAt ?? 0) ? a : b))
    : null;
  const mitigatedAt = lastResolved?.resolvedAt ?? null;
  const latest = Math.max(...items.map((i) => i.at), ...occurrences.map((o) => o.at));
  return {
    declaredAt,
    reporterId: report?.message.userId ?? null,
    detectedByReporter: report !== null && !alertFirst,
    mitigatedAt,
    mitigation:
      lastResolved === null
        ? null
        : episodes.length === 1
          ? `the alert ${lastResolved.name} resolved`
          : `all ${episodes.length} alerts resolved, the last ${lastResolved.name}`,
    resolvedAt: Math.max(latest, mitigatedAt ?? latest),
  };
}
