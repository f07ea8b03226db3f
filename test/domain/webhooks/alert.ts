import type { WebhookAlert } from '../../../src/domain/webhooks/types.ts';

export function webhookAlert(overrides: Partial<WebhookAlert> = {}): WebhookAlert {
  return {
    source: 'alertmanager',
    fingerprint: 'fp1',
    name: 'HighErrorRate',
    state: 'firing',
    severity: 'critical',
    startsAt: Date.UTC(2026, 10, 21, 14, 2, 7),
    endsAt: null,
    summary: 'HighErrorRate',
    url: 'http://prometheus:9090/graph?g0.expr=x&g0.tab=1',
    channelHint: null,
    ...overrides,
  };
}
