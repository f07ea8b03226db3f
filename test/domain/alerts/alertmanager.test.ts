import { describe, expect, it } from 'vitest';
import { alertmanagerRecogniser, parseSubject } from '../../../src/domain/alerts/alertmanager.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { claimedElsewhere, fixture, person } from './fixtures.ts';

const { recognise } = alertmanagerRecogniser;

const webhook = (title: string, text = '', color = 'danger'): SlackMessageLike => ({
  subtype: 'bot_message',
  bot_id: 'B0HOOK',
  username: 'alerts',
  attachments: [{ color, title, text }],
});

describe('Alertmanager', () => {
  it('reads a firing notification', () => {
    expect(recognise(fixture('alertmanager.firing.synthetic.json'))).toEqual({
      state: 'firing',
      title: '[FIRING:2] HighErrorRate (api prod critical)',
      source: 'alertmanager',
      name: 'HighErrorRate',
      severity: 'critical',
      firedAt: Date.UTC(2026, 10, 21, 13, 51),
    });
  });

  it('reads the resolution under the same name, still dated by when it started', () => {
    const resolved = recognise(fixture('alertmanager.resolved.synthetic.json'));
    expect(resolved).toMatchObject({ state: 'resolved', name: 'HighErrorRate' });
    expect(resolved?.firedAt).toBe(Date.UTC(2026, 10, 21, 13, 51));
  });

  it('names the alert by its group labels, not the common labels that come and go', () => {
    expect(parseSubject('[FIRING:3] HighErrorRate (api prod)')?.name).toBe('HighErrorRate');
    expect(parseSubject('[RESOLVED] HighErrorRate (api)')?.name).toBe('HighErrorRate');
    expect(parseSubject('[FIRING:1] HighErrorRate eu-west-1 (api)')?.name).toBe(
      'HighErrorRate eu-west-1',
    );
    expect(parseSubject('[FIRING:1] (only common labels)')?.name).toBe('(only common labels)');
    expect(parseSubject('HighErrorRate')).toBeNull();
  });

  it('prefers the alertname label a template lists, as the webhook path names alerts', () => {
    const grouped = webhook(
      '[FIRING:1] HighErrorRate eu-west-1',
      ' • *alertname:* `HighErrorRate`',
    );
    expect(recognise(grouped)?.name).toBe('HighErrorRate');
    expect(recognise(webhook('[FIRING:1] HighErrorRate eu-west-1'))?.name).toBe(
      'HighErrorRate eu-west-1',
    );
  });

  it('takes severity from a severity label line in any of the usual templates', () => {
    const severity = (text: string) => recognise(webhook('[FIRING:1] X', text))?.severity;
    expect(severity('*Details:*\n • *severity:* `page`')).toBe('page');
    expect(severity('*Severity:* warning')).toBe('warning');
    expect(severity('Labels:\n - severity = critical')).toBe('critical');
    expect(severity('*Description:* disk almost full')).toBeNull();
  });

  it("dates the alert from Go's time format as `{{ .StartsAt }}` prints it", () => {
    const alert = recognise(
      webhook('[FIRING:1] X', 'Starts at: 2026-11-21 13:51:00.123456789 +0100 CET'),
    );
    expect(alert?.firedAt).toBe(Date.UTC(2026, 10, 21, 12, 51, 0, 123));
    expect(recognise(webhook('[FIRING:1] X', 'Starts at: 2026-11-21 13:51'))?.firedAt).toBeNull();
    expect(recognise(webhook('[FIRING:1] X'))?.firedAt).toBeNull();
  });

  it('claims an unnamed webhook by its title format or its link, and nothing else', () => {
    expect(recognise(webhook('[FIRING:1] HighErrorRate'))?.source).toBe('alertmanager');
    const linked: SlackMessageLike = {
      bot_id: 'B0HOOK',
      attachments: [
        { title: 'HighErrorRate', title_link: 'https://am.example/#/alerts?receiver=x' },
      ],
    };
    expect(recognise(linked)).toMatchObject({ state: 'info', name: 'HighErrorRate' });
    expect(recognise(webhook('FIRING: HighErrorRate'))).toBeNull();
  });

  it('falls back to the colour when a custom title has no state', () => {
    const named = (color: string): SlackMessageLike => ({
      bot_id: 'B0AM',
      username: 'Alertmanager',
      attachments: [{ color, title: 'HighErrorRate on api' }],
    });
    expect(recognise(named('danger'))?.state).toBe('firing');
    expect(recognise(named('good'))?.state).toBe('resolved');
    expect(recognise(named('warning'))?.state).toBe('info');
  });

  it("does not claim another tool's message", () => {
    expect(claimedElsewhere(alertmanagerRecogniser)).toEqual([]);
  });

  it('never reads a person as an alert', () => {
    expect(recognise(person('[FIRING:1] HighErrorRate (api prod)'))).toBeNull();
  });
});
