import { htmlContext } from '../../domain/postmortem/html-context.ts';
import type { IncidentView } from '../../usecases/incident-view.ts';
import type { Viewer } from '../viewer.ts';
import { postmortemLabel, severityBadge, statusLabel } from './format.ts';
import { attr, esc } from './html.ts';
import { chartSection } from './incident-chart-section.ts';
import {
  actionsSection,
  downloadsSection,
  postmortemSection,
  relatedSection,
  timelineSection,
} from './incident-sections.ts';
import { keyTimesSection } from './incident-times.ts';
import { page } from './layout.ts';

// `/incidents/<id>`: one incident, from its key times to its draft post-mortem.

const CONTENTS: ReadonlyArray<[string, string]> = [
  ['times', 'Key times and metrics'],
  ['chart', 'Chart'],
  ['timeline', 'Timeline'],
  ['actions', 'Action items'],
  ['related', 'Related incidents'],
  ['postmortem', 'Draft post-mortem'],
  ['downloads', 'Downloads'],
];

export function incidentPage(view: IncidentView, viewer: Viewer): string {
  const { draft, incident } = view;
  // The team's view of the post-mortem: names, links, no redaction.
  const ctx = htmlContext(draft, { public: false });
  const facts: Array<[string, string]> = [
    ['Category', draft.category === null ? 'not set' : esc(draft.category)],
    ['Services', draft.services.length === 0 ? 'none tagged' : draft.services.map(esc).join(', ')],
    [
      'Tags',
      draft.tags.length === 0
        ? 'none'
        : draft.tags
            .map(
              (t) =>
                `<span class="badge">${esc(t.key === '' ? t.value : `${t.key}:${t.value}`)}</span>`,
            )
            .join(' '),
    ],
    [
      'Channel',
      `${incident.channelName === null ? esc(incident.channelId) : `#${esc(incident.channelName)}`}${
        incident.isPrivate === true ? ' <span class="badge">private</span>' : ''
      }`,
    ],
    ['Reporter', ctx.person(draft.reporter)],
    ['Lead', draft.lead === null ? 'not set' : ctx.person(draft.lead)],
    [
      'Participants',
      draft.participants.length === 0
        ? 'nobody posted in the channel'
        : draft.participants.map(ctx.person).join(', '),
    ],
    ['Post-mortem', esc(postmortemLabel(draft.postmortem.state))],
  ];
  const body = [
    `<nav aria-label="Breadcrumb"><a href="/incidents">Incidents</a> › #${esc(String(incident.id))}</nav>`,
    `<h1>#${esc(String(incident.id))} ${esc(draft.title)}</h1>`,
    `<p>${severityBadge(incident.severity)} <span class="badge">${esc(statusLabel(incident.status))}</span></p>`,
    `<dl class="facts">\n${facts.map(([dt, dd]) => `<dt>${esc(dt)}</dt><dd>${dd}</dd>`).join('\n')}\n</dl>`,
    `<nav aria-label="On this page"><ul>${CONTENTS.map(
      ([id, label]) => `<li><a href="#${attr(id)}">${esc(label)}</a></li>`,
    ).join('')}</ul></nav>`,
    keyTimesSection(draft, ctx),
    chartSection(draft, ctx),
    timelineSection(draft, ctx, incident.id),
    actionsSection(view, ctx),
    relatedSection(view, ctx),
    postmortemSection(draft, ctx),
    downloadsSection(incident.id),
  ].join('\n');
  return page({ title: `#${incident.id} ${draft.title}`, section: 'incidents', viewer, body });
}

/**
 * The one answer for an id that is not a number, an incident that does not exist and one the
 * viewer may not see: nothing tells them apart.
 */
export function incidentNotFoundPage(viewer: Viewer): string {
  const body = `<h1>No such incident</h1>
<p>There is no incident with this number that you can see. It may have been mistyped, or it may be in a private channel you are not a member of.</p>
<p><a href="/incidents">All incidents</a></p>`;
  return page({ title: 'No such incident', section: 'incidents', viewer, body });
}
