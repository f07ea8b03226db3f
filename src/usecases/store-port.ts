import type { ActionChange } from '../domain/actions.ts';
import type { Refusal, Transition } from '../domain/incident.ts';
import type { LifeChange, PostmortemCandidate, PostmortemLife } from '../domain/postmortem-life.ts';
import type { ReminderCandidate } from '../domain/reminders.ts';
import type {
  ActionItem,
  FilledSection,
  Incident,
  IncidentEvent,
  PeopleDirectory,
  Person,
} from '../domain/types.ts';
import type { WebhookAlert } from '../domain/webhooks/types.ts';
import type { ClaimStore } from './claim-port.ts';
import type { DescriptionStore } from './description-port.ts';
import type { MarkdownBytes } from './draft-markdown.ts';
import type { LibraryStore } from './library-port.ts';
import type { RelatedStore } from './related-port.ts';
import type { ReviewStore, StatsStore } from './stats-port.ts';
import type {
  ActionIssue,
  AppliedChange,
  ChangedAction,
  ChangedIncident,
  ChannelIncidents,
  HeldWindow,
  ImportedIncident,
  IncidentSnapshot,
  IncomingAlert,
  IssueState,
  KeyMark,
  NewAction,
  RecordedEvent,
  StorableChange,
  StoredPostmortem,
} from './store-records.ts';

export type * from './claim-port.ts';
export type * from './description-port.ts';
export type * from './related-port.ts';
export type * from './stats-port.ts';

/*
 * The Store port (ADR 0011). Every operation is asynchronous and atomic inside the store: a use
 * case never holds a transaction, so nothing it awaits (Slack, GitHub, another store call) can
 * sit inside one, whichever engine is behind the port.
 *
 * Where one unit of work needs a decision between its read and its write (declaring, a state
 * change, a new action), the operation takes that decision as a `decide` callback. It MUST be
 * pure and synchronous: no I/O, no await, no clock, nothing kept between calls; it sees only its
 * arguments. The store runs it inside its own transaction with the rows it read (SQLite: inside
 * better-sqlite3's synchronous transaction; a server engine: after SELECT … FOR UPDATE) and may
 * run it again after losing a race to another writer.
 */

export interface IncidentStore {
  findOpenInChannel(channelId: string): Promise<Incident | null>;
  findLatestInChannel(channelId: string): Promise<Incident | null>;
  /** Channel names get reused after archiving: the newest incident is the one meant. */
  findLatestByChannelName(name: string): Promise<Incident | null>;
  get(id: number): Promise<Incident | null>;
  listOpen(): Promise<Incident[]>;
  /** Timeline events, oldest first. */
  events(incidentId: number): Promise<IncidentEvent[]>;
  /**
   * Declares an incident: `decide` sees the channel's open incident (or null) and returns the new
   * one (its id is ignored) with its `declared` event, or a refusal. Both are stored together.
   * A channel never gets a second open incident, whichever process asks.
   */
  open(
    channelId: string,
    decide: (open: Incident | null) => Transition | Refusal,
  ): Promise<Incident | Refusal>;
  /**
   * Changes one of the channel's incidents: `decide` sees the open and the latest one and
   * returns one of them changed, with the timeline event to store beside it, or a refusal.
   */
  change(
    channelId: string,
    decide: (found: ChannelIncidents) => Transition | Refusal,
  ): Promise<ChangedIncident | Refusal>;
  /** Records what Slack said about the channel's privacy. */
  setPrivate(id: number, isPrivate: boolean): Promise<void>;
  /** Everything a draft needs, read at one moment; null when there is no such incident. */
  snapshot(incidentId: number): Promise<IncidentSnapshot | null>;
  /**
   * Stores a whole imported incident with its events, messages and people, or nothing when
   * any of its messages is already stored (then the incident holding most of them).
   */
  importWhole(
    incident: ImportedIncident,
    now: number,
  ): Promise<{ incidentId: number } | { heldBy: HeldWindow }>;
}

