import type { SocketModeHub } from '../socket/hub.ts';
import type { AppConnection, AppLink } from './app-link.ts';
import type { OidcClient, OtherTeamUser } from './openid-provider.ts';
import type { PeopleActions } from './people-actions.ts';
import type { ResponseContext } from './response-urls.ts';
import type { MountedHandler } from './routes.ts';
import type { Workspace } from './workspace.ts';

export interface StandInUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  /** IANA zone; defaults to UTC. */
  tz?: string;
  isBot?: boolean;
}

export interface RecordedCall {
  method: string;
  /** Decoded arguments: JSON-string fields (blocks, attachments, files…) are parsed back. */
  args: Record<string, unknown>;
  /** The token the caller presented, whether or not it was accepted. */
  token: string | null;
  at: number;
}

export interface StandInMessage {
  channel: string;
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  subtype?: string;
  [k: string]: unknown;
}

export interface StandInChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  members?: string[];
}

export interface RecordedResponse {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/** A file announced with files.getUploadURLExternal; `bytes` is null until they are POSTed. */
export interface StandInUpload {
  id: string;
  filename: string;
  length: number;
  title: string;
  bytes: Buffer | null;
  completed: boolean;
  channels: string[];
}

/**
 * A Slack error code (HTTP 200, ok: false), an HTTP status (429 carries Retry-After), a hang:
 * the call is held for `hangMs`, then handled as usual if the caller still waits, and dropped
 * unhandled if it gave up (a timeout that Slack never acted on), or a late answer: the call is
 * handled at once and its answer held for `answerAfterMs`, lost if the caller gave up (Slack
 * acted, the caller never heard).
 */
export type StandInFailure =
  | { error: string }
  | { status: number; retryAfter?: number }
  | { hangMs: number }
  | { answerAfterMs: number };

export interface SlackStandIn {
  /** e.g. 'http://127.0.0.1:<port>/api/' — give it to the client as `slackApiUrl`. */
  apiUrl: string;
  baseUrl: string;
  /** Every Web API call, in order of arrival. */
  calls: RecordedCall[];
  /** JSON bodies POSTed to response URLs. */
  responses: RecordedResponse[];
  /** Files announced through the upload flow, keyed by file id. */
  uploads: ReadonlyMap<string, StandInUpload>;
  /** Users, conversations, messages, ephemerals and files; its feed bumps a version per change. */
  workspace: Workspace;
  /** What people do in their client (post, react, run commands, click …). */
  people: PeopleActions;
  /** The connected app, or null: without one nothing is delivered (the tests post themselves). */
  readonly app: AppLink | null;
  /**
   * Slack's Socket Mode side: apps.connections.open (with `appToken`), the WebSocket server on
   * this stand-in's port, envelopes and acks, and hooks to make the app reconnect.
   */
  socket: SocketModeHub;
  /**
   * Sign in with Slack: the person the consent page preselects (the sandbox's acting person);
   * null, or someone unknown, means the first person of the workspace.
   */
  actingUser: string | null;
  /** A person of another workspace the consent page also offers; null offers nobody else. */
  otherTeamUser: OtherTeamUser | null;
  /**
   * Lets an app use Sign in with Slack. Registering the same client id again adds its redirect
   * URLs (an app's port is known only once it listens); a URL may also be a path below one.
   */
  registerOidcClient(client: OidcClient): void;
  callsTo(method: string): RecordedCall[];
  /**
   * A fresh URL to use as a slash command's response_url. With a context, answers POSTed to it
   * show up as Slack shows them (ephemeral, in channel, replacing or deleting the original).
   */
  responseUrl(context?: ResponseContext): string;
  /**
   * From now on, deliver to this app what Slack would: events, commands, interactions; over HTTP
   * to its Request URL, or (`socketMode: true`) over the connection it opened.
   */
  connectApp(app: AppConnection): AppLink;
  /** Serves extra routes under `prefix` on the stand-in's server (checked before the Web API). */
  mount(prefix: string, handler: MountedHandler): void;
  addUser(user: StandInUser): void;
  addChannel(channel: StandInChannel): void;
  /** Put a message into a channel's history as if someone had posted it. */
  addHistory(message: StandInMessage): void;
  /** Everything in the channel, thread replies included, oldest first. */
  history(channel: string): StandInMessage[];
  /**
   * The next `times` calls to `method` fail: with a Slack error code (HTTP 200, ok: false), an
   * HTTP status (429 carries Retry-After, default 1 second), or a hang of `hangMs`. `upload`
   * stands for the POST of a file's bytes to its upload URL (an HTTP status only).
   */
  failNext(method: string, failure: StandInFailure, times?: number): void;
  /**
   * Runs `hook` as each call to `method` arrives, before it is answered (`upload`: the POST of a
   * file's bytes, once they are all in): a test can look at the app's state as Slack sees a call.
   */
  onCall(method: string, hook: () => void): void;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the `count`-th call to `method` once it has arrived. */
  waitForCall(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall>;
  /** Forgets calls, responses and pending failures; users, channels, history and uploads stay. */
  reset(): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** The bot token every call must carry; default 'xoxb-test-token'. */
  token?: string;
  /** The app-level token apps.connections.open takes; default 'xapp-1-A0001-test'. */
  appToken?: string;
  botUserId?: string;
  botId?: string;
  /** Name of the bot user, as auth.test and users.info report it. */
  botName?: string;
  appId?: string;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Milliseconds since the epoch; drives message timestamps and recorded times. */
  now?: () => number;
  /** Apps that may use Sign in with Slack (more with registerOidcClient). */
  oidcClients?: OidcClient[];
  /** See SlackStandIn.actingUser. */
  actingUser?: string;
  /** See SlackStandIn.otherTeamUser. */
  otherTeamUser?: OtherTeamUser;
}
