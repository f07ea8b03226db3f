import { formatDay } from '../time-format.ts';
import type { TimelineEntry } from '../timeline.ts';
import { type HtmlContext, isPersonEntry } from './html-context.ts';
import { section } from './html-sections.ts';
import { escapeHtml } from './html-text.ts';
import { TIMELINE_ICONS } from './icons.ts';
import type { PostmortemDraft, TranscriptLine } from './model.ts';

export function timeline(draft: PostmortemDraft, ctx: HtmlContext): string {
  // Conversation from an internal channel is not for the public: only key events remain.
  const entries = ctx.public ? keyEntries(draft.timeline) : draft.timeline;
  if (entries.length === 0) {
    const empty = ctx.public ? 'No key events were recorded.' : 'Nothing was recorded.';
    return section('timeline', 'Timeline', `<p class="muted">${empty}</p>`);
  }
  const parts: string[] = [];
  let day: string | null = null;
  for (const entry of entries) {
    const entryDay = formatDay(entry.at, draft.timeZone);
    if (entryDay !== day) {
      if (day !== null) parts.push('</ol>');
      parts.push(`<h3>${escapeHtml(entryDay)}</h3>`, '<ol class="timeline">');
      day = entryDay;
    }
    parts.push(entryItem(entry, entryDay, draft.timeZone, ctx));
  }
  parts.push('</ol>');
  return section('timeline', 'Timeline', parts.join('\n'));
}

function keyEntries(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return entries
    .filter((e) => e.key)
    .map((e) => ({ ...e, replies: e.replies.filter((r) => r.key) }));
}

function entryItem(entry: TimelineEntry, day: string, zone: string, ctx: HtmlContext): string {
  const replies = entry.replies.map((reply) => {
    const replyDay = formatDay(reply.at, zone);
    // A late reply on another day would otherwise look like it happened before its parent.
    const prefix = replyDay === day ? '' : `${escapeHtml(replyDay)} `;
    return `<li>${prefix}${entryLine(reply, ctx)}</li>`;
  });
  const nested = replies.length === 0 ? '' : `\n<ol class="replies">\n${replies.join('\n')}\n</ol>`;
  return `<li${entry.key ? ' class="key"' : ''}>${entryLine(entry, ctx)}${nested}</li>`;
}

function entryLine(entry: TimelineEntry, ctx: HtmlContext): string {
  // A 📌-marked message is a key event even though it is plain conversation.
  const icon = entry.kind === 'message' && entry.key ? '📌' : TIMELINE_ICONS[entry.kind];
  const actor = isPersonEntry(entry) ? ctx.person(entry.actor) : ctx.text(entry.actor);
  const text = ctx.public ? publicText(entry) : entry.text;
  return [
    `<span class="entry-time">${ctx.clock(entry.at)}</span> `,
    icon === '' ? '' : `<span aria-hidden="true">${icon}</span> `,
    `<strong>${actor}</strong>`,
    text === '' ? '' : `: <span class="entry-text">${ctx.text(text)}</span>`,
    entry.edited ? ' <span class="tag">(edited)</span>' : '',
    entry.beforeDeclaration ? ' <span class="tag">(before declaration)</span>' : '',
  ].join('');
}

/** Lines that only say who did what read oddly once names become roles. */
function publicText(entry: TimelineEntry): string {
  if (entry.kind === 'lead') return 'An incident lead was named';
  if (entry.kind === 'action') return entry.text.replace(/ \(owner [^()]*\)$/, '');
  return entry.text;
}

/** The appendix: every recorded message, deleted ones marked but never shown. Internal only. */
export function transcript(draft: PostmortemDraft, ctx: HtmlContext): string {
  if (ctx.public || draft.transcript.length === 0) return '';
  const rows: string[] = [];
  let day: string | null = null;
  for (const line of draft.transcript) {
    const lineDay = formatDay(line.at, draft.timeZone);
    if (lineDay !== day) {
      rows.push(
        `<tr class="day"><th colspan="3" scope="rowgroup">${escapeHtml(lineDay)}</th></tr>`,
      );
      day = lineDay;
    }
    rows.push(transcriptRow(line, ctx));
  }
  const body = [
    '<div class="table-wrap" role="region" aria-label="Transcript" tabindex="0"><table class="transcript">',
    '<thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Message</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table></div>',
  ].join('\n');
  return section('transcript', 'Appendix: transcript', body);
}

function transcriptRow(line: TranscriptLine, ctx: HtmlContext): string {
  const who = line.isBot
    ? `${ctx.text(line.actor)} <span class="tag">(bot)</span>`
    : ctx.person(line.actor);
  const message = line.deleted
    ? '<span class="deleted">(message deleted)</span>'
    : `${ctx.text(line.text)}${line.edited ? ' <span class="tag">(edited)</span>' : ''}`;
  const cls = line.depth === 1 ? ' class="reply"' : '';
  return `<tr${cls}><td>${ctx.clock(line.at)}</td><td>${who}</td><td>${message}</td></tr>`;
}
