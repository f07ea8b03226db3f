import type { Deps, StoredPostmortem } from '../usecases/ports.ts';
import { deliverDueDrafts, republishInterrupted } from '../usecases/publish-draft.ts';
import { type PeriodicJob, startPeriodic } from './periodic.ts';

export type DraftDeliveryJob = PeriodicJob;

const CHECK_EVERY_MS = 30_000;

/** Posts drafts Slack did not accept (it was down, or rate limited us) once their backoff is due. */
export function startDraftDelivery(deps: Deps, everyMs = CHECK_EVERY_MS): DraftDeliveryJob {
  // Asked at once, before this process can begin a draft of its own (requests are already
  // taken, but a draft is only begun after a command's awaits, and SQLite answers at the call).
  let interrupted: Promise<StoredPostmortem[]> | null = deps.store.postmortems.interrupted();
  // Awaited by the first pass; a failure is reported there, not as an unhandled rejection.
  interrupted.catch(() => {});
  return startPeriodic({
    name: 'draft-delivery',
    everyMs,
    logger: deps.logger,
    clock: deps.clock,
    pass: async () => {
      if (interrupted !== null) {
        const asked = interrupted;
        interrupted = null;
        const left = await asked;
        if (left.length > 0) await republishInterrupted(deps, left);
      }
      const posted = await deliverDueDrafts(deps);
      if (posted > 0) deps.logger.info({ posted }, 'posted drafts that had failed before');
    },
  });
}
