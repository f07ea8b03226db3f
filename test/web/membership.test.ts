import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { membershipCache } from '../../src/web/auth/membership.ts';
import { captureLogs, TestClock } from '../helpers/test-clock.ts';

function setUp(answers: Record<string, string[] | Error>, options: { maxPeople?: number } = {}) {
  const clock = new TestClock(Date.UTC(2026, 10, 21, 14, 0, 0));
  const { lines, sink } = captureLogs();
  const asked: string[] = [];
  const privateChannelsOf = membershipCache({
    // Stands in for Slack's users.conversations (the notifier's side has its own e2e tests).
    ask: async (userId) => {
      asked.push(userId);
      const answer = answers[userId] ?? [];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    clock,
    logger: createLogger('debug', sink),
    ...options,
  });
  return { clock, lines, asked, privateChannelsOf };
}

describe('membershipCache', () => {
  it('asks once per person for a minute, then again', async () => {
    const t = setUp({ U1: ['G1', 'G2'] });
    expect([...(await t.privateChannelsOf('U1'))]).toEqual(['G1', 'G2']);
    t.clock.advance(59_999);
    await t.privateChannelsOf('U1');
    expect(t.asked).toEqual(['U1']);
    t.clock.advance(1);
    await t.privateChannelsOf('U1');
    expect(t.asked).toEqual(['U1', 'U1']);
  });

  it('keeps people apart', async () => {
    const t = setUp({ U1: ['G1'], U2: ['G2'] });
    expect([...(await t.privateChannelsOf('U1'))]).toEqual(['G1']);
    expect([...(await t.privateChannelsOf('U2'))]).toEqual(['G2']);
  });

  it('shares one question among requests that arrive together', async () => {
    const t = setUp({ U1: ['G1'] });
    const answers = await Promise.all([t.privateChannelsOf('U1'), t.privateChannelsOf('U1')]);
    expect(answers[0]).toBe(answers[1]);
    expect(t.asked).toEqual(['U1']);
  });

  it('fails closed: no private channels when Slack does not answer, logged, asked again soon', async () => {
    const t = setUp({ U1: new Error('ratelimited') });
    expect((await t.privateChannelsOf('U1')).size).toBe(0);
    expect(t.lines.join('')).toContain('could not ask Slack which private channels');
    await t.privateChannelsOf('U1');
    expect(t.asked).toEqual(['U1']);
    t.clock.advance(5_000);
    await t.privateChannelsOf('U1');
    expect(t.asked).toEqual(['U1', 'U1']);
  });

  it('keeps at most maxPeople, forgetting the least recently asked', async () => {
    const t = setUp({}, { maxPeople: 2 });
    await t.privateChannelsOf('U1');
    await t.privateChannelsOf('U2');
    await t.privateChannelsOf('U1');
    await t.privateChannelsOf('U3');
    expect(t.asked).toEqual(['U1', 'U2', 'U3']);
    await t.privateChannelsOf('U1');
    await t.privateChannelsOf('U2');
    expect(t.asked).toEqual(['U1', 'U2', 'U3', 'U2']);
  });
});
