import type { Deps } from '../usecases/ports.ts';
import { deliverDueDrafts, republishInterrupted } from '../usecases/publish-draft.ts';
import { type PeriodicJob, startPeriodic } from './periodic.ts';

export type DraftDeliveryJob = PeriodicJob;

const CHECK_EVERY_MS = 30_000;

/** Posts drafts Slack did not accept (it was down, or rate limited us) once their backoff is due. */
export function startDraftDelivery(deps: Deps, everyMs = CHECK_EVERY_MS): DraftDeliveryJob {
  // Read synchronously at start, so no draft this process begins can be among them.
  let interrupted = deps.store.postmortems.interrupted();
  return startPeriodic({
    name: 'draft-delivery',
    everyMs,
    logger: deps.logger,
    clock: deps.clock,
    pass: async () => {
      if (interrupted.length > 0) {
        const left = interrupted;
        interrupted = [];
        await republishInterrupted(deps, left);
      }
      const posted = await deliverDueDrafts(deps);
      if (posted > 0) deps.logger.info({ posted }, 'posted drafts that had failed before');
    },
  });
}
