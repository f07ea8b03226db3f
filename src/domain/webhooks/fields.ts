import { condense } from '../slack-text.ts';

// Shared field readers for webhook bodies. Every reader tolerates any input: bodies come from
// outside, and a parser must answer with an error, never throw.

export const SUMMARY_MAX = 300;

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string field, trimmed; anything else is absent. */
export function text(source: JsonObject | null, key: string): string | null {
  const value = source?.[key];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * ISO 8601 / RFC 3339 with an explicit zone → epoch ms. A time without a zone is refused rather
 * than read in whatever zone the process runs in. Nanosecond fractions (Go's format, used by
 * Alertmanager and Grafana) are cut to milliseconds.
 */
export function parseIsoTime(value: string): number | null {
  const m = ISO_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(m[i] ?? '0'),
  ) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const local = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millis);
  return local.getTime() - offsetMinutes * 60_000;
}

/** Go's zero `time.Time`: Alertmanager and Grafana send it for "no end yet". */
export function isZeroTime(value: string): boolean {
  return value.startsWith('0001-01-01');
}

/** The URL normalised, when it is http(s); a `|` is encoded so it cannot end a Slack link. */
export function httpUrl(value: string | null): string | null {
  if (value === null || !URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href.replace(/\|/g, '%7C');
}

export function oneLine(value: string): string {
  return condense(value, SUMMARY_MAX);
}

/** Where Alertmanager-style alerts name their Slack channel. */
export function channelHintOf(labels: JsonObject | null, annotations: JsonObject | null) {
  return (
    text(labels, 'slack_channel') ?? text(labels, 'channel') ?? text(annotations, 'slack_channel')
  );
}
