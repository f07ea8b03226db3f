import { parseAlertList } from './alert-list.ts';
import { httpUrl, isObject, text } from './fields.ts';
import type { WebhookParseResult } from './types.ts';

/** Prometheus Alertmanager's webhook receiver payload (`version: "4"`). */
export function parseAlertmanager(body: unknown): WebhookParseResult {
  if (!isObject(body)) return { ok: false, error: 'body must be a JSON object' };
  const { version } = body;
  if (version !== undefined && version !== '4') {
    return {
      ok: false,
      error:
        `unsupported Alertmanager webhook version ${describeVersion(version)} (expected "4")` +
        (version === '1' ? '; Grafana contact points post to /hooks/grafana' : ''),
    };
  }
  return parseAlertList(body, {
    source: 'alertmanager',
    urlOf: (alert) => httpUrl(text(alert, 'generatorURL')),
  });
}

/**
 * The version as sent, for the error: short, and never `JSON.stringify` of an arbitrary value,
 * which overflows the stack on a deeply nested one.
 */
function describeVersion(version: unknown): string {
  if (typeof version === 'string') return JSON.stringify(version.slice(0, 20));
  if (typeof version === 'object' && version !== null) {
    return Array.isArray(version) ? 'an array' : 'an object';
  }
  return String(version);
}
