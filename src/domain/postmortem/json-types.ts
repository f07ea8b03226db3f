import type { TimelineKind } from '../timeline.ts';
import type { AlertSource, DetectionSource, MetricSource } from '../types.ts';

/*
 * The post-mortem as JSON for other tools. This is a published contract (docs/export-json.md):
 * adding a field keeps `version` at 1; renaming, removing or changing the meaning or type of a
 * field bumps it. Every instant appears twice: ISO 8601 in UTC with milliseconds, and epoch ms.
 */

export const POSTMORTEM_JSON_SCHEMA = 'incident-scribe.postmortem';
export const POSTMORTEM_JSON_VERSION = 1;

export interface PostmortemJson {
  schema: typeof POSTMORTEM_JSON_SCHEMA;
  version: typeof POSTMORTEM_JSON_VERSION;
  generatedAt: string;
  generatedAtMs: number;
  timeZone: string;
  incident: PostmortemJsonIncident;
  metrics: PostmortemJsonMetrics;
  timeline: PostmortemJsonTimelineEntry[];
  alertEpisodes: PostmortemJsonAlertEpisode[];
  actions: PostmortemJsonAction[];
  sections: PostmortemJsonSections;
  responders: PostmortemJsonResponder[];
  blameless: PostmortemJsonBlamelessFinding[];
  /** Added in place (version 1): how many more phrases the review found than `blameless` lists. */
  blamelessMore: number;
  transcript: PostmortemJsonTranscriptLine[];
  /** Added in place (version 1): related past incidents and their open follow-ups. */
  related: PostmortemJsonRelated;
  /** Added in place (version 1): where the post-mortem itself stands. */
  postmortem: PostmortemJsonLife;
}

export interface PostmortemJsonLife {
  /** `draft`, `in_review`, `published` or `skipped`. */
  state: string;
  changedAt: string | null;
  changedAtMs: number | null;
  changedBy: string | null;
  skipReason: string | null;
}

/** docs/related-incidents.md */
export interface PostmortemJsonRelated {
  /** The best three, best first; incidents in private channels elsewhere are only counted. */
  incidents: Array<{
    incidentId: number;
    channelId: string;
    title: string;
    severity: string;
    declaredAt: string;
    declaredAtMs: number;
    reasons: string[];
    ended: string;
    score: number;
  }>;
  privateNotNamed: number;
  /** Open or dropped actions of related incidents: committed to, and not done. */
  preventionFollowUps: Array<{
    actionId: number;
    incidentId: number;
    text: string;
    owner: string | null;
    status: string;
    due: string | null;
    ageDays: number;
    overdueDays: number;
    state: string;
  }>;
  privateFollowUpsNotShown: number;
}

export interface PostmortemJsonIncident {
  id: number;
  channelId: string;
  title: string;
  severity: string;
  status: string;
  reporter: string;
  lead: string | null;
  participants: string[];
  declaredAt: string;
  declaredAtMs: number;
  resolvedAt: string | null;
  resolvedAtMs: number | null;
  /** Added in place (version 1): one of INCIDENT_CATEGORIES, or null. */
  category: string | null;
  /** Added in place (version 1): live tags, oldest first; `key` '' for a free tag. */
  tags: Array<{ key: string; value: string; source: string }>;
  /** Added in place (version 1): the values of the `service` tags. */
  services: string[];
}

export interface PostmortemJsonPoint {
  at: string;
  atMs: number;
  source: MetricSource;
  provenance: string;
}

export interface PostmortemJsonMetrics {
  impactStart: PostmortemJsonPoint | null;
  detected: PostmortemJsonPoint | null;
  mitigated: PostmortemJsonPoint | null;
  resolved: PostmortemJsonPoint | null;
  durationsMs: {
    ttd: number | null;
    ttm: number | null;
    total: number | null;
    timeToDeclare: number | null;
    tta: number | null;
    timeToLead: number | null;
    timeToFirstAction: number | null;
    ttr: number | null;
  };
  detection: {
    source: DetectionSource;
    tool: AlertSource | null;
    toolName: string | null;
    by: string | null;
    summary: string;
  };
  warnings: string[];
}

export interface PostmortemJsonTimelineEntry {
  at: string;
  atMs: number;
  kind: TimelineKind;
  actor: string;
  text: string;
  edited: boolean;
  key: boolean;
  beforeDeclaration: boolean;
  replies: PostmortemJsonTimelineEntry[];
}

export interface PostmortemJsonAlertEpisode {
  source: AlertSource;
  toolName: string;
  name: string;
  title: string;
  severity: string | null;
  firedAt: string;
  firedAtMs: number;
  firstSeenAt: string;
  firstSeenAtMs: number;
  acknowledgedAt: string | null;
  acknowledgedAtMs: number | null;
  resolvedAt: string | null;
  resolvedAtMs: number | null;
  firingForMs: number | null;
  occurrences: number;
  messageTs: string | null;
}

export interface PostmortemJsonAction {
  id: number;
  text: string;
  owner: string | null;
  due: string | null;
  status: string;
  /** `task` (during the incident) or `follow_up` (after mitigation). */
  kind: string;
  /** `p1`, `p2`, `p3`, or null. */
  priority: string | null;
  /** Added in place (version 1): `detect`, `mitigate`, `prevent`, or null. */
  purpose: string | null;
}

export interface PostmortemJsonSections {
  summary: string | null;
  impact: string | null;
  cause: string | null;
  learnings: string[];
}

export interface PostmortemJsonResponder {
  name: string;
  did: string[];
}

export interface PostmortemJsonBlamelessFinding {
  where: string;
  quote: string;
  phrase: string;
  suggestion: string;
}

export interface PostmortemJsonTranscriptLine {
  at: string;
  atMs: number;
  actor: string;
  text: string;
  depth: 0 | 1;
  edited: boolean;
  deleted: boolean;
  isBot: boolean;
}
