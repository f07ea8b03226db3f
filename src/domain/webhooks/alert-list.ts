import type { AlertSource } from '../types.ts';
import {
  channelHintOf,
  isObject,
  isZeroTime,
  type JsonObject,
  oneLine,
  parseIsoTime,
  text,
} from './fields.ts';
import type { WebhookAlert, WebhookParseResult } from './types.ts';

/**
 * Alertmanager's webhook format, which Grafana's unified alerting reuses and extends: an envelope
 * with common labels around a list of alerts, each with labels, annotations and RFC 3339 times.
 */
export interface AlertListFormat {
  source: AlertSource;
  /** The alert's link, from whichever of its URL fields the tool fills best. */
  urlOf(alert: JsonObject): string | null;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseAlertList(body: JsonObject, format: AlertListFormat): WebhookParseResult {
  const { alerts } = body;
  if (!Array.isArray(alerts)) return { ok: false, error: '`alerts` must be an array' };
  if (alerts.length === 0) return { ok: false, error: '`alerts` is empty: nothing to record' };
  const commonLabels = optionalObject(body.commonLabels, 'commonLabels');
  if (!commonLabels.ok) return commonLabels;
  const commonAnnotations = optionalObject(body.commonAnnotations, 'commonAnnotations');
  if (!commonAnnotations.ok) return commonAnnotations;
  const groupLabels = optionalObject(body.groupLabels, 'groupLabels');
  if (!groupLabels.ok) return groupLabels;
  const fallbackName =
    text(commonLabels.value, 'alertname') ?? text(groupLabels.value, 'alertname');

  const parsed: WebhookAlert[] = [];
  for (const [index, raw] of alerts.entries()) {
    const alert = parseAlert(raw, `alerts[${index}]`, format, fallbackName);
    if (!alert.ok) return alert;
    parsed.push(alert.value);
  }
  const channelHint = channelHintOf(commonLabels.value, commonAnnotations.value);
  return { ok: true, alerts: parsed, channelHint };
}

function parseAlert(
  raw: unknown,
  path: string,
  format: AlertListFormat,
  fallbackName: string | null,
): Parsed<WebhookAlert> {
  if (!isObject(raw)) return { ok: false, error: `${path} must be an object` };
  const { status } = raw;
  if (status !== 'firing' && status !== 'resolved') {
    return { ok: false, error: `${path}.status must be "firing" or "resolved"` };
  }
  if (!isObject(raw.labels)) return { ok: false, error: `${path}.labels must be an object` };
  const labels = raw.labels;
  const annotationsField = optionalObject(raw.annotations, `${path}.annotations`);
  if (!annotationsField.ok) return annotationsField;
  const annotations = annotationsField.value;
  const startsAt = optionalTime(raw.startsAt, `${path}.startsAt`);
  if (!startsAt.ok) return startsAt;
  const endsAt = optionalTime(raw.endsAt, `${path}.endsAt`);
  if (!endsAt.ok) return endsAt;

  const name = text(labels, 'alertname') ?? fallbackName ?? 'Unnamed alert';
  return {
    ok: true,
    value: {
      source: format.source,
      fingerprint: text(raw, 'fingerprint') ?? labelKey(labels),
      name,
      state: status,
      severity: text(labels, 'severity'),
      startsAt: startsAt.value,
      endsAt: status === 'resolved' ? endsAt.value : null,
      summary: oneLine(text(annotations, 'summary') ?? text(annotations, 'description') ?? name),
      url: format.urlOf(raw),
      channelHint: channelHintOf(labels, annotations),
    },
  };
}

function optionalObject(value: unknown, path: string): Parsed<JsonObject | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  return isObject(value) ? { ok: true, value } : { ok: false, error: `${path} must be an object` };
}

function optionalTime(value: unknown, path: string): Parsed<number | null> {
  if (value === undefined || value === null || value === '') return { ok: true, value: null };
  if (typeof value === 'string') {
    if (isZeroTime(value)) return { ok: true, value: null };
    const at = parseIsoTime(value);
    if (at !== null) return { ok: true, value: at };
  }
  return { ok: false, error: `${path} must be an RFC 3339 time such as 2026-11-21T14:02:00Z` };
}

/** Alertmanager's identity of an alert is its label set; used when no fingerprint is sent. */
function labelKey(labels: JsonObject): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labelValue(labels[key])}`)
    .join(',');
}

/**
 * Label values are strings in every real payload. Anything else is named by its kind instead of
 * `String(value)`, which throws on `{"toString": 1}` and overflows the stack on deep arrays.
 */
function labelValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    return Array.isArray(value) ? '[array]' : '[object Object]';
  }
  return String(value);
}
