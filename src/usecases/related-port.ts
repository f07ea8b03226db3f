import type {
  IncidentProfile,
  NewRelation,
  PreventionFollowUp,
  RelatedFindings,
  RelatedSearch,
  StoredRelations,
} from './related-records.ts';

// Related incidents and prevention matches, part of the Store port (store-port.ts).

/** Related past incidents and the follow-ups that could have prevented an incident. */
export interface RelatedStore {
  /** What an incident is compared by; null when there is no such incident. */
  profile(incidentId: number): Promise<IncidentProfile | null>;
  /** Past incidents sharing an alert, a tag or words with the search, and alert counts. */
  candidates(search: RelatedSearch): Promise<RelatedFindings>;
  /** Open or dropped actions of these incidents, with their incidents, by incident then id. */
  unfinishedActions(incidentIds: readonly number[]): Promise<PreventionFollowUp[]>;
  /**
   * Stores relations and prevention matches at once; answers each given relation's posted ts
   * (null: not posted yet), by related id.
   */
  record(
    incidentId: number,
    relations: readonly NewRelation[],
    actionIds: readonly number[],
    now: number,
  ): Promise<Map<number, string | null>>;
  /** Marks relations posted (those already posted keep their first ts). */
  markPosted(incidentId: number, relatedIds: readonly number[], ts: string): Promise<void>;
  /** The incident's relations, best first, and its prevention matches, read at one moment. */
  of(incidentId: number): Promise<StoredRelations>;
}
