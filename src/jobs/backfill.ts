import { claimKeys, claimsOf } from '../usecases/claims.ts';
import { type Deps, metricsOf } from '../usecases/ports.ts';
import { resumePoint, syncHistory } from '../usecases/sync-history.ts';
import { type PeriodicJob, startPeriodic } from './periodic.ts';

export type BackfillJob = PeriodicJob;

/**
 * Records what live delivery missed (the bot was down, or Slack gave up retrying) for every open
 * incident: once at start-up, then every `intervalMs` (0 = start-up only). Each incident is
 * claimed first, so replicas do not all page through the same history (ADR 0013).
 */
export function startBackfill(deps: Deps, intervalMs: number): BackfillJob {
  return startPeriodic({
    name: 'backfill',
    everyMs: intervalMs,
    logger: deps.logger,
    clock: deps.clock,
    pass: async () => {
      const claims = claimsOf(deps);
      for (const incident of await deps.store.incidents.listOpen()) {
        const key = claimKeys.backfill(incident.id);
        try {
          if (!(await claims.take(key))) continue;
          const threads = await deps.store.messages.threadRoots(incident.id);
          const from = await resumePoint(deps, incident);
          const result = await syncHistory(deps, incident, from, threads);
          metricsOf(deps).backfillRecovered(result.recorded);
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
        } finally {
          await claims.release(key).catch(() => {});
        }
      }
    },
  });
}
