import type { MetricPoint } from '../types.ts';
import { duration } from './markdown-metrics.ts';
import { mdText } from './markdown-text.ts';
import type { PostmortemDraft } from './model.ts';

type At = (ms: number) => string;

/** How we found out, with the evidence, so the team can judge whether it was soon enough. */
export function detection(draft: PostmortemDraft, at: At): string[] {
  const { metrics } = draft;
  const point = (p: MetricPoint) => `${at(p.at)} — ${mdText(p.detail)}`;
  return [
    mdText(metrics.detection.summary),
    '',
    `- **Detected:** ${point(metrics.detected)}`,
    `- **Impact start:** ${point(metrics.impactStart)}`,
    `- **Time to detect (TTD):** ${duration(metrics.ttdMs)}, from impact start to detection`,
    '',
    '_Could we have detected it sooner? Which signal would have told us earlier, and why did it not?_',
  ];
}

/** How fast people got organised, and who carried the response. */
export function response(draft: PostmortemDraft): string[] {
  const { metrics } = draft;
  return [
    `- **Time to declare:** ${duration(metrics.timeToDeclareMs)}, from detection to declaration`,
    `- **Time to acknowledge (TTA):** ${duration(metrics.ttaMs)}, from detection to the first human response`,
    `- **Time to lead:** ${duration(metrics.timeToLeadMs)}, from declaration to the first lead named`,
    `- **Time to first action:** ${duration(metrics.timeToFirstActionMs)}, from declaration to the first action item`,
    '',
    '### Who did what',
    '',
    ...(draft.responders.length === 0
      ? ['_Nobody is recorded as responding._']
      : draft.responders.map((r) => `- **${mdText(r.name)}:** ${r.did.map(mdText).join(', ')}`)),
  ];
}
