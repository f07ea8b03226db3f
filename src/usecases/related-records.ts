import type {
  IncidentProfile,
  PreventionFollowUp,
  RecordedRelation,
  RelatedCandidate,
  RelationReason,
  TagRef,
} from '../domain/related/types.ts';

// The shapes the related-incidents part of the Store port takes and returns.

export type { IncidentProfile, PreventionFollowUp, RecordedRelation, RelatedCandidate, TagRef };

/** What to look for: past incidents sharing any of these with the incident. */
export interface RelatedSearch {
  incidentId: number;
  /** Only incidents declared at or before this instant (the incident's declaration) count. */
  before: number;
  alertNames: readonly string[];
  tags: readonly TagRef[];
  /** Plain words (letters and digits only) for the engine's full-text search. */
  terms: readonly string[];
  /** Alert counts look back to here ("the 3rd incident with alert X in 90 days"). */
  countSince: number;
  /** At most this many text matches are ranked. */
  textLimit: number;
}

export interface RelatedFindings {
  candidates: RelatedCandidate[];
  /** For each of the search's alert names: incidents declared from countSince to before with it. */
  alertIncidents: Record<string, number>;
}

/** A relation to store; a known one gets the new reasons and score, keeping when it was posted. */
export interface NewRelation {
  relatedId: number;
  reasons: RelationReason[];
  score: number;
}

/** The incident's relations and prevention matches as stored, for its draft. */
export interface StoredRelations {
  relations: RecordedRelation[];
  followUps: PreventionFollowUp[];
}
