import type { HtmlContext } from '../../domain/postmortem/html-context.ts';
import {
  blameless,
  learnings,
  responders,
  writtenSection,
} from '../../domain/postmortem/html-sections.ts';
import { timeline } from '../../domain/postmortem/html-timeline.ts';
import type { PostmortemDraft } from '../../domain/postmortem/model.ts';
import type { TimelineEntry } from '../../domain/timeline.ts';
import type { ActionKind, ActionStatus } from '../../domain/types.ts';
import { DOWNLOADS, type DownloadName, type IncidentView } from '../../usecases/incident-view.ts';
import {
  actionKindLabel,
  actionStatusLabel,
  count,
  day,
  postmortemLabel,
  purposeLabel,
  severityBadge,
  statusLabel,
} from './format.ts';
import { attr, esc, tableBox } from './html.ts';

// The parts of an incident's page after its chart: the timeline, follow-ups, related incidents,
// the draft post-mortem and its downloads. Each part is the post-mortem's own rendering where one
// exists, so the page and the export never disagree.

/** Up to this many entries (replies included) the page shows the whole timeline. */
export const FULL_TIMELINE_MAX = 300;

function entriesIn(entries: readonly TimelineEntry[]): number {
  return entries.reduce((n, e) => n + 1 + e.replies.length, 0);
}

/**
 * The post-mortem's timeline; a long one shows its key events only (state changes, alerts, notes,
 * 📌 messages), the rest being in the transcript.
 */
export function timelineSection(draft: PostmortemDraft, ctx: HtmlContext, id: number): string {
  const all = entriesIn(draft.timeline);
  const transcript = `/incidents/${id}/transcript`;
  const link =
    draft.transcript.length === 0
      ? ''
      : `<p><a href="${attr(transcript)}">The full transcript: ${esc(count(draft.transcript.length, 'message'))}</a></p>`;
  if (all <= FULL_TIMELINE_MAX) return insertAfterHeading(timeline(draft, ctx), link);
  const keys = draft.timeline
    .filter((e) => e.key)
    .map((e) => ({ ...e, replies: e.replies.filter((r) => r.key) }));
  const note = `<p class="notice">This timeline has ${esc(count(all, 'entry', 'entries'))}; shown here are its ${esc(count(entriesIn(keys), 'key event'))}. The Markdown and HTML downloads hold all of it.</p>`;
  return insertAfterHeading(timeline({ ...draft, timeline: keys }, ctx), `${note}\n${link}`);
}

/** Our own section markup: its first `</h2>` closes its heading (user text is escaped). */
function insertAfterHeading(section: string, html: string): string {
  return html === '' ? section : section.replace('</h2>\n', `</h2>\n${html}\n`);
}

export function actionsSection(view: IncidentView, ctx: HtmlContext): string {
  const { actions } = view.draft;
  const rows = actions.map((a) => {
    const issue = view.issues.get(a.id);
    const issueCell =
      issue && /^https?:\/\//i.test(issue.url)
        ? `<a href="${attr(issue.url)}" rel="noopener noreferrer">#${esc(String(issue.number))}</a> (${esc(issue.state)})`
        : '—';
    return `<tr><td class="num">${esc(String(a.id))}</td><td>${ctx.text(a.text)}</td><td>${
      a.owner === null ? '—' : ctx.person(a.owner)
    }</td><td>${a.due === null ? '—' : day(a.due)}</td><td>${esc(purposeLabel(purposeOf(a.purpose)))}</td><td>${esc(
      actionKindLabel(a.kind as ActionKind),
    )}</td><td>${esc(actionStatusLabel(a.status as ActionStatus))}</td><td>${issueCell}</td></tr>`;
  });
  const body =
    actions.length === 0
      ? '<p class="muted">No action items yet: add them with <code>/incident action</code>.</p>'
      : `${tableBox('Action items')}<table>
<caption>Action items and their state</caption>
<thead><tr><th scope="col" class="num">#</th><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Purpose</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Issue</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table></div>`;
  return `<section id="actions" aria-labelledby="actions-h">\n<h2 id="actions-h">Action items</h2>\n${body}\n</section>`;
}

function purposeOf(purpose: string | null) {
  return purpose === 'detect' || purpose === 'mitigate' || purpose === 'prevent' ? purpose : null;
}

export function relatedSection(view: IncidentView, ctx: HtmlContext): string {
  const items = view.related.map(
    (r) =>
      `<li><a href="/incidents/${attr(r.incident.id)}">#${esc(String(r.incident.id))} ${esc(r.title)}</a> ${severityBadge(
        r.incident.severity,
      )} <span class="badge">${esc(statusLabel(r.incident.status))}</span> declared ${ctx.time(
        r.incident.declaredAt,
      )}, ${esc(r.ended)}.<br><span class="muted">${r.reasons.map((reason) => codeSpans(reason)).join('; ')}</span></li>`,
  );
  if (view.hiddenRelated > 0) {
    items.push(
      `<li>${esc(count(view.hiddenRelated, 'private incident'))} you cannot see ${view.hiddenRelated === 1 ? 'is' : 'are'} related too.</li>`,
    );
  }
  const body =
    items.length === 0
      ? '<p class="muted">No related incidents were found.</p>'
      : `<ul class="plain">\n${items.join('\n')}\n</ul>`;
  return `<section id="related" aria-labelledby="related-h">\n<h2 id="related-h">Related incidents</h2>\n${body}\n</section>`;
}

/** "same alert `X`": the name inside backticks as code, everything escaped first. */
function codeSpans(plain: string): string {
  return esc(plain).replace(/`([^`]*)`/g, '<code>$1</code>');
}

/**
 * The written part of the draft as the HTML export renders it (summary, response, impact, cause,
 * learnings, blameless review); key times, timeline and actions have their own sections above.
 */
export function postmortemSection(draft: PostmortemDraft, ctx: HtmlContext): string {
  const article = [
    writtenSection('summary', 'Summary', draft.summary, 'summary', ctx),
    responders(draft, ctx),
    writtenSection('impact', 'Impact', draft.impact, 'impact', ctx),
    writtenSection('cause', 'Root cause', draft.cause, 'cause', ctx),
    learnings(draft, ctx),
    blameless(draft, ctx),
  ]
    .filter((part) => part !== '')
    .join('\n');
  return `<section id="postmortem" aria-labelledby="postmortem-h">
<h2 id="postmortem-h">Draft post-mortem</h2>
<p>State: <span class="badge">${esc(postmortemLabel(draft.postmortem.state))}</span>. The whole document, key times, timeline and transcript included, is in the downloads below.</p>
<article class="postmortem">
${lowerHeadings(article)}
</article>
</section>`;
}

/** The export's sections start at h2; inside this page's h2 they become h3 (our markup only). */
function lowerHeadings(html: string): string {
  return html.replace(/<(\/?)h([2-5])>/g, (_m, slash: string, level: string) => {
    return `<${slash}h${Number(level) + 1}>`;
  });
}

export function downloadsSection(id: number): string {
  const links = (Object.keys(DOWNLOADS) as DownloadName[]).map(
    (name) =>
      `<li><a href="/incidents/${attr(id)}/download/${attr(name)}">${esc(DOWNLOADS[name].label)}</a> <span class="muted">(${esc(name)})</span></li>`,
  );
  return `<section id="downloads" aria-labelledby="downloads-h">
<h2 id="downloads-h">Downloads</h2>
<p>The draft post-mortem as <code>scribe export</code> writes it. The public HTML has roles instead of names, and no chat.</p>
<ul>\n${links.join('\n')}\n</ul>
</section>`;
}
