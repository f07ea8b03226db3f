import type { Deps } from '../usecases/ports.ts';
import { deliverDueDrafts } from '../usecases/publish-draft.ts';

export interface DraftDeliveryJob {
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

const CHECK_EVERY_MS = 30_000;

/**
 * Posts drafts Slack did not accept (it was down, or rate limited us) once their backoff is
 * due: at start-up, then every 30 seconds. Passes never overlap, so nothing is posted twice.
 */
export function startDraftDelivery(deps: Deps, everyMs = CHECK_EVERY_MS): DraftDeliveryJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve();
    current ??= deliverDueDrafts(deps)
      .then((posted) => {
        if (posted > 0) deps.logger.info({ posted }, 'posted drafts that had failed before');
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'draft delivery failed'))
      .finally(() => {
        current = null;
      });
    return current;
  };
  void runNow();
  const timer = setInterval(() => void runNow(), everyMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
