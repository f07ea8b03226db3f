import { signSlackRequest } from '../requests.ts';
import type { AppTransport, DeliveryKind, PostOutcome, RetryReason } from './transport.ts';

/** HTTP mode: one signed POST to the app's Request URL, as Slack makes it. */
export class HttpTransport implements AppTransport {
  constructor(
    private readonly target: { url: string; signingSecret: string },
    private readonly timeoutMs: number,
  ) {}

  async deliver(
    kind: DeliveryKind,
    body: string,
    retry?: { attempt: number; reason: RetryReason },
  ): Promise<PostOutcome> {
    const contentType = kind === 'event' ? 'application/json' : 'application/x-www-form-urlencoded';
    const retryHeaders: Record<string, string> = retry
      ? { 'x-slack-retry-num': String(retry.attempt), 'x-slack-retry-reason': retry.reason }
      : {};
    const signed = signSlackRequest(body, this.target.signingSecret);
    try {
      const res = await fetch(this.target.url, {
        method: 'POST',
        headers: { 'content-type': contentType, ...signed, ...retryHeaders },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
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
    // Nothing waits: a POST in flight ends at its own deadline.
  }
}
