import { formatDuration } from '../durations.ts';
import type { IncidentMetrics } from '../types.ts';

/** A duration for people: floored units, or "not yet" while its end has not happened. */
export const duration = (ms: number | null) => (ms === null ? 'not yet' : formatDuration(ms));

/** [label, duration, what it measures] for every duration the draft reports, in order. */
export function durationRows(metrics: IncidentMetrics): Array<[string, string, string]> {
  return [
    ['TTD', duration(metrics.ttdMs), 'Impact start → Detected'],
    ['TTM', duration(metrics.ttmMs), 'Detected → Mitigated'],
    ['Total (TTD + TTM)', duration(metrics.totalMs), 'Impact start → Mitigated'],
    ['Time to declare', duration(metrics.timeToDeclareMs), 'Detected → Declared'],
    ['TTA', duration(metrics.ttaMs), 'Detected → first human response'],
    ['Time to lead', duration(metrics.timeToLeadMs), 'Declared → first lead named'],
    ['Time to first action', duration(metrics.timeToFirstActionMs), 'Declared → first action item'],
    ['TTR', duration(metrics.ttrMs), 'Impact start → Resolved'],
  ];
}
