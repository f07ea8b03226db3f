import type { Deps } from '../usecases/ports.ts';
import { resumePoint, syncHistory } from '../usecases/sync-history.ts';

export interface BackfillJob {
  /** Runs one pass now unless one is already running; resolves when that pass ends. */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

/**
 * Records what live delivery missed (the bot was down, or Slack gave up retrying) for every open
 * incident: once at start-up, then every `intervalMs` (0 = start-up only). Passes never overlap.
 */
export function startBackfill(deps: Deps, intervalMs: number): BackfillJob {
  let current: Promise<void> | null = null;
  let stopped = false;

  const pass = async () => {
    for (const incident of deps.store.incidents.listOpen()) {
      if (stopped) return;
      try {
        const threads = deps.store.messages.threadRoots(incident.id);
        const result = await syncHistory(deps, incident, resumePoint(deps, incident), threads);
        if (result.recorded > 0) {
          deps.logger.info(
            { incidentId: incident.id, ...result },
            'backfill recorded missed messages',
          );
        }
      } catch (error) {
        deps.logger.warn(
          { err: error, incidentId: incident.id },
          'backfill failed; retrying next pass',
        );
      }
    }
  };
  const runNow = () => {
    if (stopped) return Promise.resolve();
    current ??= pass().finally(() => {
      current = null;
    });
    return current;
  };

  void runNow();
  const timer = intervalMs > 0 ? setInterval(() => void runNow(), intervalMs) : null;
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
