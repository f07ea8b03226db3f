import { describe, expect, it } from 'vitest';
import { opsgenieRecogniser } from '../../../src/domain/alerts/opsgenie.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { claimedElsewhere, fixture, person } from './fixtures.ts';

const { recognise } = opsgenieRecogniser;

const hook = (text: string): SlackMessageLike => ({
  subtype: 'bot_message',
  username: 'ops',
  text,
});

describe('Opsgenie', () => {
  it('reads a created alert', () => {
    expect(recognise(fixture('opsgenie.firing.synthetic.json'))).toEqual({
      state: 'firing',
      title: '#1234: Checkout API 5xx above 5%',
      source: 'opsgenie',
      name: 'Checkout API 5xx above 5%',
      severity: 'P2',
      firedAt: Date.UTC(2026, 10, 21, 13, 51),
    });
  });

  it('reads acknowledged and closed under the same name', () => {
    const name = 'Checkout API 5xx above 5%';
    expect(recognise(fixture('opsgenie.acknowledged.synthetic.json'))).toMatchObject({
      state: 'acknowledged',
      name,
    });
    expect(recognise(fixture('opsgenie.resolved.synthetic.json'))).toMatchObject({
      state: 'resolved',
      name,
    });
  });

  it('reads the action from a branded text without an app name', () => {
    const read = (text: string) => recognise(hook(text));
    expect(
      read('[Opsgenie] Alert #55: Disk full on db-1\nAlert created\nPriority: P1'),
    ).toMatchObject({
      state: 'firing',
      name: 'Disk full on db-1',
      severity: 'P1',
    });
    expect(read('[Opsgenie] Alert #55: Disk full on db-1\nEscalated to DBA')?.state).toBe('firing');
    expect(read('[Opsgenie] Alert #55: Disk full on db-1\nSnoozed by Dana')?.state).toBe('info');
    expect(read('[Opsgenie] Alert #55: Connection closed\nAcked by Dana')?.state).toBe(
      'acknowledged',
    );
  });

  it("does not claim another tool's message", () => {
    expect(claimedElsewhere(opsgenieRecogniser)).toEqual([]);
    expect(recognise(hook('Alert #55: Disk full, created by cron'))).toBeNull();
  });

  it('never reads a person as an alert', () => {
    expect(recognise(person('[Opsgenie] Alert #1234: Checkout API down — created'))).toBeNull();
  });
});
