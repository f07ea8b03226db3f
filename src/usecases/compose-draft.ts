import type { PartMaker } from '../domain/postmortem/markdown-parts.ts';
import { type MessageRows, messageRowsOf } from '../domain/postmortem/message-rows.ts';
import {
  buildPostmortem,
  type PostmortemDraft,
  type PostmortemInput,
} from '../domain/postmortem/model.ts';
import { streamPostmortem } from '../domain/postmortem/streamed.ts';
import { type PostmortemSummary, summaryFrom } from '../domain/postmortem/summary.ts';
import type { PostmortemLife } from '../domain/postmortem-life.ts';
import { incidentAlerts } from './incident-alerts.ts';
import type { Deps } from './ports.ts';
import type { StoredRelations } from './related-records.ts';
import type { IncidentSnapshot } from './store-records.ts';

// Kept apart from publishing (Slack, people) so the draft worker thread loads only this.

/** Builds the draft from everything stored for the incident, read at one moment, as of now. */
export async function composeDraft(
  deps: Pick<Deps, 'store' | 'timeZone' | 'clock'>,
  incidentId: number,
): Promise<PostmortemDraft | null> {
  const snapshot = await deps.store.incidents.snapshot(incidentId);
  // Read after the snapshot: a relation found in between only makes the draft more complete.
  const related = snapshot && (await deps.store.related.of(incidentId));
  const life = snapshot && (await deps.store.postmortemStates.of(incidentId));
  return snapshot && draftFrom(snapshot, deps, related ?? undefined, life);
}

/** The draft of a snapshot the caller already holds. */
export function draftFrom(
  snapshot: IncidentSnapshot,
  deps: Pick<Deps, 'timeZone' | 'clock'>,
  related?: StoredRelations,
  postmortem: PostmortemLife | null = null,
): PostmortemDraft {
  return buildPostmortem(inputFrom(snapshot, deps, related, postmortem));
}

/** A draft whose timeline and transcript were rendered straight into its Markdown. */
export interface StreamedDraft<P> {
  /** The Markdown in the parts the maker sealed. */
  markdown: P[];
  /** What the Slack summary reads: the draft's head with its first key events (summaryFrom). */
  summary: PostmortemSummary;
}

/**
 * Where a long draft reads its incident: everything but the messages at once, the messages as
 * rows in the order the draft needs (the SQLite worker reads both in one read transaction).
 */
export interface DraftReader {
  head(incidentId: number): IncidentSnapshot | null;
  rows(incidentId: number): MessageRows;
}

/**
 * composeDraft and its Markdown for a long incident: the same document, without ever holding
 * every message, a timeline entry per message, a transcript line per message or the whole
 * document as one string (what a 50,000-message draft's memory went to). Without a reader the
 * messages are read whole through the store and streamed from memory.
 */
export async function composeDraftStreamed<P>(
  deps: Pick<Deps, 'store' | 'timeZone' | 'clock'>,
  incidentId: number,
  maker: PartMaker<P>,
  reader?: DraftReader,
): Promise<StreamedDraft<P> | null> {
  const snapshot = reader
    ? reader.head(incidentId)
    : await deps.store.incidents.snapshot(incidentId);
  if (!snapshot) return null;
  const related = await deps.store.related.of(incidentId);
  const life = await deps.store.postmortemStates.of(incidentId);
  const rows = reader ? reader.rows(incidentId) : messageRowsOf(snapshot.messages);
  const { messages: _all, ...input } = inputFrom(snapshot, deps, related ?? undefined, life);
  const streamed = streamPostmortem(input, rows, maker);
  return {
    markdown: streamed.markdown,
    summary: summaryFrom(streamed.draft, streamed.keys),
  };
}

function inputFrom(
  snapshot: IncidentSnapshot,
  deps: Pick<Deps, 'timeZone' | 'clock'>,
  related?: StoredRelations,
  postmortem: PostmortemLife | null = null,
): PostmortemInput {
  return {
    incident: snapshot.incident,
    events: snapshot.events,
    messages: snapshot.messages,
    actions: snapshot.actions,
    alerts: incidentAlerts(snapshot.messageAlerts, snapshot.webhookAlerts),
    sections: snapshot.sections,
    people: snapshot.people,
    ...(snapshot.description ? { description: snapshot.description } : {}),
    timeZone: deps.timeZone,
    generatedAt: deps.clock.now(),
    ...(related ? { related } : {}),
    ...(postmortem ? { postmortem } : {}),
  };
}
