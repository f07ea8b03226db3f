import { describe, expect, it } from 'vitest';
import { cloudwatchRecogniser } from '../../../src/domain/alerts/cloudwatch.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { claimedElsewhere, fixture, person } from './fixtures.ts';

const { recognise } = cloudwatchRecogniser;

const chatbot = (text: string, name = 'AWS Chatbot'): SlackMessageLike => ({
  bot_id: 'B0AWS',
  bot_profile: { name },
  text,
});

describe('CloudWatch via AWS Chatbot', () => {
  it('reads ALARM as firing, dated by the state change', () => {
    expect(recognise(fixture('cloudwatch.firing.synthetic.json'))).toEqual({
      state: 'firing',
      title: 'ALARM: "checkout-api-5xx" in US East (N. Virginia)',
      source: 'cloudwatch',
      name: 'checkout-api-5xx',
      severity: null,
      firedAt: Date.UTC(2026, 10, 21, 13, 51),
    });
  });

  it('reads OK as resolved and does not take its state change time as the start', () => {
    expect(recognise(fixture('cloudwatch.resolved.synthetic.json'))).toMatchObject({
      state: 'resolved',
      name: 'checkout-api-5xx',
      firedAt: null,
    });
  });

  it('reads INSUFFICIENT_DATA as information', () => {
    expect(recognise(fixture('cloudwatch.info.insufficient-data.synthetic.json'))?.state).toBe(
      'info',
    );
  });

  it('reads the piped headline with the new state from the text', () => {
    expect(recognise(fixture('cloudwatch.firing.piped.synthetic.json'))).toMatchObject({
      state: 'firing',
      name: 'checkout-api-5xx',
      firedAt: Date.UTC(2026, 10, 21, 13, 51),
    });
    const back = chatbot('CloudWatch Alarm | api-5xx | eu-west-1\nState changed from ALARM to OK');
    expect(recognise(back)).toMatchObject({ state: 'resolved', name: 'api-5xx' });
  });

  it('answers to aws and claims the classic format from any bot', () => {
    expect(recognise(chatbot('OK: "api-5xx" in EU (Ireland)', 'aws'))?.state).toBe('resolved');
    expect(recognise({ bot_id: 'B0SNS', text: 'ALARM: "api-5xx" in EU (Ireland)' })?.source).toBe(
      'cloudwatch',
    );
    expect(recognise(chatbot('AWS Health: scheduled maintenance for RDS'))?.state).toBe('info');
  });

  it("does not claim another tool's message", () => {
    expect(claimedElsewhere(cloudwatchRecogniser)).toEqual([]);
    expect(recognise({ bot_id: 'B0X', text: 'ALARM bells: checkout is slow' })).toBeNull();
  });

  it('never reads a person as an alert', () => {
    expect(recognise(person('ALARM: "api-5xx" in US East (N. Virginia)'))).toBeNull();
  });
});
