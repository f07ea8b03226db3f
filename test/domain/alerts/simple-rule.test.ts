import { describe, expect, it } from 'vitest';
import {
  detectAlert,
  isBotMessage,
  type SlackMessageLike,
} from '../../../src/domain/alerts/simple-rule.ts';

const alertmanager = (title: string, color: string): SlackMessageLike => ({
  subtype: 'bot_message',
  bot_id: 'B0AM',
  username: 'Alertmanager',
  attachments: [
    {
      color,
      title,
      text: '*Alert:* p99 latency above 2s\n*Severity:* page',
      fallback: `${title} | https://alertmanager.example/#/alerts`,
    },
  ],
});

const grafana = (title: string, color: string): SlackMessageLike => ({
  bot_id: 'B0GRAFANA',
  bot_profile: { name: 'Grafana' },
  attachments: [{ color, title, text: 'Checkout 5xx rate', fallback: title }],
});

describe('isBotMessage', () => {
  it('recognises bot ids, bot profiles and the bot_message subtype', () => {
    expect(isBotMessage({ bot_id: 'B1' })).toBe(true);
    expect(isBotMessage({ bot_profile: { name: 'x' } })).toBe(true);
    expect(isBotMessage({ subtype: 'bot_message' })).toBe(true);
    expect(isBotMessage({ text: 'hi' })).toBe(false);
  });
});

describe('detectAlert', () => {
  it('Alertmanager firing (danger)', () => {
    expect(detectAlert(alertmanager('[FIRING:1] HighLatency (api prod)', 'danger'))).toEqual({
      state: 'firing',
      title: '[FIRING:1] HighLatency (api prod)',
      source: 'alertmanager',
      name: 'HighLatency',
      severity: 'page',
      firedAt: null,
    });
  });

  it('Alertmanager resolved (good)', () => {
    expect(detectAlert(alertmanager('[RESOLVED] HighLatency (api prod)', 'good'))).toEqual({
      state: 'resolved',
      title: '[RESOLVED] HighLatency (api prod)',
      source: 'alertmanager',
      name: 'HighLatency',
      severity: 'page',
      firedAt: null,
    });
  });

  it('Grafana firing and resolved, decided by colour', () => {
    expect(detectAlert(grafana('Checkout error rate', '#D63232'))?.state).toBe('firing');
    expect(detectAlert(grafana('Checkout error rate', '#36a64f'))?.state).toBe('resolved');
  });

  it('Grafana with state words in the title', () => {
    expect(detectAlert(grafana('[Alerting] Checkout error rate', '#D63232'))?.title).toBe(
      '[Alerting] Checkout error rate',
    );
    expect(detectAlert(grafana('[FIRING:2] HighErrorRate', '#D63232'))?.state).toBe('firing');
  });

  it('Datadog triggered, re-triggered and recovered', () => {
    const datadog = (title: string): SlackMessageLike => ({
      bot_id: 'B0DD',
      bot_profile: { name: 'Datadog' },
      attachments: [{ title, text: '@slack-incidents CPU above 90% for 5m' }],
    });
    expect(detectAlert(datadog('[Triggered on {host:api-1}] CPU high'))?.state).toBe('firing');
    expect(detectAlert(datadog('[Re-Triggered on {host:api-1}] CPU high'))?.state).toBe('firing');
    expect(detectAlert(datadog('[Recovered on {host:api-1}] CPU high'))?.state).toBe('resolved');
  });

  it('CloudWatch via AWS Chatbot, from the message text', () => {
    const chatbot = (text: string): SlackMessageLike => ({
      bot_id: 'B0AWS',
      bot_profile: { name: 'AWS Chatbot' },
      text,
    });
    expect(detectAlert(chatbot('ALARM: "api-5xx" in US East (N. Virginia)'))).toEqual({
      state: 'firing',
      title: 'ALARM: "api-5xx" in US East (N. Virginia)',
      source: 'cloudwatch',
      name: 'api-5xx',
      severity: null,
      firedAt: null,
    });
    expect(detectAlert(chatbot('OK: "api-5xx" in US East (N. Virginia)'))?.state).toBe('resolved');
  });

  it('lets the wording win when it disagrees with the colour', () => {
    expect(detectAlert(alertmanager('[RESOLVED] HighLatency', 'danger'))?.state).toBe('resolved');
    expect(detectAlert(grafana('[FIRING:1] HighLatency', '#36a64f'))?.state).toBe('firing');
  });

  it('judges hex colours by hue when no tool owns the message', () => {
    const monitor = (title: string, color: string): SlackMessageLike => ({
      bot_id: 'B0MON',
      bot_profile: { name: 'Status Checks' },
      attachments: [{ color, title }],
    });
    expect(detectAlert(monitor('Checkout', '#FF0000'))?.state).toBe('firing');
    expect(detectAlert(monitor('Checkout', '#e01e5a'))?.state).toBe('firing');
    expect(detectAlert(monitor('Checkout', 'f00'))?.state).toBe('firing');
    expect(detectAlert(monitor('Checkout', '#2eb886'))?.state).toBe('resolved');
    expect(detectAlert(monitor('Checkout', '#daa038'))).toBeNull();
    expect(detectAlert(monitor('Checkout', '#439FE0'))).toBeNull();
    expect(detectAlert(monitor('Checkout', '#aa9999'))).toBeNull();
    expect(detectAlert(monitor('Checkout', 'warning'))).toBeNull();
  });

  it('reads a known tool without a state as information', () => {
    expect(detectAlert(grafana('Checkout', '#daa038'))).toMatchObject({
      source: 'grafana',
      state: 'info',
    });
  });

  it('ignores a bot message with no alert signal', () => {
    expect(
      detectAlert({ bot_id: 'B0CI', bot_profile: { name: 'CI' }, text: 'Deploy #512 finished' }),
    ).toBeNull();
  });

  it('does not mistake everyday words for states', () => {
    expect(detectAlert({ bot_id: 'B0CI', text: 'Looks ok to me, rollout resumed' })).toBeNull();
    expect(detectAlert({ bot_id: 'B0CI', text: 'Unresolved tickets: 3' })).toBeNull();
  });

  it('never treats a person as an alert', () => {
    expect(detectAlert({ text: 'FIRING: checkout is down for me too' })).toBeNull();
  });

  it('takes the title from the pretext, then the fallback, then the text', () => {
    expect(
      detectAlert({ bot_id: 'B1', attachments: [{ color: 'danger', pretext: 'Pretext title' }] })
        ?.title,
    ).toBe('Pretext title');
    expect(
      detectAlert({ bot_id: 'B1', attachments: [{ color: 'danger', fallback: 'Fallback title' }] })
        ?.title,
    ).toBe('Fallback title');
  });

  it('stores the title decoded, on one line, at most 150 characters', () => {
    const title = `[FIRING:1] p99 &gt; 2s\n${'x'.repeat(300)}`;
    const alert = detectAlert(alertmanager(title, 'danger'));
    expect(alert?.title.startsWith('[FIRING:1] p99 > 2s x')).toBe(true);
    expect(alert?.title).toHaveLength(150);
  });

  it('names an alert with no text after the bot', () => {
    expect(
      detectAlert({
        bot_id: 'B1',
        bot_profile: { name: 'Grafana' },
        attachments: [{ color: 'danger' }],
      })?.title,
    ).toBe('Grafana');
  });
});
