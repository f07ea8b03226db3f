import type { Deps } from '../usecases/ports.ts';

const HOUR = 60 * 60 * 1000;
// Slack's last retry comes about 5 minutes after the first attempt; a day is a wide margin.
const KEEP_EVENT_IDS_FOR = 24 * HOUR;

export interface Job {
  stop(): void;
}

/** Forgets old event ids and lapsed job claims hourly so those tables stay small. */
export function startHousekeeping(deps: Pick<Deps, 'store' | 'clock' | 'logger'>): Job {
  const run = async () => {
    try {
      const before = deps.clock.now() - KEEP_EVENT_IDS_FOR;
      const removed = await deps.store.messages.forgetEventsBefore(before);
      if (removed > 0) deps.logger.debug({ removed }, 'forgot old event ids');
      // Lapsed claims say who died mid-work; a day later nothing asks any more.
      const lapsed = await deps.store.claims.forgetExpired(before);
      if (lapsed > 0) deps.logger.debug({ lapsed }, 'forgot lapsed job claims');
    } catch (error) {
      deps.logger.error({ err: error }, 'housekeeping failed');
    }
  };
  void run();
  const timer = setInterval(() => void run(), HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
