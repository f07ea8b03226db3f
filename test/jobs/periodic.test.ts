import { describe, expect, it } from 'vitest';
import { startPeriodic } from '../../src/jobs/periodic.ts';
import { createLogger } from '../../src/logger.ts';

const logger = createLogger('silent');

describe('startPeriodic', () => {
  it('runs at start, never overlaps passes, and stop waits for the pass in flight', async () => {
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    let release: () => void = () => {};
    const job = startPeriodic({
      name: 'test',
      everyMs: 0,
      logger,
      pass: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        passes++;
        await new Promise<void>((r) => {
          release = r;
        });
        running--;
      },
    });
    const again = job.runNow();
    const stopped = job.stop();
    expect(passes).toBe(1);
    release();
    await Promise.all([again, stopped]);
    expect(maxRunning).toBe(1);
    await job.runNow();
    expect(passes).toBe(1);
  });

  it('survives a failing pass and runs the next one', async () => {
    let calls = 0;
    const job = startPeriodic({
      name: 'test',
      everyMs: 0,
      logger,
      pass: async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    });
    // The first runNow joins the start-up pass (which fails); the second is a new pass.
    await job.runNow();
    await job.runNow();
    expect(calls).toBe(2);
    await job.stop();
  });
});
