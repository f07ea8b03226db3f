import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOnce, startStandIn } from '../../bench/ingest.ts';
import type { SlackStandIn } from '../../src/stand-in/index.ts';

let slack: SlackStandIn;
beforeAll(async () => {
  slack = await startStandIn();
});
afterAll(async () => {
  await slack.close();
});

const options = { events: 50, warmup: 10, concurrency: 8 };

describe('ingest benchmark core', () => {
  it('stores every event of the run exactly once, redeliveries included', async () => {
    const run = await ingestOnce('ours', slack, options);
    expect(run.deliveries).toBe(51);
    expect(run.stored?.rows).toBe(60);
    expect(run.stored?.distinctTs).toBe(60);
    expect(run.stored?.events).toBe(60);
    expect(run.stored?.alerts).toBe(run.expected?.alerts);
    expect(run.rate).toBeGreaterThan(0);
  }, 60_000);

  it('runs the naive baseline and the ceiling', async () => {
    for (const kind of ['naive', 'ceiling'] as const) {
      const run = await ingestOnce(kind, slack, options);
      expect(run.deliveries).toBe(51);
      expect(run.rate).toBeGreaterThan(0);
    }
  }, 60_000);

  it('gives the naive baseline its bot id the normal way: one auth.test per run, not per event', async () => {
    const run = await ingestOnce('naive', slack, options);
    expect(run.authTests).toBe(1);
  }, 60_000);
});
