import { parseAlertList } from './alert-list.ts';
import { httpUrl, isObject, text } from './fields.ts';
import type { WebhookParseResult } from './types.ts';

/** Grafana unified alerting's webhook contact point: Alertmanager's format plus Grafana links. */
export function parseGrafana(body: unknown): WebhookParseResult {
  if (!isObject(body)) return { ok: false, error: 'body must be a JSON object' };
  if (body.alerts === undefined && ('evalMatches' in body || 'ruleName' in body)) {
    return {
      ok: false,
      error:
        'this is a legacy Grafana alert notification; use a unified alerting webhook contact point',
    };
  }
  return parseAlertList(body, {
    source: 'grafana',
    // The dashboard shows the incident's context; the rule page is the last resort.
    urlOf: (alert) =>
      httpUrl(text(alert, 'dashboardURL')) ??
      httpUrl(text(alert, 'panelURL')) ??
      httpUrl(text(alert, 'generatorURL')),
  });
}
