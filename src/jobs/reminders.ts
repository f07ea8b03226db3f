import { type Deps, metricsOf } from '../usecases/ports.ts';
import { sendReminders } from '../usecases/send-reminders.ts';
import { type PeriodicJob, startPeriodic } from './periodic.ts';

export type ReminderJob = PeriodicJob;

/** The reminder loop: at start-up, then every `everyMs`. */
export function startReminders(deps: Deps, everyMs: number): ReminderJob {
  return startPeriodic({
    name: 'reminders',
    everyMs,
    logger: deps.logger,
    clock: deps.clock,
    pass: async () => {
      const sent = await sendReminders(deps);
      metricsOf(deps).remindersSent(sent);
      if (sent > 0) deps.logger.info({ sent }, 'sent reminder DMs');
    },
  });
}
