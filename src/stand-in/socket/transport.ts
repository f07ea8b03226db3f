import type { AppTransport, DeliveryKind, PostOutcome, RetryReason } from '../slack/transport.ts';
import { envelopeFor } from './envelopes.ts';
import type { SocketModeHub } from './hub.ts';

/** Socket Mode: one envelope over the app's connection, answered by its ack. */
export class SocketTransport implements AppTransport {
  private readonly abandon = new AbortController();

  constructor(
    private readonly hub: SocketModeHub,
    private readonly ackMs: number,
  ) {}

  async deliver(
    kind: DeliveryKind,
    body: string,
    retry?: { attempt: number; reason: RetryReason },
  ): Promise<PostOutcome> {
    const answer = await this.hub.deliver(envelopeFor(kind, body, retry), {
      ackMs: this.ackMs,
      // Events wait for the app to (re)connect, as Slack holds them; a person running a command
      // or clicking sees a failure once the deadline passes without a connection.
      ...(kind === 'event' ? {} : { connectMs: this.ackMs }),
      signal: this.abandon.signal,
    });
    if (answer.acked) {
      // The ack's payload is what an HTTP ack's body would be.
      return { ok: true, status: 200, body: answer.payload ? JSON.stringify(answer.payload) : '' };
    }
    // A connection that ended with the envelope unacked is a failed delivery, as none at all.
    return { ok: false, reason: answer.reason === 'timeout' ? 'timeout' : 'connection_failed' };
  }

  close(): void {
    this.abandon.abort();
  }
}
