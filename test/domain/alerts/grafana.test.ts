import { describe, expect, it } from 'vitest';
import { grafanaRecogniser } from '../../../src/domain/alerts/grafana.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { claimedElsewhere, fixture, person } from './fixtures.ts';

const { recognise } = grafanaRecogniser;

const grafana = (title: string, color = '#D63232'): SlackMessageLike => ({
  bot_id: 'B0GRAFANA',
  bot_profile: { name: 'Grafana' },
  attachments: [{ color, title, text: 'Checkout 5xx rate' }],
});

describe('Grafana', () => {
  it('reads a unified alerting firing, dated by the attachment ts', () => {
    expect(recognise(fixture('grafana.firing.synthetic.json'))).toEqual({
      state: 'firing',
      title: '[FIRING:1] CheckoutErrorRate Payments (api critical)',
      source: 'grafana',
      name: 'CheckoutErrorRate',
      severity: 'critical',
      firedAt: Date.UTC(2026, 10, 21, 13, 51, 2),
    });
  });

  it('pairs the resolution by name and does not date it by its send time', () => {
    expect(recognise(fixture('grafana.resolved.synthetic.json'))).toMatchObject({
      state: 'resolved',
      name: 'CheckoutErrorRate',
      severity: 'critical',
      firedAt: null,
    });
  });

  it('names the alert by its alertname label when the message lists one, else by the title', () => {
    const listed = (text: string) => ({
      ...grafana('[FIRING:2] Checkout error rate Payments (api)'),
      attachments: [{ color: '#D63232', title: '[FIRING:2] Checkout error rate Payments', text }],
    });
    const one = 'Labels:\n - alertname = Checkout error rate\n - grafana_folder = Payments';
    expect(recognise(listed(`${one}\n${one}`))?.name).toBe('Checkout error rate');
    const two = `${one}\nLabels:\n - alertname = Checkout latency`;
    expect(recognise(listed(two))?.name).toBe('Checkout error rate Payments');
  });

  it('reads legacy alerting titles', () => {
    expect(recognise(grafana('[Alerting] Checkout error rate'))).toMatchObject({
      state: 'firing',
      name: 'Checkout error rate',
    });
    expect(recognise(grafana('[OK] Checkout error rate', '#36a64f'))?.state).toBe('resolved');
    expect(recognise(fixture('grafana.info.legacy-no-data.synthetic.json'))).toMatchObject({
      state: 'info',
      name: 'Checkout error rate',
    });
  });

  it('decides by colour when the title has no state, and says info when neither does', () => {
    expect(recognise(grafana('Checkout error rate'))?.state).toBe('firing');
    expect(recognise(grafana('Checkout error rate', '#36a64f'))?.state).toBe('resolved');
    expect(recognise(grafana('Panel image', '#daa038'))?.state).toBe('info');
  });

  it('knows Grafana by its footer when the poster has another name', () => {
    const hook: SlackMessageLike = {
      subtype: 'bot_message',
      username: 'alerts',
      attachments: [{ title: '[FIRING:1] CPU', footer: 'Grafana v10.4.1', color: '#D63232' }],
    };
    expect(recognise(hook)?.source).toBe('grafana');
  });

  it("does not claim another tool's message", () => {
    expect(claimedElsewhere(grafanaRecogniser)).toEqual([]);
  });

  it('never reads a person as an alert', () => {
    expect(recognise(person('[FIRING:1] CheckoutErrorRate'))).toBeNull();
  });
});
