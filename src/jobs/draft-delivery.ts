import { deliverDueDrafts, republishInterrupted } from '../usecases/due-drafts.ts';
import type { Deps } from '../usecases/ports.ts';
import { type PeriodicJob, startPeriodic } from './periodic.ts';

export type DraftDeliveryJob = PeriodicJob;

const CHECK_EVERY_MS = 30_000;

/**
 * Posts drafts Slack did not accept (it was down, or rate limited us) once their backoff is due,
 * and writes again the drafts a stopped process left half-written. Each draft is claimed first,
 * so among replicas only one works on it (ADR 0013).
 */
export function startDraftDelivery(deps: Deps, everyMs = CHECK_EVERY_MS): DraftDeliveryJob {
  return startPeriodic({
    name: 'draft-delivery',
    everyMs,
    logger: deps.logger,
    clock: deps.clock,
    pass: async () => {
      await republishInterrupted(deps);
      const posted = await deliverDueDrafts(deps);
      if (posted > 0) deps.logger.info({ posted }, 'posted drafts that had failed before');
    },
  });
}
