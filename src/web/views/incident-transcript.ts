import { formatDay } from '../../domain/time-format.ts';
import type { IncidentTranscript } from '../../usecases/incident-view.ts';
import type { Viewer } from '../viewer.ts';
import { count, time } from './format.ts';
import { attr, esc, tableBox } from './html.ts';
import { page } from './layout.ts';

// `/incidents/<id>/transcript`: every recorded message, a page at a time, so an incident of
// 50,000 messages is a click away from its page without being on it.

export const TRANSCRIPT_PAGE_SIZE = 500;

export function transcriptPages(lines: number): number {
  return Math.max(1, Math.ceil(lines / TRANSCRIPT_PAGE_SIZE));
}

export function transcriptPage(
  transcript: IncidentTranscript,
  pageNumber: number,
  timeZone: string,
  viewer: Viewer,
): string {
  const { incident, lines } = transcript;
  const pages = transcriptPages(lines.length);
  const first = (pageNumber - 1) * TRANSCRIPT_PAGE_SIZE;
  const shown = lines.slice(first, first + TRANSCRIPT_PAGE_SIZE);
  const rows: string[] = [];
  let shownDay: string | null = null;
  for (const line of shown) {
    const lineDay = formatDay(line.at, timeZone);
    if (lineDay !== shownDay) {
      rows.push(`<tr><th scope="rowgroup" colspan="3">${esc(lineDay)}</th></tr>`);
      shownDay = lineDay;
    }
    const who = line.isBot
      ? `${esc(line.actor)} <span class="muted">(bot)</span>`
      : esc(line.actor);
    const text = line.deleted
      ? '<span class="muted">(message deleted)</span>'
      : `${esc(line.text)}${line.edited ? ' <span class="muted">(edited)</span>' : ''}`;
    rows.push(
      `<tr${line.depth === 1 ? ' class="reply"' : ''}><td>${time(line.at, timeZone)}</td><td>${who}</td><td>${line.depth === 1 ? '<span class="muted">↳ </span>' : ''}${text}</td></tr>`,
    );
  }
  const base = `/incidents/${incident.id}/transcript`;
  const nav =
    pages === 1
      ? ''
      : `<nav class="pages" aria-label="Transcript pages">${
          pageNumber > 1
            ? `<a href="${attr(`${base}?page=${pageNumber - 1}`)}" rel="prev">Previous</a>`
            : ''
        }<span>Page ${pageNumber} of ${pages}</span>${
          pageNumber < pages
            ? `<a href="${attr(`${base}?page=${pageNumber + 1}`)}" rel="next">Next</a>`
            : ''
        }</nav>`;
  const table =
    lines.length === 0
      ? '<p class="muted">No messages were recorded.</p>'
      : `${tableBox('Transcript')}<table class="transcript">
<caption>Messages ${first + 1}–${first + shown.length} of ${esc(count(lines.length, 'message'))}</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Message</th></tr></thead>
<tbody>\n${rows.join('\n')}\n</tbody>
</table></div>`;
  const body = [
    `<nav aria-label="Breadcrumb"><a href="/incidents">Incidents</a> › <a href="/incidents/${attr(incident.id)}">#${esc(String(incident.id))}</a> › Transcript</nav>`,
    `<h1>Transcript of #${esc(String(incident.id))} ${esc(transcript.title)}</h1>`,
    nav,
    table,
    nav,
  ].join('\n');
  return page({
    title: `Transcript of #${incident.id} ${transcript.title}`,
    section: 'incidents',
    viewer,
    body,
  });
}
