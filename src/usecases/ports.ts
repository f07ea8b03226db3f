import type { Clock } from '../clock.ts';
import type { FollowUpDays } from '../domain/actions.ts';
import type { ReminderPolicy } from '../domain/reminders.ts';
import type { Person } from '../domain/types.ts';
import type { IssueTracker } from '../integrations/github/tracker.ts';
import type { Logger } from '../logger.ts';
import type { Store } from './store-port.ts';

export type * from './store-port.ts';
export type * from './store-records.ts';

export interface OutgoingMessage {
  text: string;
  blocks?: ReadonlyArray<Record<string, unknown>>;
}

/** A raw Slack message object as conversations.history / .replies return it. */
export type SlackHistoryMessage = Record<string, unknown> & { ts?: string; thread_ts?: string };

export interface HistoryPage {
  messages: SlackHistoryMessage[];
  /** Empty when there are no more pages. */
  nextCursor: string;
}

export interface HistoryQuery {
  /** Slack ts bounds, inclusive. */
  oldest?: string;
  latest?: string;
  cursor?: string;
  limit?: number;
}

/** Everything the use cases need from Slack. The only implementation wraps the Web API client. */
export interface Notifier {
  post(channelId: string, message: OutgoingMessage): Promise<{ ts: string }>;
  /** Joins a public channel so its messages reach us; false when Slack says we must be invited. */
  join(channelId: string): Promise<boolean>;
  profile(userId: string): Promise<Person | null>;
  /** One page of a channel's top-level messages, newest first, without the bot's own posts. */
  history(channelId: string, query: HistoryQuery): Promise<HistoryPage>;
  /** One page of a thread (parent first), without the bot's own posts. */
  replies(channelId: string, threadTs: string, query: HistoryQuery): Promise<HistoryPage>;
  /**
   * Whether a conversation is private (a private channel, DM or MPIM), from conversations.info.
   * Throws when Slack does not answer; callers treat that as private.
   */
  channelInfo(channelId: string): Promise<{ isPrivate: boolean }>;
  /** Every current member of a conversation (conversations.members, all pages). */
  members(channelId: string): Promise<string[]>;
  /** Creates a channel, public unless asked otherwise; null when the name is taken. */
  createChannel(name: string, options?: { isPrivate?: boolean }): Promise<{ id: string } | null>;
  invite(channelId: string, userIds: readonly string[]): Promise<void>;
  /** The DM channel with a person (conversations.open). */
  openDm(userId: string): Promise<string>;
  update(channelId: string, ts: string, message: OutgoingMessage): Promise<void>;
  /** Uploads a text file into a channel (files.getUploadURLExternal → upload → complete). */
  uploadFile(
    channelId: string,
    file: UploadedFile,
  ): Promise<{ id: string; permalink: string | null }>;
}

export interface UploadedFile {
  filename: string;
  title: string;
  content: string;
}

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
  reminders: ReminderPolicy;
  /** Export every open follow-up to the tracker when the incident resolves. */
  exportOnResolve: boolean;
}

/** What a command tells the person who typed it (ephemerally); null when the channel post says it all. */
export interface CommandOutcome {
  reply: string | null;
}

export const NO_OPEN_INCIDENT =
  'There is no open incident in this channel. Start one with `/incident start <title> [sev1-4]`.';
