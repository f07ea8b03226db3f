import { formatDuration } from '../durations.ts';
import { toolName } from '../tool-names.ts';
import type { MetricPoint } from '../types.ts';
import { duration, durationRows } from './duration-rows.ts';
import { mdCell, mdText, table } from './markdown-text.ts';
import type { PostmortemDraft } from './model.ts';

type At = (ms: number) => string;

export { duration };

/** Every point with where it came from, every duration with what it measures. */
export function keyTimes(draft: PostmortemDraft, at: At): string[] {
  const { metrics } = draft;
  const point = (name: string, p: MetricPoint | null) =>
    p === null ? [name, 'not yet', '—'] : [name, at(p.at), mdCell(p.detail)];
  return [
    ...table(
      ['Point', 'Time', 'Source'],
      [
        point('Impact start', metrics.impactStart),
        point('Detected', metrics.detected),
        point('Mitigated', metrics.mitigated),
        point('Resolved', metrics.resolved),
      ],
    ),
    '',
    ...table(['Metric', 'Duration', 'Measured'], durationRows(metrics)),
    ...warnings(draft.metrics.warnings),
    ...alertEpisodes(draft, at),
  ];
}

function warnings(list: readonly string[]): string[] {
  if (list.length === 0) return [];
  return [
    '',
    '> ⚠️ **Check these times before relying on the durations:**',
    ...list.map((w) => `> - ${mdText(w)}`),
  ];
}

function alertEpisodes(draft: PostmortemDraft, at: At): string[] {
  if (draft.episodes.length === 0) return [];
  const rows = draft.episodes.map((e) => [
    mdCell(e.name),
    mdCell(toolName(e.source)),
    mdCell(e.severity ?? '—'),
    at(e.firedAt),
    e.resolvedAt === null ? 'still firing' : at(e.resolvedAt),
    e.resolvedAt === null ? '—' : formatDuration(e.resolvedAt - e.firedAt),
  ]);
  return [
    '',
    '### Alert episodes',
    '',
    ...table(['Alert', 'Source', 'Severity', 'Fired', 'Resolved', 'Firing for'], rows),
  ];
}
