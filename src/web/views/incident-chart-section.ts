import { formatDuration } from '../../domain/durations.ts';
import type { HtmlContext } from '../../domain/postmortem/html-context.ts';
import type { PostmortemDraft } from '../../domain/postmortem/model.ts';
import { toolName } from '../../domain/tool-names.ts';
import {
  type ChartMarker,
  type IncidentChartInput,
  incidentChartSvg,
  MARKERS,
} from '../charts/incident-chart.ts';
import { zoneLabel } from '../charts/time-axis.ts';
import { esc, tableBox } from './html.ts';

// The incident's chart and, beside it, a table holding the same data: its text alternative.

/** What the chart draws, from the draft (its metrics and alert episodes). */
export function chartInputOf(draft: PostmortemDraft): IncidentChartInput {
  const { metrics } = draft;
  const markers: ChartMarker[] = [
    { kind: 'impact', at: metrics.impactStart.at },
    { kind: 'detected', at: metrics.detected.at },
    { kind: 'declared', at: draft.declaredAt },
    ...(metrics.mitigated ? [{ kind: 'mitigated' as const, at: metrics.mitigated.at }] : []),
    ...(metrics.resolved ? [{ kind: 'resolved' as const, at: metrics.resolved.at }] : []),
  ];
  return {
    title: draft.title,
    timeZone: draft.timeZone,
    now: draft.generatedAt,
    markers,
    episodes: draft.episodes.map((e) => ({
      alert: e.name,
      firedAt: e.firedAt,
      resolvedAt: e.resolvedAt,
    })),
  };
}

export function chartSection(draft: PostmortemDraft, ctx: HtmlContext): string {
  const input = chartInputOf(draft);
  const zone = zoneLabel(draft.declaredAt, draft.generatedAt, draft.timeZone);
  const episodes = draft.episodes.map(
    (e) =>
      `<tr><th scope="row">${ctx.text(e.name)} <span class="muted">(${esc(toolName(e.source))})</span></th><td>${ctx.time(e.firedAt)}</td><td>${
        e.resolvedAt === null ? 'still firing' : ctx.time(e.resolvedAt)
      }</td><td class="num">${e.resolvedAt === null ? '—' : esc(formatDuration(e.resolvedAt - e.firedAt))}</td></tr>`,
  );
  const markers = [...input.markers]
    .sort((a, b) => a.at - b.at)
    .map(
      (m) =>
        `<tr><th scope="row">Marker: ${esc(MARKERS[m.kind].label)}</th><td>${ctx.time(m.at)}</td><td>—</td><td class="num">—</td></tr>`,
    );
  return `<section id="chart" aria-labelledby="chart-h">
<h2 id="chart-h">Chart</h2>
<figure class="chart">
${incidentChartSvg(input)}
<figcaption>Alert episodes as bars from firing to resolved (an arrow at the right edge: still firing), with impact start, detected, declared, mitigated and resolved marked; times in ${esc(zone)}. The table below holds the same data.</figcaption>
</figure>
${tableBox("The chart's data")}<table>
<caption>The chart's data: alert episodes and marked moments</caption>
<thead><tr><th scope="col">On the chart</th><th scope="col">From</th><th scope="col">To</th><th scope="col" class="num">How long</th></tr></thead>
<tbody>${[...episodes, ...markers].join('\n')}</tbody>
</table></div>
</section>`;
}
