import type { GitHubDeps } from '../usecases/export-action.ts';
import { syncClosedIssues } from '../usecases/sync-issues.ts';

export interface GitHubSyncJob {
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Polls GitHub for closed issues of exported actions: at start-up, then every `everyMs` (never
 * when `everyMs` is 0; tests call runNow). Passes never overlap.
 */
export function startGitHubSync(deps: GitHubDeps, everyMs: number): GitHubSyncJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped || !deps.tracker) return Promise.resolve();
    current ??= syncClosedIssues(deps)
      .then((result) => {
        if (result.closed > 0 || result.failed > 0) deps.logger.info(result, 'GitHub sync pass');
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'GitHub sync pass failed'))
      .finally(() => {
        current = null;
      });
    return current;
  };
  void runNow();
  const timer = everyMs > 0 ? setInterval(() => void runNow(), everyMs) : null;
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
