import type { PostmortemSummary } from '../domain/postmortem/summary.ts';
import type { ReminderReason } from '../domain/reminders.ts';
import type { ActionItem, Person } from '../domain/types.ts';
import type { MarkdownBytes } from './draft-markdown.ts';

export interface OutgoingMessage {
  text: string;
  blocks?: ReadonlyArray<Record<string, unknown>>;
  /** Slack message metadata: lets the bot find its own post again (a draft's, say). */
  metadata?: { event_type: string; event_payload: Record<string, string | number | boolean> };
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

/** A file for Slack: its name and its bytes. */
export interface FileToSend {
  filename: string;
  /** Text, or UTF-8 in parts (a long draft's Markdown, never made one string). */
  content: string | MarkdownBytes;
}

/** A file whose bytes Slack holds, shared nowhere yet: Slack discards it unless it is shared. */
export interface SentFile {
  readonly id: string;
}

/** One action in a reminder DM. */
export interface ReminderItem {
  action: ActionItem;
  /** Why this person sees it: their own due action, or (as lead) an unowned or given-up one. */
  reason: ReminderReason;
  incidentTitle: string;
  channelId: string;
  /** Snoozed until this time, for items snoozed from this message. */
  snoozedUntil: number | null;
}

/** A post-mortem still a draft past its due day, in its lead's reminder DM. */
export interface PostmortemReminderItem {
  incidentId: number;
  incidentTitle: string;
  channelId: string;
  /** The local day it became due (`YYYY-MM-DD`). */
  dueDay: string;
}

/** The reminder DM: one item or a digest, with its Done / Snooze / Reassign controls. */
export interface ReminderDigest {
  items: readonly ReminderItem[];
  /** Overdue post-mortem drafts of incidents the recipient leads, each with a Mark in review button. */
  postmortems?: readonly PostmortemReminderItem[];
  /** The weekly overview rather than a due reminder. */
  weekly?: boolean;
}

/** The draft's summary message, with its Regenerate and View buttons. */
export interface DraftSummary {
  draft: PostmortemSummary;
  incidentId: number;
  /** The uploaded full draft, when the upload worked. */
  file: { permalink: string } | null;
  uploadFailed: boolean;
  /** The stored draft this summary delivers: carried in the message so it can be found again. */
  postmortemId?: number;
}

/** What Slack answered to a Sign in with Slack code (openid.connect.token). */
export type SignInExchange = { ok: true; idToken: string } | { ok: false; error: string };

/**
 * Everything the use cases need from Slack. The only implementation wraps the Web API client and
 * builds the Block Kit itself; every failure it throws is a NotifierError.
 */
export interface Notifier {
  post(channelId: string, message: OutgoingMessage): Promise<{ ts: string }>;
  postReminder(channelId: string, reminder: ReminderDigest): Promise<{ ts: string }>;
  postDraftSummary(channelId: string, summary: DraftSummary): Promise<{ ts: string }>;
  /**
   * The ts of the bot's summary of stored draft `postmortemId` in the channel, posted at or
   * after `sinceMs`; null when there is none. Asked before posting a draft whose previous
   * attempt was cut off (the replica died), so it is never posted twice.
   */
  findDraftSummary(
    channelId: string,
    postmortemId: number,
    sinceMs: number,
  ): Promise<string | null>;
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
  /**
   * A file's bytes sent to Slack (files.getUploadURLExternal, then the POST to its upload URL),
   * shown nowhere until shareFile: the bytes may travel while the caller still does what must
   * come before anyone sees the file.
   */
  sendFile(file: FileToSend): Promise<SentFile>;
  /** Shares a sent file into a channel under `title` (files.completeUploadExternal). */
  shareFile(
    channelId: string,
    file: SentFile,
    title: string,
  ): Promise<{ id: string; permalink: string | null }>;
  /**
   * Sign in with Slack: the authorize redirect's code exchanged for the id_token, with the app's
   * credentials and no bot token. Slack's refusal (a used or unknown code) is a value; a code
   * works once, so the call is never retried.
   */
  exchangeSignInCode(input: {
    clientId: string;
    clientSecret: string;
    code: string;
    redirectUri: string;
  }): Promise<SignInExchange>;
  /** The private channels, archived ones too, that a person and the bot are both in now. */
  privateChannelsOf(userId: string): Promise<string[]>;
}

/**
 * A notifier call that failed. `code` is short enough to tell a person: Slack's error code
 * ("channel_not_found") or, when Slack gave none (a timeout, a refused connection), the message.
 */
export class NotifierError extends Error {
  constructor(
    readonly code: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : code, { cause });
    this.name = 'NotifierError';
  }
}

/** What to tell a person about a failure: the notifier's code, or the error's message. */
export function failureCode(error: unknown): string {
  if (error instanceof NotifierError) return error.code;
  return error instanceof Error ? error.message : 'unknown error';
}
