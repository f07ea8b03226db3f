import type { ActionItem, AlertOccurrence, Incident, IncidentEvent } from '../domain/types.ts';
import type { StoredWebhookAlert } from './store-records.ts';

// The store operations the numbers over time and the weekly review read (docs/stats.md).

/** One incident with what its numbers are made of, read at one moment. */
export interface StatsRecord {
  incident: Incident;
  events: IncidentEvent[];
  messageAlerts: AlertOccurrence[];
  webhookAlerts: StoredWebhookAlert[];
  /** `incidents.category`; null when nobody set one. */
  category: string | null;
  /** `incidents.postmortem_state`: draft, in_review, published or skipped. */
  postmortemState: string;
  /** Values of its `service` tags that were not removed. */
  services: string[];
  /** Its actions of kind follow_up. */
  followUps: ActionItem[];
}

export interface StatsStore {
  /** Incidents declared in [since, until) (since null: from the first), oldest first. */
  declaredIn(since: number | null, until: number): Promise<StatsRecord[]>;
  /** Resolved incidents whose post-mortem is still a draft, oldest first. */
  draftPostmortems(): Promise<StatsRecord[]>;
  /** Every service tagged (not removed) on an incident in a public channel, lower case. */
  knownServices(): Promise<string[]>;
}

/** An open or dropped follow-up that matched an incident (written by the related-incident search). */
export interface StoredPreventionMatch {
  incident: Incident;
  action: ActionItem;
  /** The follow-up's own incident. */
  actionIncident: Incident;
  foundAt: number;
}

export interface PostedReview {
  week: string;
  channelId: string;
  ts: string;
  postedAt: number;
}

export interface ReviewStore {
  /** Follow-ups created or closed in [since, until), and every open one. */
  followUpsAround(since: number, until: number): Promise<ActionItem[]>;
  /** Matches found in [since, until), oldest first. */
  preventionMatches(since: number, until: number): Promise<StoredPreventionMatch[]>;
  posted(week: string): Promise<PostedReview | null>;
  /** Records the week's post; false (nothing changed) when the week already has one. */
  recordPosted(review: PostedReview): Promise<boolean>;
}