export interface MessageStore {
  /**
   * A live message event: finds the channel's open incident, claims the event id (a retried
   * delivery stops there as `duplicate`) and applies the change, all at once.
   */
  recordEvent(input: {
    channelId: string;
    eventId: string | null;
    change: StorableChange;
    now: number;
  }): Promise<RecordedEvent>;
  /** Applies changes (a page of history, a fetched message) to an incident, all at once. */
  recordChanges(
    incidentId: number,
    changes: readonly StorableChange[],
    now: number,
  ): Promise<AppliedChange[]>;
  find(channelId: string, ts: string): Promise<{ incidentId: number; postedAt: number } | null>;
  countForIncident(incidentId: number): Promise<number>;
  /** Every user id on an incident's messages, without loading the messages. */
  authorsOf(incidentId: number): Promise<string[]>;
  /** The newest recorded ts of an incident: where backfill resumes. */
  newestTs(incidentId: number): Promise<string | null>;
  /** Thread parents of an incident: where replies can appear that history alone misses. */
  threadRoots(incidentId: number): Promise<string[]>;
  /** Slack retries within minutes; event ids claimed before `before` can go. */
  forgetEventsBefore(before: number): Promise<number>;
}

export interface ActionStore {
  get(id: number): Promise<ActionItem | null>;
  forIncident(incidentId: number): Promise<ActionItem[]>;
  openForOwner(ownerId: string): Promise<ActionItem[]>;
  /**
   * Adds an action to the channel's latest incident, with its timeline event; `decide` shapes it
   * from that incident (kind, default due date). Null when the channel has no incident.
   */
  add(channelId: string, decide: (incident: Incident) => NewAction): Promise<ActionItem | null>;
  /** Changes one action as `decide` says; null when there is no such action. */
  change(
    id: number,
    decide: (action: ActionItem) => ActionChange,
  ): Promise<ChangedAction | Extract<ActionChange, { ok: false }> | null>;
}

export interface PeopleStore {
  upsert(person: Person, now: number): Promise<void>;
  /** Ids among `ids` that have no stored profile yet. */
  unknown(ids: readonly string[]): Promise<string[]>;
  timeZoneOf(id: string): Promise<string | null>;
  directory(): Promise<PeopleDirectory>;
}

export interface PostmortemStore {
  /**
   * Stores a draft to deliver, its Markdown a part at a time (the row stays 'storing', which
   * nothing delivers, until the last part is in). `unless` sees the incident's latest draft in the
   * same transaction as the new row: true stores nothing and answers null (a repeated click).
   */
  storePending(
    incidentId: number,
    /** Text, or UTF-8 parts (MarkdownBytes) that are decoded a part at a time as they are stored. */
    markdown: string | MarkdownBytes,
    now: number,
    options?: {
      fingerprint?: string;
      partChars?: number;
      unless?: (latest: StoredPostmortem | null) => boolean;
      /** Claims the new draft (`draftClaimKey`) for its writer, in the same step as its row. */
      claim?: { holder: string; until: number };
    },
  ): Promise<StoredPostmortem | null>;
  /** The stored Markdown of a draft, read only when it is uploaded. */
  markdownOf(id: number): Promise<string | null>;
  get(id: number): Promise<StoredPostmortem | null>;
  markUploaded(id: number, file: { id: string; permalink: string | null }): Promise<void>;
  markPosted(id: number, ts: string): Promise<void>;
  /** Records a failed attempt and when to try again. */
  markFailed(id: number, error: string, retryAt: number): Promise<void>;
  /**
   * Drafts still being written ('storing'): a live writer holds its claim on them; one that
   * stopped left them unfinished.
   */
  interrupted(): Promise<StoredPostmortem[]>;
  /** Removes an unfinished draft and the parts of it that were written. */
  discard(id: number): Promise<void>;
  /** Drafts Slack has not accepted yet whose next attempt is due. */
  due(now: number): Promise<StoredPostmortem[]>;
  latestForIncident(incidentId: number): Promise<StoredPostmortem | null>;
}

