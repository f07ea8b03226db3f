import { describe, expect, it } from 'vitest';
import { sentryRecogniser } from '../../../src/domain/alerts/sentry.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { claimedElsewhere, fixture, person } from './fixtures.ts';

const { recognise } = sentryRecogniser;
const ISSUE = "TypeError: Cannot read properties of undefined (reading 'total')";

const sentry = (blocks: unknown[]): SlackMessageLike => ({
  bot_id: 'B0SENTRY',
  bot_profile: { name: 'Sentry' },
  blocks,
});
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const buttons = (...labels: string[]) => ({
  type: 'actions',
  elements: labels.map((text) => ({ type: 'button', text: { type: 'plain_text', text } })),
});

describe('Sentry', () => {
  it('reads a new issue alert as firing, named by the issue title', () => {
    expect(recognise(fixture('sentry.firing.synthetic.json'))).toEqual({
      state: 'firing',
      title: ISSUE,
      source: 'sentry',
      name: ISSUE,
      severity: 'error',
      firedAt: null,
    });
  });

  it('reads an assignment as acknowledged and a resolution as resolved, same name', () => {
    expect(recognise(fixture('sentry.acknowledged.synthetic.json'))).toMatchObject({
      state: 'acknowledged',
      name: ISSUE,
    });
    expect(recognise(fixture('sentry.resolved.synthetic.json'))).toMatchObject({
      state: 'resolved',
      name: ISSUE,
    });
  });

  it('reads a metric alert by its level', () => {
    expect(recognise(fixture('sentry.firing.metric.synthetic.json'))).toMatchObject({
      state: 'firing',
      name: 'p95 checkout latency',
      severity: 'critical',
    });
    const resolved = sentry([section('*Resolved: p95 checkout latency*')]);
    expect(recognise(resolved)).toMatchObject({ state: 'resolved', severity: null });
    expect(recognise(resolved)?.name).toBe('p95 checkout latency');
  });

  it('does not take state words from the issue title', () => {
    const issue = sentry([
      section('<https://acme.sentry.io/issues/12/|*Error: Promise resolved twice*>'),
      buttons('Resolve', 'Archive'),
    ]);
    expect(recognise(issue)).toMatchObject({
      state: 'firing',
      name: 'Error: Promise resolved twice',
    });
  });

  it('keeps an issue titled like a metric alert an issue', () => {
    const issue = sentry([section('*Warning: deprecated API used*'), buttons('Resolve')]);
    expect(recognise(issue)).toMatchObject({
      state: 'firing',
      name: 'Warning: deprecated API used',
    });
  });

  it('reads archiving and anything that is not an alert as information', () => {
    const archived = sentry([section(`*${ISSUE}*`), section('Archived by <@U0DANA>')]);
    expect(recognise(archived)?.state).toBe('info');
    expect(recognise(sentry([section('Weekly report: 3 new issues')]))?.state).toBe('info');
  });

  it("does not claim another tool's message", () => {
    expect(claimedElsewhere(sentryRecogniser)).toEqual([]);
  });

  it('never reads a person as an alert', () => {
    expect(recognise(person(ISSUE))).toBeNull();
  });
});
