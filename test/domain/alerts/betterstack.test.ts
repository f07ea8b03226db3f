import { describe, expect, it } from 'vitest';
import { betterstackRecogniser } from '../../../src/domain/alerts/betterstack.ts';
import type { SlackMessageLike } from '../../../src/domain/alerts/shared.ts';
import { claimedElsewhere, fixture, person } from './fixtures.ts';

const { recognise } = betterstackRecogniser;

const uptime = (text: string): SlackMessageLike => ({
  subtype: 'bot_message',
  username: 'Better Uptime',
  text,
});

describe('Better Stack', () => {
  it('reads a new incident as firing, named by the monitor', () => {
    expect(recognise(fixture('betterstack.firing.synthetic.json'))).toEqual({
      state: 'firing',
      title: 'New incident: Checkout API is down',
      source: 'betterstack',
      name: 'Checkout API',
      severity: null,
      firedAt: Date.UTC(2026, 10, 21, 13, 51),
    });
  });

  it('reads acknowledgement and recovery under the same monitor name', () => {
    expect(recognise(fixture('betterstack.acknowledged.synthetic.json'))).toMatchObject({
      state: 'acknowledged',
      name: 'Checkout API',
    });
    expect(recognise(fixture('betterstack.resolved.synthetic.json'))).toMatchObject({
      state: 'resolved',
      name: 'Checkout API',
    });
  });

  it('answers to both of its names, and takes a Monitor line as the name', () => {
    expect(recognise(uptime('Resolved: api.example.com is up'))).toMatchObject({
      state: 'resolved',
      name: 'api.example.com',
    });
    expect(recognise(uptime('Incident acknowledged\nMonitor: *Checkout API*'))).toMatchObject({
      state: 'acknowledged',
      name: 'Checkout API',
    });
    expect(recognise(uptime('Monthly uptime: 99.98%'))?.state).toBe('info');
  });

  it("does not claim another tool's message", () => {
    expect(claimedElsewhere(betterstackRecogniser)).toEqual([]);
    expect(recognise({ bot_id: 'B0X', text: 'New incident: Checkout API is down' })).toBeNull();
  });

  it('never reads a person as an alert', () => {
    expect(recognise(person('New incident: Checkout API is down'))).toBeNull();
  });
});
