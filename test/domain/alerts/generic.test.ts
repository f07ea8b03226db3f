import { describe, expect, it } from 'vitest';
import { genericRecogniser, stripStateWords } from '../../../src/domain/alerts/generic.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { fixture, person } from './fixtures.ts';

const { recognise } = genericRecogniser;

const blocks = (...texts: string[]): SlackMessageLike => ({
  bot_id: 'B0MON',
  bot_profile: { name: 'Status Checks' },
  blocks: texts.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } })),
});

describe('generic rule', () => {
  it('reads Block Kit text when there are no attachments', () => {
    expect(recognise(fixture('generic.firing.blocks.synthetic.json'))).toEqual({
      state: 'firing',
      title: 'FIRING: checkout-latency',
      source: 'generic',
      name: 'checkout-latency',
      severity: 'page',
      firedAt: Date.UTC(2026, 10, 21, 13, 51),
    });
    expect(recognise(blocks('*RESOLVED* checkout-latency'))?.state).toBe('resolved');
    expect(recognise(blocks('Deploy 512 finished'))).toBeNull();
  });

  it('pairs a colour-only resolution with its firing by name', () => {
    expect(recognise(fixture('generic.resolved.fields.synthetic.json'))).toMatchObject({
      state: 'resolved',
      name: 'checkout-latency',
    });
  });

  it('names alerts without state words, counters or priorities', () => {
    expect(stripStateWords('[FIRING:2] HighErrorRate (api prod)')).toBe('HighErrorRate (api prod)');
    expect(stripStateWords('[RESOLVED] HighErrorRate (api prod)')).toBe('HighErrorRate (api prod)');
    expect(stripStateWords('[P1] [Triggered on {host:a}] CPU high')).toBe('CPU high');
    expect(stripStateWords('ALARM: "api-5xx" in EU (Ireland)')).toBe('"api-5xx" in EU (Ireland)');
    expect(stripStateWords(':rotating_light: *FIRING*: checkout-latency')).toBe('checkout-latency');
    expect(stripStateWords('checkout-latency is now resolved')).toBe('checkout-latency');
    expect(stripStateWords('Okta sync failing')).toBe('Okta sync failing');
  });

  it('leaves a bot without any alert signal alone, and a person always', () => {
    expect(recognise({ bot_id: 'B0CI', text: 'Looks ok to me, rollout resumed' })).toBeNull();
    expect(recognise(person('FIRING: checkout is down for me too'))).toBeNull();
  });
});
