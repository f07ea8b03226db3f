import type { AlertState } from '../types.ts';
import { httpUrl, isObject, type JsonObject, oneLine, parseIsoTime, text } from './fields.ts';
import type { WebhookAlert, WebhookParseResult } from './types.ts';

/**
 * Our own small format, for tools without a dedicated endpoint:
 * `{ "channel"?: "C…", "alerts": [{ "name", "state", "severity"?, "startsAt"?, "endsAt"?,
 * "summary"?, "url"?, "id"? }] }`, or one alert object on its own. Unlike third-party formats it
 * is checked strictly, so a typo is reported to the sender instead of silently dropped.
 */

const STATES: readonly AlertState[] = ['firing', 'resolved', 'acknowledged', 'info'];

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseGeneric(body: unknown): WebhookParseResult {
  if (!isObject(body)) return { ok: false, error: 'body must be a JSON object' };
  const channel = optionalString(body, 'channel', '');
  if (!channel.ok) return channel;

  let list: unknown[];
  let prefix: (index: number) => string;
  if ('alerts' in body) {
    if (!Array.isArray(body.alerts)) return { ok: false, error: '`alerts` must be an array' };
    list = body.alerts;
    prefix = (index) => `alerts[${index}].`;
  } else if ('name' in body || 'state' in body) {
    list = [body];
    prefix = () => '';
  } else {
    return {
      ok: false,
      error: 'expected {"alerts": [...]} or a single alert object with "name" and "state"',
    };
  }
  if (list.length === 0) return { ok: false, error: '`alerts` is empty: nothing to record' };

  const alerts: WebhookAlert[] = [];
  for (const [index, raw] of list.entries()) {
    const alert = parseAlert(raw, prefix(index));
    if (!alert.ok) return alert;
    alerts.push(alert.value);
  }
  return { ok: true, alerts, channelHint: channel.value };
}

function parseAlert(raw: unknown, prefix: string): Parsed<WebhookAlert> {
  if (!isObject(raw)) return { ok: false, error: `${prefix.replace(/\.$/, '')} must be an object` };
  const name = text(raw, 'name');
  if (name === null) return { ok: false, error: `${prefix}name is required (a non-empty string)` };
  const state = STATES.find((s) => s === raw.state);
  if (state === undefined) {
    return { ok: false, error: `${prefix}state must be one of ${STATES.join(', ')}` };
  }
  const severity = optionalString(raw, 'severity', prefix);
  if (!severity.ok) return severity;
  const summary = optionalString(raw, 'summary', prefix);
  if (!summary.ok) return summary;
  const id = optionalString(raw, 'id', prefix);
  if (!id.ok) return id;
  const startsAt = optionalTime(raw, 'startsAt', prefix);
  if (!startsAt.ok) return startsAt;
  const endsAt = optionalTime(raw, 'endsAt', prefix);
  if (!endsAt.ok) return endsAt;
  const link = optionalString(raw, 'url', prefix);
  if (!link.ok) return link;
  const url = httpUrl(link.value);
  if (link.value !== null && url === null) {
    return { ok: false, error: `${prefix}url must be an http(s) URL` };
  }

  return {
    ok: true,
    value: {
      source: 'generic',
      fingerprint: id.value ?? name,
      name,
      state,
      severity: severity.value,
      startsAt: startsAt.value,
      endsAt: endsAt.value,
      summary: oneLine(summary.value ?? name),
      url,
      channelHint: null,
    },
  };
}

/** Absent, null and blank are all "not given"; any other non-string is the sender's mistake. */
function optionalString(raw: JsonObject, key: string, prefix: string): Parsed<string | null> {
  const value = raw[key];
  if (value === undefined || value === null) return { ok: true, value: null };
  if (typeof value !== 'string') return { ok: false, error: `${prefix}${key} must be a string` };
  return { ok: true, value: text(raw, key) };
}

function optionalTime(raw: JsonObject, key: string, prefix: string): Parsed<number | null> {
  const value = optionalString(raw, key, prefix);
  if (!value.ok || value.value === null) return value.ok ? { ok: true, value: null } : value;
  const at = parseIsoTime(value.value);
  return at === null
    ? {
        ok: false,
        error: `${prefix}${key} must be an ISO 8601 time with a zone, e.g. 2026-11-21T14:02:00Z`,
      }
    : { ok: true, value: at };
}
