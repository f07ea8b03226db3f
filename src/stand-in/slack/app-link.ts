import { eventEnvelope, signSlackRequest } from '../requests.ts';
import type { WorkspaceChange } from './changes.ts';
import { eventFor } from './events.ts';
import type { Workspace } from './workspace.ts';

/** The app the stand-in delivers to, as its manifest and settings page would describe it. */
export interface AppConnection {
  /** The app's Request URL, e.g. http://127.0.0.1:<port>/slack/events. */
  url: string;
  signingSecret: string;
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

export interface DeliveryFailure {
  what: string;
  reason: RetryReason;
  attempt: number;
  status?: number;
}

export type RetryReason = 'http_timeout' | 'connection_failed' | 'http_error';

export type PostOutcome = { ok: true; status: number; body: string } | DeliveryFailureOutcome;
interface DeliveryFailureOutcome {
  ok: false;
  reason: RetryReason;
  status?: number;
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 60_000, 300_000];

/** Delivers to one app what Slack would: events, and (on request) commands and interactions. */
export class AppLink {
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly workspace: Workspace,
    readonly app: AppConnection,
  ) {
    this.unsubscribe = workspace.feed.subscribe((change) => this.onChange(change));
  }

  /** Resolves once every event handed over so far has had its first delivery attempt. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** One signed POST within the ack deadline, as Slack makes it; never throws. */
  async post(
    body: string,
    contentType: 'application/json' | 'application/x-www-form-urlencoded',
    headers: Record<string, string> = {},
  ): Promise<PostOutcome> {
    const signed = signSlackRequest(body, this.app.signingSecret);
    try {
      const res = await fetch(this.app.url, {
        method: 'POST',
        headers: { 'content-type': contentType, ...signed, ...headers },
        body,
        signal: AbortSignal.timeout(this.app.timeoutMs ?? 3000),
      });
      const text = await res.text();
      if (res.ok) return { ok: true, status: res.status, body: text };
      return { ok: false, reason: 'http_error', status: res.status };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return { ok: false, reason: timedOut ? 'http_timeout' : 'connection_failed' };
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
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
    const retryHeaders: Record<string, string> =
      reason === undefined
        ? {}
        : { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': reason };
    const outcome = await this.post(body, 'application/json', retryHeaders);
    if (outcome.ok || this.closed) return;
    this.app.onFailure?.({
      what,
      reason: outcome.reason,
      attempt,
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    });
    const delay = (this.app.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)[attempt];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(body, what, attempt + 1, outcome.reason);
    }, delay);
    this.timers.add(timer);
  }
}
