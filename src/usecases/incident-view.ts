import { renderPostmortemHtml } from '../domain/postmortem/html.ts';
import { toPostmortemJson } from '../domain/postmortem/json.ts';
import { renderPostmortemMarkdown } from '../domain/postmortem/markdown.ts';
import type { PostmortemDraft } from '../domain/postmortem/model.ts';
import { buildTranscript, type TranscriptLine } from '../domain/postmortem/transcript.ts';
import { howItEnded, reasonText } from '../domain/related/view.ts';
import { condense, slackToPlain } from '../domain/slack-text.ts';
import type { Incident } from '../domain/types.ts';
import { composeDraft, draftFrom } from './compose-draft.ts';
import type { ActionIssue, Deps } from './ports.ts';

// What one incident's page on the team site shows, read through the Store port. Who may see an
// incident is the caller's rule (`visible`): one it may not see is answered like a missing one.

type ViewDeps = Pick<Deps, 'store' | 'clock' | 'timeZone'>;
export type Visible = (incident: Incident) => boolean;

/** A related incident the viewer may see, said in words. */
export interface RelatedLink {
  incident: Incident;
  /** Plain text. */
  title: string;
  /** "same alert `X`", "same service `checkout`" … */
  reasons: string[];
  /** "resolved in 1h 20m", "still open" … */
  ended: string;
}

export interface IncidentView {
  incident: Incident;
  /** The draft post-mortem as of now, as `scribe export` builds it. */
  draft: PostmortemDraft;
  /** Exported issues of its action items, by action id. */
  issues: ReadonlyMap<number, ActionIssue>;
  related: RelatedLink[];
  /** Related incidents the viewer may not see: counted, never named. */
  hiddenRelated: number;
}

const TITLE_MAX = 150;

/** The page's content, or null when there is no such incident or the viewer may not see it. */
export async function incidentView(
  deps: ViewDeps,
  incidentId: number,
  visible: Visible,
): Promise<IncidentView | null> {
  const { store } = deps;
  const found = await store.incidents.get(incidentId);
  if (found === null || !visible(found)) return null;
  const snapshot = await store.incidents.snapshot(incidentId);
  if (snapshot === null || !visible(snapshot.incident)) return null;
  // Read as composeDraft reads them, so the page shows what the downloads hold.
  const relations = await store.related.of(incidentId);
  const life = await store.postmortemStates.of(incidentId);
  const issues = await store.actionIssues.forIncident(incidentId);
  const shown = relations.relations.filter((r) => visible(r.related));
  return {
    incident: snapshot.incident,
    draft: draftFrom(snapshot, deps, relations, life),
    issues,
    related: shown.map((r) => ({
      incident: r.related,
      title: condense(slackToPlain(r.related.title, snapshot.people), TITLE_MAX),
      reasons: r.reasons.map(reasonText),
      ended: howItEnded(r.related),
    })),
    hiddenRelated: relations.relations.length - shown.length,
  };
}

export const DOWNLOADS = {
  'postmortem.md': { type: 'text/markdown; charset=utf-8', label: 'Markdown' },
  'postmortem.json': { type: 'application/json; charset=utf-8', label: 'JSON' },
  'postmortem.html': { type: 'text/html; charset=utf-8', label: 'HTML' },
  'public.html': { type: 'text/html; charset=utf-8', label: 'Public HTML' },
} as const;
export type DownloadName = keyof typeof DOWNLOADS;

export function isDownloadName(name: string): name is DownloadName {
  return Object.hasOwn(DOWNLOADS, name);
}

/**
 * One of the post-mortem's documents, the same bytes `scribe export` writes (md, json, html and
 * html --public); null when there is no such incident or the viewer may not see it.
 */
export async function incidentDownload(
  deps: ViewDeps,
  incidentId: number,
  name: DownloadName,
  visible: Visible,
): Promise<string | null> {
  const incident = await deps.store.incidents.get(incidentId);
  if (incident === null || !visible(incident)) return null;
  const draft = await composeDraft(deps, incidentId);
  if (draft === null) return null;
  switch (name) {
    case 'postmortem.md':
      return renderPostmortemMarkdown(draft);
    case 'postmortem.json': {
      const meta = { incidentId: incident.id, channelId: incident.channelId };
      return `${JSON.stringify(toPostmortemJson(draft, meta), null, 2)}\n`;
    }
    case 'postmortem.html':
      return renderPostmortemHtml(draft, { public: false });
    case 'public.html': {
      // As `scribe export --public`: everyone the workspace knows is hidden, not only responders.
      const knownNames = [...(await deps.store.people.directory()).values()];
      return renderPostmortemHtml(draft, { public: true, knownNames });
    }
  }
}

export interface IncidentTranscript {
  incident: Incident;
  /** Plain text. */
  title: string;
  /** Every recorded message, threads kept together, as the draft's appendix lists them. */
  lines: TranscriptLine[];
}

/**
 * Only the transcript, for its own page: a long incident's whole draft (timeline, blameless
 * review) is not built to show one page of messages.
 */
export async function incidentTranscript(
  deps: Pick<Deps, 'store'>,
  incidentId: number,
  visible: Visible,
): Promise<IncidentTranscript | null> {
  const found = await deps.store.incidents.get(incidentId);
  if (found === null || !visible(found)) return null;
  const snapshot = await deps.store.incidents.snapshot(incidentId);
  if (snapshot === null || !visible(snapshot.incident)) return null;
  return {
    incident: snapshot.incident,
    title: condense(slackToPlain(snapshot.incident.title, snapshot.people), TITLE_MAX),
    lines: buildTranscript(snapshot.messages, snapshot.people),
  };
}
