import { duration, durationRows } from '../../domain/postmortem/duration-rows.ts';
import type { HtmlContext } from '../../domain/postmortem/html-context.ts';
import type { PostmortemDraft } from '../../domain/postmortem/model.ts';
import type { MetricPoint } from '../../domain/types.ts';
import { esc, tableBox } from './html.ts';

// Key times with where each came from, and the durations built on them: the post-mortem's own
// numbers (computeMetrics), said in the post-mortem's words.

/** A moment of the incident; null while it has not happened. */
export interface KeyTime {
  name: string;
  at: number | null;
  /** Where the time came from, plain text. */
  source: string;
}

export function keyTimesOf(draft: PostmortemDraft): KeyTime[] {
  const { metrics } = draft;
  const point = (name: string, p: MetricPoint | null, pending: string): KeyTime =>
    p === null ? { name, at: null, source: pending } : { name, at: p.at, source: p.detail };
  return [
    point('Impact start', metrics.impactStart, ''),
    point('Detected', metrics.detected, ''),
    { name: 'Declared', at: draft.declaredAt, source: `/incident start by ${draft.reporter}` },
    {
      name: 'Acknowledged',
      at: metrics.ttaMs === null ? null : metrics.detected.at + metrics.ttaMs,
      source:
        metrics.ttaMs === null
          ? 'nobody has responded yet'
          : "the first person's message after detection, or the declaration if that came first",
    },
    point('Mitigated', metrics.mitigated, 'not mitigated yet (/incident mitigated)'),
    point('Resolved', metrics.resolved, 'not resolved yet (/incident resolve)'),
  ];
}

export function keyTimesSection(draft: PostmortemDraft, ctx: HtmlContext): string {
  const { metrics } = draft;
  const times = keyTimesOf(draft).map(
    (t) =>
      `<tr><th scope="row">${esc(t.name)}</th><td>${t.at === null ? 'not yet' : ctx.time(t.at)}</td><td>${ctx.text(t.source)}</td></tr>`,
  );
  const durations = durationRows(metrics).map(
    ([name, value, measured]) =>
      `<tr><th scope="row">${esc(name)}</th><td class="num">${esc(value)}</td><td>${esc(measured)}</td></tr>`,
  );
  const warnings =
    metrics.warnings.length === 0
      ? ''
      : `<div class="error" role="note"><p><strong>Check these times before relying on the durations:</strong></p><ul>${metrics.warnings
          .map((w) => `<li>${ctx.text(w)}</li>`)
          .join('')}</ul></div>`;
  return `<section id="times" aria-labelledby="times-h">
<h2 id="times-h">Key times and metrics</h2>
<p><strong>Detection:</strong> ${ctx.text(metrics.detection.summary)}</p>
${tableBox('Key times')}<table>
<caption>Key times and where each came from</caption>
<thead><tr><th scope="col">Moment</th><th scope="col">Time</th><th scope="col">Where it came from</th></tr></thead>
<tbody>${times.join('\n')}</tbody>
</table></div>
<p>TTD + TTM = the total duration of impact (${esc(duration(metrics.totalMs))}): from impact start to mitigation. TTR runs from impact start to resolution.</p>
${tableBox('Durations')}<table>
<caption>Durations</caption>
<thead><tr><th scope="col">Metric</th><th scope="col" class="num">Duration</th><th scope="col">Measured</th></tr></thead>
<tbody>${durations.join('\n')}</tbody>
</table></div>
${warnings}
</section>`;
}
