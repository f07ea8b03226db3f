import { randomUUID } from 'node:crypto';
import type { DeliveryKind, RetryReason } from '../slack/transport.ts';

// Socket Mode envelopes carry what HTTP mode POSTs: the Events API body as it is, a slash
// command's form fields as an object, an interaction's `payload` parsed.

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface OutgoingEnvelope {
  type: EnvelopeType;
  payload: Record<string, unknown>;
  /** Default: a fresh id (a redelivery is a new envelope with the same payload). */
  envelopeId?: string;
  /** 0 on a first delivery. */
  retryAttempt?: number;
  retryReason?: string;
}

/** An envelope as it goes over the socket. */
export interface EnvelopeFrame {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

export interface SentEnvelope extends EnvelopeFrame {
  at: number;
  /** Which connection carried it: connections are numbered 1, 2 … in the order they opened. */
  connection: number;
}

const TYPES: Record<DeliveryKind, EnvelopeType> = {
  event: 'events_api',
  command: 'slash_commands',
  interaction: 'interactive',
};

export function toFrame(envelope: OutgoingEnvelope): EnvelopeFrame {
  return {
    envelope_id: envelope.envelopeId ?? randomUUID(),
    type: envelope.type,
    payload: envelope.payload,
    // Events are only acknowledged; commands and interactions may answer in the ack.
    accepts_response_payload: envelope.type !== 'events_api',
    retry_attempt: envelope.retryAttempt ?? 0,
    retry_reason: envelope.retryReason ?? '',
  };
}

/** The envelope for what HTTP mode would POST as `body`. */
export function envelopeFor(
  kind: DeliveryKind,
  body: string,
  retry?: { attempt: number; reason: RetryReason },
): OutgoingEnvelope {
  return {
    type: TYPES[kind],
    payload: payloadOf(kind, body),
    ...(retry ? { retryAttempt: retry.attempt, retryReason: retry.reason } : {}),
  };
}

function payloadOf(kind: DeliveryKind, body: string): Record<string, unknown> {
  if (kind === 'event') return JSON.parse(body) as Record<string, unknown>;
  const fields = new URLSearchParams(body);
  if (kind === 'command') return Object.fromEntries(fields);
  return JSON.parse(fields.get('payload') ?? '{}') as Record<string, unknown>;
}
