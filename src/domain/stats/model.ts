import type { ActionItem, DetectionSource, Severity } from '../types.ts';
import type { Summary } from './statistics.ts';

export const POSTMORTEM_STATES = ['draft', 'in_review', 'published', 'skipped'] as const;
export type PostmortemState = (typeof POSTMORTEM_STATES)[number];

/** What the numbers read of one incident: its metrics already computed as the draft computes them. */
export interface StatsIncident {
  id: number;
  channelId: string;
  channelName: string | null;
  title: string;
  severity: Severity;
  isPrivate: boolean;
  declaredAt: number;
  ttdMs: number | null;
  ttmMs: number | null;
  ttrMs: number | null;
  detectedBy: DetectionSource;
  category: string | null;
  /** Services tagged on it (not removed), lower case. */
  services: string[];
  /** Alert names seen in it, from channel messages and webhooks. */
  alertNames: string[];
  postmortemState: PostmortemState;
  followUps: ActionItem[];
}

export interface FollowUpCounts {
  open: number;
  done: number;
  dropped: number;
  /** Open with their due date past (in SCRIBE_TIMEZONE). */
  overdue: number;
  /** Done no later than the end of their due date. */
  doneOnTime: number;
  /** doneOnTime over the done follow-ups that had a due date; null when none had. */
  onTimeShare: number | null;
}

export interface NamedCount {
  name: string;
  incidents: number;
}

/** The numbers of one window (docs/stats.md), before any rendering. */
export interface IncidentStats {
  window: string;
  since: number | null;
  until: number;
  service: string | null;
  incidents: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<string, number>;
  byService: Record<string, number>;
  ttdMs: Summary;
  ttmMs: Summary;
  ttrMs: Summary;
  detectedBy: Record<DetectionSource, number>;
  followUps: FollowUpCounts;
  recurringAlerts: NamedCount[];
  /** Incidents in private channels among `incidents`: counted, never named. */
  privateIncidents: number;
}
