import { describe, expect, it } from 'vitest';
import { pagerdutyRecogniser } from '../../../src/domain/alerts/pagerduty.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { claimedElsewhere, fixture, person } from './fixtures.ts';

const { recognise } = pagerdutyRecogniser;

const pagerduty = (text: string, title?: string): SlackMessageLike => ({
  bot_id: 'B0PD',
  bot_profile: { name: 'PagerDuty' },
  text,
  ...(title === undefined ? {} : { attachments: [{ title, color: '#d32f2f' }] }),
});

describe('PagerDuty', () => {
  it('reads a triggered incident', () => {
    expect(recognise(fixture('pagerduty.firing.synthetic.json'))).toEqual({
      state: 'firing',
      title: 'Triggered: #1234 Checkout API error rate above 5%',
      source: 'pagerduty',
      name: 'Checkout API error rate above 5%',
      severity: 'P1',
      firedAt: Date.UTC(2026, 10, 21, 13, 51),
    });
  });

  it('reads acknowledged and resolved under the incident title', () => {
    const name = 'Checkout API error rate above 5%';
    expect(recognise(fixture('pagerduty.acknowledged.synthetic.json'))).toMatchObject({
      state: 'acknowledged',
      name,
    });
    expect(recognise(fixture('pagerduty.resolved.synthetic.json'))).toMatchObject({
      state: 'resolved',
      name,
    });
  });

  it('reads a note as information, not a state change', () => {
    expect(recognise(fixture('pagerduty.info.note.synthetic.json'))?.state).toBe('info');
  });

  it('takes the priority, else the urgency, as severity', () => {
    expect(recognise(pagerduty('Triggered #7 Disk full', undefined))?.severity).toBeNull();
    expect(recognise(pagerduty('Triggered #7 Disk full\nUrgency: Low'))?.severity).toBe('Low');
    expect(recognise(pagerduty('Triggered #7 Disk full\nHigh urgency'))?.severity).toBe('High');
    expect(recognise(pagerduty('Triggered #7 Disk full\nPriority: p3'))?.severity).toBe('P3');
  });

  it('keeps state words that belong to the incident title', () => {
    const alert = recognise(pagerduty('Acknowledged', '#88 Payment resolved twice'));
    expect(alert).toMatchObject({ state: 'acknowledged', name: 'Payment resolved twice' });
    const forwarded = recognise(pagerduty('Resolved: #89 [Triggered] CPU high on api-1'));
    expect(forwarded).toMatchObject({ state: 'resolved', name: '[Triggered] CPU high on api-1' });
  });

  it('drops a status written after the title', () => {
    expect(recognise(pagerduty('#90 Checkout down - Resolved by Dana'))).toMatchObject({
      state: 'resolved',
      name: 'Checkout down',
    });
  });

  it("does not claim another tool's message", () => {
    expect(claimedElsewhere(pagerdutyRecogniser)).toEqual([]);
  });

  it('never reads a person as an alert', () => {
    expect(recognise(person('Triggered #1234 Checkout API error rate above 5%'))).toBeNull();
  });
});
