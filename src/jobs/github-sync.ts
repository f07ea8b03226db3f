import { claimKeys, claimsOf } from '../usecases/claims.ts';
import type { GitHubDeps } from '../usecases/export-issue.ts';
import { syncClosedIssues } from '../usecases/sync-issues.ts';
import { type PeriodicJob, startPeriodic } from './periodic.ts';

export type GitHubSyncJob = PeriodicJob;

/** Polls GitHub for closed issues of exported actions (never when `everyMs` is 0 — tests call runNow). */
export function startGitHubSync(deps: GitHubDeps, everyMs: number): GitHubSyncJob {
  return startPeriodic({
    name: 'github-sync',
    everyMs,
    logger: deps.logger,
    clock: deps.clock,
    pass: async () => {
      if (!deps.tracker) return;
      // One replica's pass at a time: others would only ask GitHub the same questions.
      await claimsOf(deps).holding(claimKeys.githubSync(), async () => {
        const result = await syncClosedIssues(deps);
        if (result.closed > 0 || result.failed > 0) deps.logger.info(result, 'GitHub sync pass');
      });
    },
  });
}
