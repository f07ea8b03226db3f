import { describe, expect, it } from 'vitest';
import { datadogRecogniser } from '../../../src/domain/alerts/datadog.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { claimedElsewhere, fixture, person } from './fixtures.ts';

const { recognise } = datadogRecogniser;

const datadog = (title: string, text = '@slack-incidents'): SlackMessageLike => ({
  bot_id: 'B0DD',
  bot_profile: { name: 'Datadog' },
  attachments: [{ title, text }],
});

describe('Datadog', () => {
  it('reads a triggered multi-alert monitor, naming it with its scope', () => {
    expect(recognise(fixture('datadog.firing.synthetic.json'))).toEqual({
      state: 'firing',
      title: '[P2] [Triggered on {host:api-1}] CPU usage high on api',
      source: 'datadog',
      name: 'CPU usage high on api {host:api-1}',
      severity: 'P2',
      firedAt: Date.UTC(2026, 10, 21, 13, 51),
    });
  });

  it('pairs the recovery and the warning with the same scope', () => {
    const name = 'CPU usage high on api {host:api-1}';
    expect(recognise(fixture('datadog.resolved.synthetic.json'))).toMatchObject({
      state: 'resolved',
      name,
    });
    expect(recognise(fixture('datadog.firing.warn.synthetic.json'))).toMatchObject({
      state: 'firing',
      name,
      severity: 'warning',
    });
  });

  it('reads every documented status', () => {
    const state = (title: string) => recognise(datadog(title))?.state;
    expect(state('[Triggered] CPU high')).toBe('firing');
    expect(state('[Re-Triggered on {host:a}] CPU high')).toBe('firing');
    expect(state('[Recovered] CPU high')).toBe('resolved');
    expect(state('[No Data] CPU high')).toBe('info');
    expect(recognise(fixture('datadog.info.no-data.synthetic.json'))?.state).toBe('info');
    expect(recognise(datadog('Weekly SLO report'))).toMatchObject({ state: 'info' });
  });

  it('keeps scopes apart and priorities out of the name', () => {
    expect(recognise(datadog('[Triggered on {host:b}] CPU high'))?.name).toBe('CPU high {host:b}');
    expect(recognise(datadog('[P1] [Triggered] CPU high'))).toMatchObject({
      name: 'CPU high',
      severity: 'P1',
    });
  });

  it('claims a webhook by its title format', () => {
    const hook: SlackMessageLike = { bot_id: 'B0HOOK', text: '[Recovered on {host:a}] CPU high' };
    expect(recognise(hook)?.source).toBe('datadog');
  });

  it("does not claim another tool's message", () => {
    expect(claimedElsewhere(datadogRecogniser)).toEqual([]);
  });

  it('never reads a person as an alert', () => {
    expect(recognise(person('[Triggered on {host:api-1}] CPU high'))).toBeNull();
  });
});
