import type { OutgoingEnvelope, SlackStandIn } from '../../src/stand-in/index.ts';
import { postSigned } from './slack-signer.ts';

// What Slack sends the bot, the way the bot's mode receives it: signed POSTs to /slack/events in
// HTTP mode, envelopes over the bot's connection in Socket Mode. One answer shape for both.

export type SlackMode = 'http' | 'socket';

/** The app's answer: HTTP status and body, or in Socket Mode 200 and the ack's payload. */
export interface Delivered {
  /** HTTP status; in Socket Mode 200 for an ack, 0 when none came (Slack will send it again). */
  status: number;
  body: string;
  json(): unknown;
}

export interface Retry {
  attempt: number;
  reason: string;
}

export interface EventOptions {
  headers?: Record<string, string>;
  retry?: Retry;
  ackMs?: number;
}

export interface Deliverer {
  /** `ackMs`: in Socket Mode, how long to wait for the ack (to see one that never comes). */
  event(body: string, opts?: EventOptions): Promise<Delivered>;
  command(body: string): Promise<Delivered>;
  interaction(body: string): Promise<Delivered>;
}

/**
 * Generous on purpose: it is only a safety net (the bot acks an event once stored, and answers
 * itself at 2.5 s); a busy machine must not turn a slow ack into a missing one.
 */
const SOCKET_ACK_WAIT_MS = 15_000;

export function deliverer(
  mode: SlackMode,
  slack: SlackStandIn,
  target: { url: () => string; secret: string },
): Deliverer {
  if (mode === 'http') {
    const post = (
      body: string,
      contentType: 'application/json' | 'application/x-www-form-urlencoded',
      headers?: Record<string, string>,
    ) =>
      postSigned(target.url(), body, {
        secret: target.secret,
        contentType,
        ...(headers ? { headers } : {}),
      });
    return {
      event: (body, opts = {}) =>
        post(body, 'application/json', {
          ...opts.headers,
          ...(opts.retry
            ? {
                'x-slack-retry-num': String(opts.retry.attempt),
                'x-slack-retry-reason': opts.retry.reason,
              }
            : {}),
        }),
      command: (body) => post(body, 'application/x-www-form-urlencoded'),
      interaction: (body) => post(body, 'application/x-www-form-urlencoded'),
    };
  }
  const send = async (
    envelope: OutgoingEnvelope,
    ackMs = SOCKET_ACK_WAIT_MS,
  ): Promise<Delivered> => {
    const answer = await slack.socket.deliver(envelope, {
      ackMs,
      connectMs: SOCKET_ACK_WAIT_MS,
    });
    const body = answer.acked && answer.payload ? JSON.stringify(answer.payload) : '';
    return { status: answer.acked ? 200 : 0, body, json: () => JSON.parse(body) };
  };
  return {
    event: (body, opts = {}) =>
      send(
        {
          type: 'events_api',
          payload: JSON.parse(body),
          ...(opts.retry
            ? { retryAttempt: opts.retry.attempt, retryReason: opts.retry.reason }
            : {}),
        },
        opts.ackMs,
      ),
    command: (body) =>
      send({ type: 'slash_commands', payload: Object.fromEntries(new URLSearchParams(body)) }),
    interaction: (body) =>
      send({
        type: 'interactive',
        payload: JSON.parse(new URLSearchParams(body).get('payload') ?? '{}'),
      }),
  };
}
