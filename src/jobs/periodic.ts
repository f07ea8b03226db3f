import type { Logger } from '../logger.ts';

export interface PeriodicJob {
  /** Runs one pass now unless one is already running; resolves when that pass ends. */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
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
}): PeriodicJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve();
    current ??= options
      .pass()
      .then(() => undefined)
      .catch((error: unknown) =>
        options.logger.error({ err: error, job: options.name }, 'job pass failed'),
      )
      .finally(() => {
        current = null;
      });
    return current;
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
  };
}
