import type { ActionItem, Incident } from '../types.ts';

/** A tag of an incident: `key` is '' for a free tag; `service` marks an affected service. */
export interface TagRef {
  key: string;
  value: string;
}

/** Why a past incident is related; stored as JSON in `incident_relations.reasons`. */
export type RelationReason =
  | { kind: 'alert'; name: string }
  | { kind: 'service'; name: string }
  | { kind: 'tag'; key: string; value: string }
  /** Its title and written sections match this one's words; 1 is the best match found. */
  | { kind: 'text'; rank: number };

/** What an incident is compared by. */
export interface IncidentProfile {
  incident: Incident;
  /** Alert names from its alert messages and webhook alerts, sorted, each once. */
  alertNames: string[];
  /** Its tags that were not removed. */
  tags: TagRef[];
  /** What people wrote for its post-mortem (summary, impact, cause, learnings), Slack-encoded. */
  texts: string[];
}

/** A past incident the store found sharing something with the current one. */
export interface RelatedCandidate {
  incident: Incident;
  sharedAlerts: string[];
  sharedTags: TagRef[];
  /** 1 for the best text match among the candidates, 2 the next …; null: no text match. */
  textRank: number | null;
}

export interface ScoredRelation {
  incident: Incident;
  reasons: RelationReason[];
  score: number;
}

/** A relation as stored, with the related incident as it is now. */
export interface RecordedRelation {
  related: Incident;
  reasons: RelationReason[];
  score: number;
  foundAt: number;
  postedTs: string | null;
}

/** An open or dropped action of a related incident: committed to, and not done. */
export interface PreventionFollowUp {
  action: ActionItem;
  /** The incident it was committed to in. */
  incident: Incident;
}
