import { type Clock, systemClock } from '../clock.ts';
import type { Logger } from '../logger.ts';

/** What /healthz reports about a job; times are epoch ms from the job's clock, null = never. */
export interface JobStatus {
  name: string;
  everyMs: number;
  /** When the pass now running started; null when none is running. */
  runningSince: number | null;
  lastStartedAt: number | null;
  lastFinishedAt: number | null;
  /** The last pass that threw, and how many passes in a row have thrown since one succeeded. */
  lastFailedAt: number | null;
  consecutiveFailures: number;
}

export interface PeriodicJob {
  /** Runs one pass now unless one is already running; resolves when that pass ends. */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
  status(): JobStatus;
}

/**
 * A job that runs once at start-up and then every `everyMs` (0 = start-up only). Passes never
 * overlap, and a failed pass is logged, never thrown: the next pass tries again.
 */
export function startPeriodic(options: {
  name: string;
  everyMs: number;
  logger: Logger;
  pass: () => Promise<unknown>;
  /** Only for the times in status(); the timer itself runs on real time. */
  clock?: Clock;
}): PeriodicJob {
  const clock = options.clock ?? systemClock;
  const state: JobStatus = {
    name: options.name,
    everyMs: options.everyMs,
    runningSince: null,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastFailedAt: null,
    consecutiveFailures: 0,
  };
  let current: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve();
    current ??= begin()
      .then(() => {
        state.consecutiveFailures = 0;
      })
      .catch((error: unknown) => {
        state.lastFailedAt = clock.now();
        state.consecutiveFailures++;
        options.logger.error({ err: error, job: options.name }, 'job pass failed');
      })
      .finally(() => {
        state.runningSince = null;
        state.lastFinishedAt = clock.now();
        current = null;
      });
    return current;
  };
  const begin = async () => {
    state.runningSince = clock.now();
    state.lastStartedAt = state.runningSince;
    await options.pass();
  };
  void runNow();
  const timer = options.everyMs > 0 ? setInterval(() => void runNow(), options.everyMs) : null;
  timer?.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await current;
    },
    status: () => ({ ...state }),
  };
}
