import { keepDraftStandby } from '../usecases/draft-standby.ts';
import type { Deps } from '../usecases/ports.ts';
import { type PeriodicJob, startPeriodic } from './periodic.ts';

/** How often the standby draft worker is reconsidered: an incident grows long over minutes. */
export const DRAFT_STANDBY_CHECK_MS = 60_000;

/**
 * Keeps a draft worker waiting while an open incident is long (keepDraftStandby): at start-up,
 * then every `everyMs`; stopping it ends the standby. Nothing to do without a draft composer
 * that can stand by (PostgreSQL, an in-memory store).
 */
export function startDraftStandby(
  deps: Pick<Deps, 'store' | 'draftComposer' | 'logger' | 'clock' | 'timeZone'>,
  everyMs = DRAFT_STANDBY_CHECK_MS,
): PeriodicJob {
  const job = startPeriodic({
    name: 'draft-standby',
    everyMs: deps.draftComposer?.standBy ? everyMs : 0,
    logger: deps.logger,
    clock: deps.clock,
    pass: () => keepDraftStandby(deps),
  });
  return {
    ...job,
    async stop() {
      await job.stop();
      deps.draftComposer?.standBy?.(null);
    },
  };
}
