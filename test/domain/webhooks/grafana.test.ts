import { describe, expect, it } from 'vitest';
import { parseGrafana } from '../../../src/domain/webhooks/grafana.ts';
import type { WebhookParseResult } from '../../../src/domain/webhooks/types.ts';
import { fixture, NOT_OBJECTS } from './fixtures.ts';

function alertsOf(result: WebhookParseResult) {
  if (!result.ok) throw new Error(`expected a parsed payload, got: ${result.error}`);
  return result.alerts;
}

function errorOf(result: WebhookParseResult): string {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('parseGrafana', () => {
  it('normalises a firing alert, linking its dashboard', () => {
    const result = parseGrafana(fixture('grafana-firing'));
    expect(result).toMatchObject({ ok: true, channelHint: null });
    expect(alertsOf(result)).toEqual([
      {
        source: 'grafana',
        fingerprint: '6c1d8e2f0a3b4c5d',
        name: 'Checkout p95 latency',
        state: 'firing',
        severity: 'high',
        startsAt: Date.UTC(2026, 10, 21, 14, 2, 10),
        endsAt: null,
        summary: 'Checkout p95 latency is 2.4s (threshold 1s)',
        url: 'https://grafana.example.com/d/checkout-slo?orgId=1',
        channelHint: null,
      },
    ]);
  });

  it('pairs the resolved notification with the firing one, linking the rule without a dashboard', () => {
    const [firing] = alertsOf(parseGrafana(fixture('grafana-firing')));
    const [resolved] = alertsOf(parseGrafana(fixture('grafana-resolved')));
    expect(resolved).toMatchObject({
      state: 'resolved',
      fingerprint: firing?.fingerprint,
      startsAt: firing?.startsAt,
      endsAt: Date.UTC(2026, 10, 21, 14, 31, 40),
      url: 'https://grafana.example.com/alerting/grafana/fe2k1a9x0c2kgd/view?orgId=1',
    });
  });

  it('falls back to the panel link', () => {
    const body = fixture('grafana-firing');
    const [alert] = body.alerts as Record<string, unknown>[];
    body.alerts = [{ ...alert, dashboardURL: '', panelURL: 'https://grafana.example.com/p/4' }];
    expect(alertsOf(parseGrafana(body))[0]?.url).toBe('https://grafana.example.com/p/4');
  });

  it('routes by a slack_channel label', () => {
    const body = fixture('grafana-firing');
    const [alert] = body.alerts as Record<string, Record<string, unknown>>[];
    body.alerts = [{ ...alert, labels: { ...alert?.labels, slack_channel: 'CPAY0001' } }];
    expect(alertsOf(parseGrafana(body))[0]?.channelHint).toBe('CPAY0001');
  });

  it('explains that legacy alert notifications are not supported', () => {
    expect(errorOf(parseGrafana(fixture('grafana-legacy')))).toMatch(/legacy.*unified alerting/);
  });

  it('refuses malformed bodies without throwing', () => {
    for (const body of NOT_OBJECTS) {
      expect(errorOf(parseGrafana(body))).toBe('body must be a JSON object');
    }
    expect(errorOf(parseGrafana({ title: 'x' }))).toBe('`alerts` must be an array');
    const body = fixture('grafana-firing');
    body.alerts = [{ status: 'alerting', labels: {} }];
    expect(errorOf(parseGrafana(body))).toBe('alerts[0].status must be "firing" or "resolved"');
  });
});
