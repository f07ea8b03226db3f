import type { ActionPurpose, TagInput } from '../domain/description/types.ts';
import type {
  ActionItem,
  FilledSection,
  Incident,
  IncidentStatus,
  Severity,
} from '../domain/types.ts';
import type { StatsRecord } from './stats-port.ts';

// The store operations behind the incident library: the team site, its API and the public
// reports (docs/site.md).

/** What the incident list is filtered by; empty lists and nulls mean "any". */
export interface IncidentQuery {
  readonly statuses: readonly IncidentStatus[];
  readonly severities: readonly Severity[];
  /** A live `service` tag's value, lower case. */
  readonly service: string | null;
  readonly category: string | null;
  /** A live tag, as `parseTag` (domain/description/tags.ts) reads `key:value` or a bare word. */
  readonly tag: TagInput | null;
  /** Declared at or after (epoch ms). */
  readonly since: number | null;
  /** Declared before (epoch ms). */
  readonly until: number | null;
  /** The lead's Slack user id. */
  readonly leadId: string | null;
  /** Full-text search over titles, written sections and (not deleted) messages. */
  readonly text: string | null;
  /**
   * Private incidents from these channels are included; every other private incident is left
   * out, as if it did not exist. Public incidents are always included.
   */
  readonly privateChannels: readonly string[];
}

/** A follow-up or task, with the incident it came from. */
export interface ActionWithIncident {
  action: ActionItem;
  incident: Incident;
  /** What it is for (`/action purpose`); null while nobody said. */
  purpose: ActionPurpose | null;
}

/** An incident whose post-mortem was published (`/incident publish`), from a public channel. */
export interface PublishedIncident {
  incident: Incident;
  /** When it was published (`postmortem_state_at`). */
  publishedAt: number;
  category: string | null;
  /** Its live `service` tags' values. */
  services: string[];
}

/** Which published reports to read (all given narrow together); newest published first. */
export interface PublishedFilter {
  /** Only this incident: one report's own page. */
  readonly id?: number;
  readonly category?: string;
  /** Only those still open, or resolved at or after this instant (the history's window). */
  readonly activeSince?: number;
  /** Skip this many, then list at most `limit`: one page of the list. */
  readonly offset?: number;
  readonly limit?: number;
}

/** What the public list shows around its page: how many reports, per category, which services. */
export interface PublishedFacets {
  total: number;
  /** Reports per category (null: none set), in no particular order. */
  categories: Array<{ category: string | null; reports: number }>;
  /** Every live service tag's value on a published report, lower case, sorted. */
  services: string[];
}

export interface LibraryStore {
  /** Ids of the incidents matching, newest declared first (ties: the higher id first). */
  matching(query: IncidentQuery): Promise<number[]>;
  /** The stats records of these incidents, in the order given; unknown ids are skipped. */
  records(ids: readonly number[]): Promise<StatsRecord[]>;
  /** Every action item with its incident, oldest first. */
  actions(): Promise<ActionWithIncident[]>;
  /** Published post-mortems of incidents in public channels, newest published first. */
  published(filter?: PublishedFilter): Promise<PublishedIncident[]>;
  publishedFacets(): Promise<PublishedFacets>;
  /**
   * The summary sections written for these incidents, each incident's oldest first, of those
   * still published from a public channel: the feed's summaries without composing whole drafts.
   */
  publishedSummaries(ids: readonly number[]): Promise<Map<number, FilledSection[]>>;
  /**
   * Every live service, category in use, lead and live tag, for the filter form: of public
   * incidents, and of private ones from `privateChannels` (none when left out). Sorted.
   */
  facets(
    privateChannels?: readonly string[],
  ): Promise<{ services: string[]; categories: string[]; leads: string[]; tags: string[] }>;
}

/** The query that filters nothing (public incidents only): a base to spread filters onto. */
export const ANY_INCIDENT: IncidentQuery = Object.freeze({
  statuses: [],
  severities: [],
  service: null,
  category: null,
  tag: null,
  since: null,
  until: null,
  leadId: null,
  text: null,
  privateChannels: [],
});
