import type { WeeklySchedule } from '../domain/stats/schedule.ts';
import type { Deps } from '../usecases/ports.ts';
import { postWeeklyReview } from '../usecases/weekly-review.ts';
import { type PeriodicJob, startPeriodic } from './periodic.ts';

/** A minute's lateness is nothing for a weekly post, and a pass that is not due reads one row. */
export const WEEKLY_REVIEW_CHECK_MS = 60_000;

/**
 * WEEKLY_REVIEW: checks at start-up (a review missed while down is posted then, within its week)
 * and every minute after; the use case posts each week's review once.
 */
export function startWeeklyReview(
  deps: Deps,
  schedule: WeeklySchedule | null,
  everyMs = WEEKLY_REVIEW_CHECK_MS,
): PeriodicJob {
  return startPeriodic({
    name: 'weekly-review',
    everyMs: schedule === null ? 0 : everyMs,
    logger: deps.logger,
    clock: deps.clock,
    pass: async () => {
      if (schedule === null) return;
      const outcome = await postWeeklyReview(deps, schedule);
      if (outcome === 'posted')
        deps.logger.info({ schedule: schedule.label }, 'posted the weekly review');
    },
  });
}