export interface KeyMarkStore {
  /** False when this person already marked the message this way (a retried event). */
  add(mark: KeyMark, now: number): Promise<boolean>;
  remove(mark: KeyMark): Promise<boolean>;
}

export interface SectionStore {
  /** Adds to the channel's latest incident (every write is kept); null when there is none. */
  addToLatest(channelId: string, section: FilledSection): Promise<Incident | null>;
}

export interface ReminderStore {
  /** Open actions with their reminder state and who answers for their incident. */
  candidates(): Promise<ReminderCandidate[]>;
  /** The days (owner's zone) on which the owner got a reminder DM lately. */
  dmDays(ownerId: string): Promise<Set<string>>;
  hasDm(ownerId: string, day: string): Promise<boolean>;
  /** Records a sent DM and marks its actions reminded; false if this owner-day was taken. */
  recordDm(
    dm: { ownerId: string; day: string; channelId: string; ts: string },
    actionIds: readonly number[],
    now: number,
  ): Promise<boolean>;
  snooze(actionId: number, until: number): Promise<void>;
  snoozedUntil(actionIds: readonly number[]): Promise<Map<number, number | null>>;
}

export interface ActionIssueStore {
  get(actionId: number): Promise<ActionIssue | null>;
  /** Records a new export; false (and nothing changed) when the action already has an issue. */
  insert(issue: {
    actionId: number;
    number: number;
    url: string;
    createdAt: number;
  }): Promise<boolean>;
  /** Exported issues of one incident's actions, by action id. */
  forIncident(incidentId: number): Promise<Map<number, ActionIssue>>;
  /** Open actions whose issue was open when last seen, least recently checked first. */
  openToCheck(limit: number): Promise<Array<{ action: ActionItem; issue: ActionIssue }>>;
  /** What the last look at GitHub found. */
  recordCheck(actionId: number, state: IssueState, now: number): Promise<void>;
}

export interface WebhookAlertStore {
  /**
   * Stores alerts for the channel's open incident: the ones not stored before come back (a
   * repeat of the same state of the same episode changes nothing); null without an open incident.
   */
  ingest(
    channelId: string,
    alerts: readonly IncomingAlert[],
    now: number,
  ): Promise<WebhookAlert[] | null>;
}

/** Which incident a post-mortem step is for: the channel's latest, or one named by id. */
export type PostmortemTarget = { channelId: string } | { incidentId: number };

/** The post-mortem's own life (postmortem-life.ts), kept on its incident's row. */
export interface PostmortemStateStore {
  /** Null when there is no such incident. */
  of(incidentId: number): Promise<PostmortemLife | null>;
  /**
   * Changes the target incident's post-mortem state as `decide` says (it sees the incident and
   * the life as stored), with the timeline event beside it, or stores nothing on a refusal.
   * Null when there is no such incident.
   */
  change(
    target: PostmortemTarget,
    decide: (incident: Incident, life: PostmortemLife) => LifeChange | Refusal,
  ): Promise<{ incident: Incident; life: PostmortemLife; before: PostmortemLife } | Refusal | null>;
  /** Resolved sev1/sev2 incidents whose post-mortem is still a draft, oldest first. */
  drafts(): Promise<PostmortemCandidate[]>;
}

/** Every repository the use cases reach, over one database. */
export interface Store {
  incidents: IncidentStore;
  messages: MessageStore;
  actions: ActionStore;
  people: PeopleStore;
  postmortems: PostmortemStore;
  keyMarks: KeyMarkStore;
  sections: SectionStore;
  reminders: ReminderStore;
  actionIssues: ActionIssueStore;
  webhookAlerts: WebhookAlertStore;
  claims: ClaimStore;
  stats: StatsStore;
  reviews: ReviewStore;
  descriptions: DescriptionStore;
  postmortemStates: PostmortemStateStore;
  related: RelatedStore;
  /** The incident library: the team site, its API and the public reports. */
  library: LibraryStore;
}
