import type { AlertSource, AlertState } from '../types.ts';

/** One alert as a monitoring webhook delivered it, normalised across tools. Times are epoch ms. */
export interface WebhookAlert {
  source: AlertSource;
  /** With `state` and `startsAt`, what makes a repeated notification the same row. */
  fingerprint: string;
  name: string;
  state: AlertState;
  severity: string | null;
  startsAt: number | null;
  /**
   * When the alert ended. Alertmanager and Grafana put an expiry guess on firing alerts, so theirs
   * is kept for resolved alerts only; the generic format's is kept as sent.
   */
  endsAt: number | null;
  /** One line, at most 300 characters, plain text (not yet escaped for Slack). */
  summary: string;
  /** An http(s) link to the alert's source, or null. */
  url: string | null;
  /** The Slack channel this alert names through its labels or annotations, if any. */
  channelHint: string | null;
}

/**
 * What a parser makes of a webhook body. On success `alerts[i]` is always the body's i-th alert,
 * so the raw JSON of each can be found again; `channelHint` is the channel the payload as a whole
 * names (the generic `channel` field, or common labels), not the per-alert hints.
 */
export type WebhookParseResult =
  | { ok: true; alerts: WebhookAlert[]; channelHint: string | null }
  | { ok: false; error: string };

export type WebhookParser = (body: unknown) => WebhookParseResult;
