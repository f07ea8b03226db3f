import { formatDuration } from '../durations.ts';
import { toolName } from '../tool-names.ts';
import type { MetricPoint } from '../types.ts';
import { duration, durationRows } from './duration-rows.ts';
import type { HtmlContext } from './html-context.ts';
import { escapeHtml } from './html-text.ts';
import { moreBlame } from './markdown-review.ts';
import type { PostmortemDraft } from './model.ts';

export function section(id: string, title: string, body: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

/**
 * Cells are HTML already; every caller builds them through the context. The box scrolls sideways
 * on a narrow screen, so it takes keyboard focus and is a region named `label`.
 */
export function table(head: string[], rows: string[][], label: string): string {
  const headRow = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const bodyRows = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`);
  return `<div class="table-wrap" role="region" aria-label="${escapeHtml(label)}" tabindex="0"><table>\n<thead><tr>${headRow}</tr></thead>\n<tbody>\n${bodyRows.join('\n')}\n</tbody>\n</table></div>`;
}

export function summaryBox(draft: PostmortemDraft, ctx: HtmlContext, heading: string): string {
  const { metrics } = draft;
  // Only known severities become a class name; the text itself is always escaped.
  const sevClass = /^sev[1-4]$/.test(draft.severity) ? ` ${draft.severity}` : '';
  const impact =
    metrics.totalMs === null
      ? 'ongoing (not mitigated yet)'
      : `${escapeHtml(formatDuration(metrics.totalMs))} <span class="muted">(impact start → mitigated)</span>`;
  const facts: [string, string][] = [
    ['Duration of impact', impact],
    ['Time to detect (TTD)', escapeHtml(duration(metrics.ttdMs))],
    ['Time to mitigate (TTM)', escapeHtml(duration(metrics.ttmMs))],
    ['Impact started', ctx.time(metrics.impactStart.at)],
    ['Declared', ctx.time(draft.declaredAt)],
    ['Resolved', draft.resolvedAt === null ? 'not yet' : ctx.time(draft.resolvedAt)],
  ];
  if (!ctx.public) {
    const participants = draft.participants.map(ctx.person).join(', ');
    facts.push(
      ['Reporter', ctx.person(draft.reporter)],
      ['Lead', draft.lead === null ? 'not set' : ctx.person(draft.lead)],
      ['Participants', participants === '' ? 'nobody posted in the channel' : participants],
    );
  }
  const dl = facts.map(([dt, dd]) => `<dt>${escapeHtml(dt)}</dt><dd>${dd}</dd>`).join('\n');
  return [
    '<header class="summary-box">',
    `<h1>${escapeHtml(heading)}${ctx.text(draft.title)}</h1>`,
    `<p class="badges"><span class="badge${sevClass}">${escapeHtml(draft.severity)}</span>` +
      `<span class="badge">${escapeHtml(draft.status)}</span></p>`,
    `<dl class="facts">\n${dl}\n</dl>`,
    '</header>',
  ].join('\n');
}

export function keyTimes(draft: PostmortemDraft, ctx: HtmlContext): string {
  const { metrics } = draft;
  const point = (name: string, p: MetricPoint | null) =>
    p === null ? [name, 'not yet', '—'] : [name, ctx.time(p.at), ctx.text(p.detail)];
  const parts = [
    table(
      ['Point', 'Time', 'Source'],
      [
        point('Impact start', metrics.impactStart),
        point('Detected', metrics.detected),
        point('Mitigated', metrics.mitigated),
        point('Resolved', metrics.resolved),
      ],
      'Key times',
    ),
    table(
      ['Metric', 'Duration', 'Measured'],
      durationRows(metrics).map((row) => row.map(escapeHtml)),
      'Durations',
    ),
    `<p><strong>Detection:</strong> ${ctx.text(metrics.detection.summary)}</p>`,
  ];
  if (metrics.warnings.length > 0) {
    const items = metrics.warnings.map((w) => `<li>${ctx.text(w)}</li>`).join('\n');
    parts.push(
      `<div class="warning" role="note"><strong>Check these times before relying on the durations:</strong>\n<ul>\n${items}\n</ul></div>`,
    );
  }
  const episodes = alertEpisodes(draft, ctx);
  if (episodes !== '') parts.push(episodes);
  return section('key-times', 'Key times and metrics', parts.join('\n'));
}

function alertEpisodes(draft: PostmortemDraft, ctx: HtmlContext): string {
  if (draft.episodes.length === 0) return '';
  const rows = draft.episodes.map((e) => [
    ctx.text(e.name),
    escapeHtml(toolName(e.source)),
    e.severity === null ? '—' : ctx.text(e.severity),
    ctx.time(e.firedAt),
    e.resolvedAt === null ? 'still firing' : ctx.time(e.resolvedAt),
    e.resolvedAt === null ? '—' : escapeHtml(formatDuration(e.resolvedAt - e.firedAt)),
  ]);
  return `<h3>Alert episodes</h3>\n${table(['Alert', 'Source', 'Severity', 'Fired', 'Resolved', 'Firing for'], rows, 'Alert episodes')}`;
}

export function actionItems(draft: PostmortemDraft, ctx: HtmlContext): string {
  if (draft.actions.length === 0) {
    return section('actions', 'Action items', '<p class="muted">No action items yet.</p>');
  }
  // Owners are people: a public report says what will be done, not who was assigned.
  const head = ctx.public
    ? ['#', 'Action', 'Due', 'Status']
    : ['#', 'Action', 'Owner', 'Due', 'Status'];
  const rows = draft.actions.map((a) => [
    escapeHtml(String(a.id)),
    ctx.text(a.text),
    ...(ctx.public ? [] : [a.owner === null ? '—' : ctx.person(a.owner)]),
    escapeHtml(a.due ?? '—'),
    escapeHtml(a.status),
  ]);
  return section('actions', 'Action items', table(head, rows, 'Action items'));
}

/**
 * A section people write with `/incident <command>`. A public report leaves out what nobody
 * wrote; the internal page says how to fill it in.
 */
export function writtenSection(
  id: string,
  title: string,
  text: string | null,
  command: string,
  ctx: HtmlContext,
): string {
  if (text !== null && text.trim() !== '') return section(id, title, paragraphs(text, ctx));
  if (ctx.public) return '';
  return section(id, title, notWritten(command));
}

export function learnings(draft: PostmortemDraft, ctx: HtmlContext): string {
  const items = draft.learnings.filter((l) => l.trim() !== '');
  if (items.length > 0) {
    const list = items.map((l) => `<li>${paragraphs(l, ctx)}</li>`).join('\n');
    return section('learnings', 'Key learnings', `<ol>\n${list}\n</ol>`);
  }
  return ctx.public ? '' : section('learnings', 'Key learnings', notWritten('learning'));
}

export function responders(draft: PostmortemDraft, ctx: HtmlContext): string {
  if (ctx.public || draft.responders.length === 0) return '';
  const items = draft.responders.map(
    (r) => `<li><strong>${ctx.person(r.name)}</strong>: ${r.did.map(ctx.text).join(', ')}</li>`,
  );
  return section('response', 'Response', `<ul>\n${items.join('\n')}\n</ul>`);
}

export function blameless(draft: PostmortemDraft, ctx: HtmlContext): string {
  if (ctx.public || draft.blameless.length === 0) return '';
  const items = draft.blameless.map((b) =>
    [
      '<li>',
      `<p><strong>${ctx.text(b.where)}</strong></p>`,
      `<blockquote>${ctx.text(b.quote)}</blockquote>`,
      `<p>“${ctx.text(b.phrase)}” → try: ${ctx.text(b.suggestion)}</p>`,
      '</li>',
    ].join(''),
  );
  const intro =
    '<p class="muted">Phrases that point at a person rather than at the system. Nothing was rewritten.</p>';
  const more =
    draft.blamelessMore === 0
      ? ''
      : `\n<p class="muted">${ctx.text(moreBlame(draft.blamelessMore))}</p>`;
  return section(
    'blameless',
    'Blameless review',
    `${intro}\n<ul>\n${items.join('\n')}\n</ul>${more}`,
  );
}

function notWritten(command: string): string {
  return `<p class="muted">Not written yet — add it with <code>/incident ${escapeHtml(command)}</code>.</p>`;
}

/** The draft keeps written sections as one paragraph per line. */
function paragraphs(text: string, ctx: HtmlContext): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `<p>${ctx.text(line)}</p>`)
    .join('\n');
}
