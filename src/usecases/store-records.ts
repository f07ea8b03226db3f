import type { ActionPurpose, IncidentDescription } from '../domain/description/types.ts';
import type { MessageChange } from '../domain/message-event.ts';
import type {
  ActionItem,
  AlertOccurrence,
  FilledSection,
  Incident,
  IncidentEvent,
  PeopleDirectory,
  Person,
  RecordedMessage,
} from '../domain/types.ts';
import type { WebhookAlert } from '../domain/webhooks/types.ts';

// The shapes the Store port (store-port.ts) takes and returns, beside the domain's own types.

/** A message change worth storing (interpretMessageEvent's answer, minus `ignored`). */
export type StorableChange = Exclude<MessageChange, { kind: 'ignored' }>;

/** What storing one change did: `duplicate` when the (channel, ts) was already stored as new. */
export type AppliedChange = 'recorded' | 'edited' | 'deleted' | 'duplicate';

/** A live event: `no-incident` when its channel has no open incident (nothing is stored). */
export type RecordedEvent = AppliedChange | 'no-incident';

/** A timeline event before the store knows which incident row it belongs to. */
export type NewEvent = Omit<IncidentEvent, 'incidentId'>;

/** The channel's incidents as a change sees them: the open one, and the most recent one. */
export interface ChannelIncidents {
  open: Incident | null;
  latest: Incident | null;
}

export interface ChangedIncident {
  incident: Incident;
  /** The same incident as it was read, before the change. */
  before: Incident;
}

/** A new action and its `action_added` event; the store sets the ids. */
export interface NewAction {
  action: Omit<ActionItem, 'id' | 'incidentId'>;
  event: NewEvent;
  /** What it is for (the `actions.purpose` column), when the person said. */
  purpose?: ActionPurpose | null;
}

export interface ChangedAction {
  ok: true;
  action: ActionItem;
  before: ActionItem;
  /** Every action of the incident, read after the change in the same transaction. */
  incidentActions: ActionItem[];
}

/** Everything a draft is composed from, read at one moment (one read transaction). */
export interface IncidentSnapshot {
  incident: Incident;
  events: IncidentEvent[];
  messages: RecordedMessage[];
  actions: ActionItem[];
  /** Alert states seen in channel messages, deleted messages left out. */
  messageAlerts: AlertOccurrence[];
  webhookAlerts: StoredWebhookAlert[];
  sections: FilledSection[];
  people: PeopleDirectory;
  /** Category, tags and action purposes, read with the rest. */
  description?: IncidentDescription;
}

/** A whole incident read from a Slack export, stored at once (importIncident). */
export interface ImportedIncident {
  /** In its final state; the store assigns the id. */
  incident: Incident;
  events: readonly NewEvent[];
  /** The window's messages: one already stored anywhere refuses the whole import. */
  messageKeys: ReadonlyArray<{ channelId: string; ts: string }>;
  changes: readonly StorableChange[];
  /** Stored only when the store has no profile for them yet. */
  people: readonly Person[];
}

/** The incident already holding most of an import's messages. */
export interface HeldWindow {
  incidentId: number;
  title: string | null;
  count: number;
}

/** A draft's delivery state; its Markdown (megabytes) is read apart with `markdownOf`. */
/** The claim a draft's writer, then its deliverer, holds on it (ClaimStore, ADR 0013). */
export function draftClaimKey(postmortemId: number): string {
  return `draft:${postmortemId}`;
}

export interface StoredPostmortem {
  id: number;
  incidentId: number;
  status: 'storing' | 'pending' | 'posted';
  postedTs: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  fileId: string | null;
  filePermalink: string | null;
  /** See draftFingerprint; null for drafts stored before it was recorded. */
  fingerprint: string | null;
}

export type IssueState = 'open' | 'closed';

/** The GitHub issue an action was exported to. */
export interface ActionIssue {
  actionId: number;
  number: number;
  url: string;
  /** As last seen: 'open' from creation until a sync finds it closed. */
  state: IssueState;
  createdAt: number;
  checkedAt: number | null;
}

export type KeyMarkKind = 'reaction' | 'pin' | 'shortcut';

export interface KeyMark {
  channelId: string;
  ts: string;
  kind: KeyMarkKind;
  userId: string;
}

export type StoredWebhookAlert = WebhookAlert & { receivedAt: number };

/** One alert of a webhook delivery with the part of the payload that describes it. */
export interface IncomingAlert {
  alert: WebhookAlert;
  raw: unknown;
}
