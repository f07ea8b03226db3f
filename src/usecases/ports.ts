import type { Clock } from '../clock.ts';
import type { FollowUpDays } from '../domain/actions.ts';
import type { PostmortemSummary } from '../domain/postmortem/summary.ts';
import type { ReminderPolicy } from '../domain/reminders.ts';
import type { Logger } from '../logger.ts';
import type { MarkdownBytes } from './draft-markdown.ts';
import type { Notifier } from './notifier-port.ts';
import type { Store } from './store-port.ts';
import type { IssueTracker } from './tracker-port.ts';

export * from './notifier-port.ts';
export type * from './store-port.ts';
export type * from './store-records.ts';
export * from './tracker-port.ts';

export interface Deps {
  store: Store;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  settings: Settings;
  /** The team's issue tracker for `/action export`; null when GitHub is not configured. */
  tracker: IssueTracker | null;
  /** Where outcomes are counted for monitoring; absent (the CLI, some tests) counts nothing. */
  metrics?: Metrics;
  /** Composes long drafts off the event loop; absent (the CLI, some tests): in-process. */
  draftComposer?: DraftComposer;
  /** The store engine's reading of a failed write, for the person's reply; absent: none. */
  storageProblem?: (error: unknown) => StorageProblem | null;
  /** Who this process is among replicas, and how long its claims last (ADR 0013). */
  replica?: Replica;
}

/** This process among the replicas sharing a database; absent (the CLI, some tests): a default. */
export interface Replica {
  /** Unique per process: host, pid and a random part. */
  id: string;
  /** How long a claim lasts unless renewed: how soon a dead replica's work is taken over. */
  leaseMs: number;
}

/**
 * What kept a write from the database: locked, full, read-only, the file unreadable (SQLite), or
 * the server out of reach (PostgreSQL).
 */
export type StorageProblem = 'busy' | 'full' | 'readonly' | 'io' | 'unavailable';

/**
 * The rendered Markdown (UTF-8, in parts), and the part of the draft the Slack summary reads;
 * null: no incident.
 */
export type ComposedOffLoop = {
  markdown: MarkdownBytes;
  summary: PostmortemSummary;
  /** draftFingerprint of the Markdown, hashed where it was made (10 ms at 8 MB). */
  fingerprint: string;
} | null;

/**
 * Composes a long incident's draft away from the event loop that acknowledges Slack (the bot's
 * implementation: a worker thread reading the SQLite file). Rejects when it could not.
 */
export interface DraftComposer {
  compose(job: DraftRequest): Promise<ComposedOffLoop>;
  /**
   * Keep what the next draft needs started ahead of it, warmed up on (part of) the draft of
   * `warmUp`'s incident, the one expected next; null: stop keeping it. Absent: nothing to keep.
   */
  standBy?(warmUp: DraftRequest | null): void;
}

/** One incident's draft as of `generatedAt`, its times in `timeZone`. */
export interface DraftRequest {
  incidentId: number;
  timeZone: string;
  generatedAt: number;
}

/** How one Slack message event ended: `refused` is one that could not be stored (Slack retries). */
export type SlackEventOutcome = 'stored' | 'duplicate' | 'ignored' | 'refused';
/** `usage`: the text did not parse; `error`: the use case threw and the person got an error id. */
export type CommandMetricOutcome = 'ok' | 'usage' | 'error';
export type WebhookAlertOutcome = 'stored' | 'duplicate' | 'no_incident';
/** `posted_without_file`: the summary is posted but the Markdown upload failed. */
export type DraftOutcome = 'posted' | 'posted_without_file' | 'failed';

/**
 * Outcomes the use cases, jobs and listeners report for monitoring. The bot's implementation
 * feeds Prometheus (src/metrics/); nothing here knows about it.
 */
export interface Metrics {
  slackEvent(outcome: SlackEventOutcome): void;
  command(command: string, outcome: CommandMetricOutcome): void;
  webhookAlerts(source: string, outcome: WebhookAlertOutcome, count: number): void;
  draft(outcome: DraftOutcome): void;
  /** Runs `work` (composing and rendering a draft) and records how long it took. */
  timeDraft<T>(work: () => Promise<T>): Promise<T>;
  remindersSent(count: number): void;
  /** Messages a backfill pass recorded that live delivery had missed. */
  backfillRecovered(count: number): void;
}

export const NO_METRICS: Metrics = {
  slackEvent() {},
  command() {},
  webhookAlerts() {},
  draft() {},
  timeDraft: (work) => work(),
  remindersSent() {},
  backfillRecovered() {},
};

export function metricsOf(deps: { metrics?: Metrics | undefined }): Metrics {
  return deps.metrics ?? NO_METRICS;
}

/** The configuration use cases act on (see config.ts for how each is read). */
export interface Settings {
  lookbackMinutes: number;
  newChannelByDefault: boolean;
  incidentsChannel: string | null;
  /** Minimum gap between history/replies calls (Slack's Tier 3 allows ~50 a minute). */
  historyPaceMs: number;
  followUpDays: FollowUpDays;
  /** What `/incident category` accepts; the default list when unset. */
  incidentCategories?: readonly string[];
  reminders: ReminderPolicy;
  /** Working days a sev1/sev2 post-mortem may stay a draft after the close; absent: 5. */
  postmortemDueDays?: number;
  /** Export every open follow-up to the tracker when the incident resolves. */
  exportOnResolve: boolean;
}

/** What a command tells the person who typed it (ephemerally); null when the channel post says it all. */
export interface CommandOutcome {
  reply: string | null;
}

export const NO_OPEN_INCIDENT =
  'There is no open incident in this channel. Start one with `/incident start <title> [sev1-4]`.';
