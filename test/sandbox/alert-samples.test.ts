import { describe, expect, it } from 'vitest';
import { parseAlert } from '../../src/domain/alerts/index.ts';
import { interpretMessageEvent } from '../../src/domain/message-event.ts';
import { ALERT_SAMPLES, alertSample } from '../../src/sandbox/alert-samples.ts';

const AT = Date.UTC(2026, 10, 21, 14, 5, 0);
const STATES = ['firing', 'resolved'] as const;

describe('the sandbox alert samples', () => {
  it('covers the six tools of the sandbox page', () => {
    expect(ALERT_SAMPLES.map((s) => s.id)).toEqual([
      'alertmanager',
      'grafana',
      'pagerduty',
      'datadog',
      'opsgenie',
      'sentry',
    ]);
    expect(alertSample('nagios')).toBeUndefined();
  });

  for (const sample of ALERT_SAMPLES) {
    for (const state of STATES) {
      it(`${sample.id} ${state} is recognised as ${sample.id}, ${state}`, () => {
        const message = { type: 'message', ts: '1795269125.000100', ...sample.message(state, AT) };
        const alert = parseAlert(message);
        expect(alert).toMatchObject({ source: sample.id, state });
        // The firing and the resolved message name the same alert, so they pair up.
        const other = parseAlert({ ...message, ...sample.message(firingOr(state), AT) });
        expect(other?.name).toBe(alert?.name);
      });
    }

    it(`${sample.id} is recorded as a bot message carrying the alert`, () => {
      const event = {
        channel: 'C0CHECKOUT',
        ts: '1795269125.000100',
        ...sample.message('firing', AT),
      };
      const change = interpretMessageEvent(event);
      expect(change.kind).toBe('posted');
      if (change.kind !== 'posted') return;
      expect(change.message.isBot).toBe(true);
      expect(change.message.botName).toBe(sample.name);
      expect(change.message.alert?.state).toBe('firing');
    });
  }
});

function firingOr(state: 'firing' | 'resolved'): 'firing' | 'resolved' {
  return state === 'firing' ? 'resolved' : 'firing';
}
