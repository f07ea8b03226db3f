import { describe, expect, it } from 'vitest';
import { measureAckLatency } from '../../bench/ack-latency.ts';

describe('ack latency benchmark core', () => {
  it('measures commands in all three phases and posts the draft', async () => {
    const results = await measureAckLatency({
      draftMessages: 200,
      phaseMs: 300,
      eventsPerSecond: 50,
    });
    expect(results.map((r) => r.phase.split(' (')[0])).toEqual(['quiet', 'storm', 'storm + draft']);
    for (const r of results) {
      expect(r.commands).toBeGreaterThan(0);
      expect(r.loop.max).toBeGreaterThan(0);
    }
    expect(results[1]?.eventRate).toBeGreaterThan(0);
    expect(results[2]?.phase).toMatch(/ms to post/);
    // The bot composed and stored a draft in that phase: some of its CPU time, never none.
    expect(results[2]?.cpuMs).toBeGreaterThan(0);
  }, 90_000);
});
