import type { Deps } from '../usecases/ports.ts';
import { sendReminders } from '../usecases/send-reminders.ts';

export interface ReminderJob {
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/** The reminder loop: at start-up, then every `everyMs`; passes never overlap. */
export function startReminders(deps: Deps, everyMs: number): ReminderJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve();
    current ??= sendReminders(deps)
      .then((sent) => {
        if (sent > 0) deps.logger.info({ sent }, 'sent reminder DMs');
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'reminder pass failed'))
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
