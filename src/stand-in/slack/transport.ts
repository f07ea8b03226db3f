// How the stand-in reaches the app: POSTs to its Request URL (HTTP mode) or envelopes over the
// app's Socket Mode connection. AppLink decides what to deliver and when to retry; a transport
// makes one attempt.

/** What is delivered: an Events API envelope (JSON), or a command or interaction (form body). */
export type DeliveryKind = 'event' | 'command' | 'interaction';

/** X-Slack-Retry-Reason in HTTP mode; `timeout` is Socket Mode's reason for an envelope left unacked. */
export type RetryReason = 'http_timeout' | 'connection_failed' | 'http_error' | 'timeout';

/** The app's answer (the ack body, '' when empty), or why none came. */
export type PostOutcome = { ok: true; status: number; body: string } | DeliveryFailureOutcome;

export interface DeliveryFailureOutcome {
  ok: false;
  reason: RetryReason;
  status?: number;
}

export interface AppTransport {
  /** One attempt within Slack's ack deadline; never throws. `retry` is absent on a first one. */
  deliver(
    kind: DeliveryKind,
    body: string,
    retry?: { attempt: number; reason: RetryReason },
  ): Promise<PostOutcome>;
  /** Gives up attempts still waiting (for a connection) and sends no more. */
  close(): void;
}
