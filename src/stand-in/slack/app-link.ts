import { eventEnvelope } from '../requests.ts';
import type { SocketModeHub } from '../socket/hub.ts';
import { SocketTransport } from '../socket/transport.ts';
import type { WorkspaceChange } from './changes.ts';
import { eventFor } from './events.ts';
import type {
  AppTransport,
  DeliveryFailureOutcome,
  DeliveryKind,
  PostOutcome,
  RetryReason,
} from './transport.ts';
import { HttpTransport } from './transport-http.ts';
import type { Workspace } from './workspace.ts';

export type { PostOutcome, RetryReason } from './transport.ts';

/** What the app declares (manifest and settings page), whichever way it is reached. */
interface AppSettings {
  /** Bot event subscriptions: message.channels, reaction_added … */
  events: readonly string[];
  /** Slash commands the app declares, with their slash. */
  commands: readonly string[];
  /** Callback ids of the app's message shortcuts. */
  shortcuts?: readonly string[];
  /** Slack's ack deadline; default 3 seconds. */
  timeoutMs?: number;
  /** Waits before each retry of a failed event delivery; Slack: about at once, 1 min, 5 min. */
  retryDelaysMs?: readonly number[];
  /** Told about every failed attempt (the sandbox logs them). */
  onFailure?: (failure: DeliveryFailure) => void;
}

/** HTTP mode: Slack POSTs to the app's Request URL, signed. */
export interface HttpAppConnection extends AppSettings {
  /** The app's Request URL, e.g. http://127.0.0.1:<port>/slack/events. */
  url: string;
  signingSecret: string;
}

/** Socket Mode: Slack sends envelopes over the connection the app opened with its xapp- token. */
export interface SocketAppConnection extends AppSettings {
  socketMode: true;
}

/** The app the stand-in delivers to, as its manifest and settings page would describe it. */
export type AppConnection = HttpAppConnection | SocketAppConnection;

export interface DeliveryFailure {
  what: string;
  reason: RetryReason;
  attempt: number;
  status?: number;
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 60_000, 300_000];
const DEFAULT_TIMEOUT_MS = 3000;

/** Delivers to one app what Slack would: events, and (on request) commands and interactions. */
export class AppLink {
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: () => void;
  private readonly transport: AppTransport;
  private closed = false;

  constructor(
    private readonly workspace: Workspace,
    readonly app: AppConnection,
    socket: SocketModeHub,
  ) {
    const timeoutMs = app.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.transport =
      'socketMode' in app
        ? new SocketTransport(socket, timeoutMs)
        : new HttpTransport(app, timeoutMs);
    this.unsubscribe = workspace.feed.subscribe((change) => this.onChange(change));
  }

  /** 'socket' when the app is reached over its Socket Mode connection. */
  get mode(): 'http' | 'socket' {
    return 'socketMode' in this.app ? 'socket' : 'http';
  }

  /**
   * Resolves once every event handed over so far has had its first delivery attempt. In Socket
   * Mode an event waits for the app's connection, so this waits for the app to (re)connect.
   */
  idle(): Promise<void> {
    return this.queue;
  }

  /** A command or interaction, answered within the ack deadline; never throws. */
  request(kind: Exclude<DeliveryKind, 'event'>, body: string): Promise<PostOutcome> {
    return this.transport.deliver(kind, body);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.transport.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private onChange(change: WorkspaceChange): void {
    const outgoing = eventFor(this.workspace, change);
    if (!outgoing || !this.app.events.includes(outgoing.subscription)) return;
    const { teamId, botUserId } = this.workspace.identity;
    const body = eventEnvelope(outgoing.event, {
      teamId,
      botUserId,
      eventTime: Math.floor(this.workspace.now() / 1000),
    });
    this.enqueue(body, String(outgoing.event.type), 0);
  }

  // Deliveries go out one at a time, in order, so a reaction never overtakes its message; a
  // retry waits its turn behind whatever happened in the meantime, as on Slack.
  private enqueue(body: string, what: string, attempt: number, reason?: RetryReason): void {
    this.queue = this.queue.then(() => this.attempt(body, what, attempt, reason));
  }

  private async attempt(
    body: string,
    what: string,
    attempt: number,
    reason?: RetryReason,
  ): Promise<void> {
    if (this.closed) return;
    const retry = reason === undefined ? undefined : { attempt, reason };
    const outcome = await this.transport.deliver('event', body, retry);
    if (outcome.ok || this.closed) return;
    this.failed(outcome, what, attempt);
    const delay = (this.app.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)[attempt];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(body, what, attempt + 1, outcome.reason);
    }, delay);
    this.timers.add(timer);
  }

  private failed(outcome: DeliveryFailureOutcome, what: string, attempt: number): void {
    this.app.onFailure?.({
      what,
      reason: outcome.reason,
      attempt,
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    });
  }
}
